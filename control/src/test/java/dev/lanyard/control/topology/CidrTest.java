package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void keepsHostBitsAsIpAddrDoes() {
        Cidr c = Cidr.parse("172.17.0.101/16");
        assertEquals("172.17.0.101/16", c.toString());
        assertTrue(c.hasHostBits());
        assertEquals("172.17.0.0/16", c.network().toString());
    }

    @Test
    void containsAddressesOfItsNetworkAndFamilyOnly() {
        Cidr c = Cidr.parse("172.17.0.101/16");
        assertTrue(c.contains(IpAddress.parse("172.17.255.1")));
        assertFalse(c.contains(IpAddress.parse("172.18.0.1")));
        assertFalse(c.contains(IpAddress.parse("::ffff:172.17.0.1")));
        assertTrue(Cidr.parse("2001:db8::1/64").contains(IpAddress.parse("2001:db8::ffff")));
        assertTrue(Cidr.parse("10.1.2.3/0").contains(IpAddress.parse("192.0.2.1")));
        assertFalse(Cidr.parse("10.0.0.1/31").contains(IpAddress.parse("10.0.0.2")));
    }

    @Test
    void masksPartialBytes() {
        assertEquals("10.0.0.224/27", Cidr.parse("10.0.0.255/27").network().toString());
        assertEquals("2001:db8:8000::/33", Cidr.parse("2001:db8:ffff::1/33").network().toString());
    }

    @Test
    void defaultRoutes() {
        assertEquals("0.0.0.0/0", Cidr.defaultRoute(true).toString());
        assertEquals("::/0", Cidr.defaultRoute(false).toString());
        assertTrue(Cidr.defaultRoute(false).isDefault());
    }

    @Test
    void refusesMissingOrBadPrefixes() {
        assertEquals("it needs a prefix length, as in 10.0.0.1/24",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1")).getMessage());
        assertEquals("it needs a prefix length, as in fe80::1/64",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("fe80::1")).getMessage());
        assertEquals("prefix length 33 is above 32",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/33")).getMessage());
        assertEquals("\"x\" is not a prefix length",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/-1"));
    }
}
