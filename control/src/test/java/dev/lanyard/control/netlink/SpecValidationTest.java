package dev.lanyard.control.netlink;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad specs are refused before anything is sent, with a message that says what is wrong. */
class SpecValidationTest {
    @Test
    void interfaceNamesFollowTheKernelsRules() {
        assertEquals("sw-h100-eth0123", InterfaceNames.check("sw-h100-eth0123"));
        assertEquals("interface name \"sw-h100-eth01234\" is 16 bytes, at most 15 allowed",
                assertThrows(IllegalArgumentException.class, () -> InterfaceNames.check("sw-h100-eth01234"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> InterfaceNames.check(""));
        assertThrows(IllegalArgumentException.class, () -> InterfaceNames.check("a/b"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceNames.check("a b"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceNames.check("eth0:1"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceNames.check(".."));
    }

    @Test
    void vethEndsMustDifferWhereTheyLive() {
        assertThrows(IllegalArgumentException.class, () -> VethSpec.of("eth0", "eth0"));
        VethSpec apart = VethSpec.of(VethSpec.End.of("eth0").in("a"), VethSpec.End.of("eth0").in("b"));
        assertEquals("veth eth0/eth0", apart.describe());
    }

    @Test
    void vethMacMustBeSixBytesOfUnicast() {
        assertThrows(IllegalArgumentException.class, () -> VethSpec.End.of("a").withMac(new byte[5]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VethSpec.End.of("a").withMac(new byte[] {1, 0, 0x5e, 0, 0, 1}));
        assertEquals("veth end a: MAC 01:00:5e:00:00:01 is a group address", e.getMessage());
    }

    @Test
    void vethEndKeepsItsOwnCopyOfTheMac() {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        VethSpec.End end = VethSpec.End.of("a").withMac(mac);
        mac[5] = 9;
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1}, end.mac());
        assertNull(VethSpec.End.of("b").mac());
    }

    @Test
    void routeCidrsParseWithoutAResolver() throws Exception {
        RouteSpec r = RouteSpec.to("10.1.0.0/16").via(InetAddress.getByName("10.0.0.1")).dev("eth0");
        assertEquals("10.1.0.0/16 via 10.0.0.1 dev eth0", r.describe());
        assertEquals("fd00:0:0:0:0:0:0:0/64", RouteSpec.to("fd00::/64").describe());
        assertEquals("default via 172.17.0.1", RouteSpec.defaultVia(InetAddress.getByName("172.17.0.1")).describe());
        assertEquals(32, RouteSpec.to("192.168.1.7").prefixLength());
        assertThrows(IllegalArgumentException.class, () -> RouteSpec.to("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> RouteSpec.to("10.1/16"));
        assertThrows(IllegalArgumentException.class, () -> RouteSpec.to("10.1.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> RouteSpec.to("10.1.0.0/x"));
    }

    @Test
    void routeGatewayMustMatchTheDestinationsFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RouteSpec.to("10.1.0.0/16").via(InetAddress.getByName("fd00::1")));
        assertEquals("route to 10.1.0.0/16: gateway fd00:0:0:0:0:0:0:1 is of another address family",
                e.getMessage());
    }
}
