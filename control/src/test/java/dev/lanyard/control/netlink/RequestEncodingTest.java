package dev.lanyard.control.netlink;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bytes of requests, checked against hand-written layouts (little-endian, as on x86-64 and arm64). */
class RequestEncodingTest {
    private final MessageBuilder b = new MessageBuilder(4096);

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the expected bytes are little-endian");
    }

    private String encoded(MessageBuilder message, int seq) {
        message.finish(seq);
        return Hex.of(message.bytes());
    }

    private static String hex(String layout) {
        return Hex.of(Hex.bytes(layout));
    }

    @Test
    void vethWithPeerInAnotherNamespaceNestsThePeerWithItsOwnNamespaceFd() {
        VethSpec spec = VethSpec.of(VethSpec.End.of("h1-eth0").withMac(Hex.bytes("020000000001")),
                VethSpec.End.of("sw-h1").in("h1")).withMtu(9000);
        String expected = hex(""
                + "84000000 1000 0506 07000000 00000000"  // len 132, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE, seq 7
                + "00 00 0000 00000000 00000000 00000000"  // ifinfomsg
                + "0c00 0300 68312d6574683000"             // IFLA_IFNAME "h1-eth0\0"
                + "0a00 0100 020000000001 0000"            // IFLA_ADDRESS, padded to 4
                + "0800 0400 28230000"                     // IFLA_MTU 9000
                + "4400 1200"                              // IFLA_LINKINFO, 68 bytes
                + "  0900 0100 7665746800 000000"          //   IFLA_INFO_KIND "veth\0", padded
                + "  3400 0200"                            //   IFLA_INFO_DATA, 52 bytes
                + "    3000 0100"                          //     VETH_INFO_PEER, 48 bytes
                + "      00 00 0000 00000000 00000000 00000000" // ifinfomsg of the peer
                + "      0a00 0300 73772d683100 0000"      //       IFLA_IFNAME "sw-h1\0"
                + "      0800 1c00 09000000"               //       IFLA_NET_NS_FD 9
                + "      0800 0400 28230000");             //       IFLA_MTU 9000
        assertEquals(expected, encoded(LinkMessages.newVeth(b, spec, -1, 9), 7));
    }

    @Test
    void vethWithBothEndsInNamespacesCarriesAnFdAtEachLevel() {
        VethSpec spec = VethSpec.of(VethSpec.End.of("a").in("x"), VethSpec.End.of("b").in("y"));
        String expected = hex(""
                + "68000000 1000 0506 01000000 00000000"   // len 104
                + "00000000 00000000 00000000 00000000"
                + "0600 0300 6100 0000"                    // IFLA_IFNAME "a\0"
                + "0800 1c00 05000000"                     // IFLA_NET_NS_FD 5
                + "3800 1200"                              // IFLA_LINKINFO, 56 bytes
                + "  0900 0100 7665746800 000000"
                + "  2800 0200"                            //   IFLA_INFO_DATA, 40 bytes
                + "    2400 0100"                          //     VETH_INFO_PEER, 36 bytes
                + "      00000000 00000000 00000000 00000000"
                + "      0600 0300 6200 0000"
                + "      0800 1c00 06000000");             // the peer's IFLA_NET_NS_FD 6
        assertEquals(expected, encoded(LinkMessages.newVeth(b, spec, 5, 6), 1));
    }

    @Test
    void newAddressIpv4CarriesLocalAndAddressWithoutBroadcast() throws Exception {
        String expected = hex(""
                + "28000000 1400 0506 02000000 00000000"   // len 40, RTM_NEWADDR
                + "02 18 00 00 05000000"                   // AF_INET, /24, no flags, universe, index 5
                + "0800 0200 0a000001"                     // IFA_LOCAL 10.0.0.1
                + "0800 0100 0a000001");                   // IFA_ADDRESS 10.0.0.1
        assertEquals(expected, encoded(AddressMessages.add(b, 5, InetAddress.getByName("10.0.0.1"), 24), 2));
    }

    @Test
    void newAddressIpv6SkipsDuplicateAddressDetection() throws Exception {
        String expected = hex(""
                + "40000000 1400 0506 03000000 00000000"
                + "0a 40 02 00 05000000"                   // AF_INET6, /64, IFA_F_NODAD
                + "1400 0200 fd000000000000000000000000000001"
                + "1400 0100 fd000000000000000000000000000001");
        assertEquals(expected, encoded(AddressMessages.add(b, 5, InetAddress.getByName("fd00::1"), 64), 3));
    }

    @Test
    void deleteAddressIsAPlainRequestWithAck() throws Exception {
        String expected = hex(""
                + "28000000 1500 0500 04000000 00000000"   // RTM_DELADDR, REQUEST|ACK
                + "02 10 00 00 07000000"
                + "0800 0200 c0a80101"
                + "0800 0100 c0a80101");
        assertEquals(expected, encoded(AddressMessages.delete(b, 7, InetAddress.getByName("192.168.1.1"), 16), 4));
    }

    @Test
    void defaultRouteViaGatewayHasNoDestinationAttribute() throws Exception {
        RouteSpec route = RouteSpec.defaultVia(InetAddress.getByName("172.17.0.1"));
        String expected = hex(""
                + "24000000 1800 0506 05000000 00000000"   // len 36, RTM_NEWROUTE
                + "02 00 00 00 fe 03 00 01 00000000"       // AF_INET /0, main, boot, universe, unicast
                + "0800 0500 ac110001");                   // RTA_GATEWAY 172.17.0.1
        assertEquals(expected, encoded(RouteMessages.add(b, route, 0), 5));
    }

    @Test
    void ipv6RouteCarriesDestinationGatewayOutputInterfaceAndMetric() throws Exception {
        RouteSpec route = RouteSpec.to("fd01::/64").via(InetAddress.getByName("fd00::2")).dev("eth0")
                .withMetric(100);
        String expected = hex(""
                + "54000000 1800 0506 06000000 00000000"   // len 84
                + "0a 40 00 00 fe 03 00 01 00000000"
                + "1400 0100 fd010000000000000000000000000000"  // RTA_DST
                + "1400 0500 fd000000000000000000000000000002"  // RTA_GATEWAY
                + "0800 0400 03000000"                     // RTA_OIF 3
                + "0800 0600 64000000");                   // RTA_PRIORITY 100
        assertEquals(expected, encoded(RouteMessages.add(b, route, 3), 6));
    }

    @Test
    void gatewaylessIpv4RouteHasLinkScope() {
        RouteSpec route = RouteSpec.to("10.50.0.0/16").dev("eth0");
        String expected = hex(""
                + "2c000000 1800 0506 08000000 00000000"
                + "02 10 00 00 fe 03 fd 01 00000000"       // scope link (253)
                + "0800 0100 0a320000"
                + "0800 0400 04000000");
        assertEquals(expected, encoded(RouteMessages.add(b, route, 4), 8));
    }

    @Test
    void deleteRouteMatchesAnyProtocolScopeAndType() throws Exception {
        RouteSpec route = RouteSpec.defaultVia(InetAddress.getByName("10.0.0.254"));
        String expected = hex(""
                + "24000000 1900 0500 09000000 00000000"   // RTM_DELROUTE, REQUEST|ACK
                + "02 00 00 00 fe 00 ff 00 00000000"       // protocol 0, scope nowhere, type 0
                + "0800 0500 0a0000fe");
        assertEquals(expected, encoded(RouteMessages.delete(b, route, 0), 9));
    }

    @Test
    void setUpChangesOnlyTheUpFlagOfTheNamedLink() {
        String up = hex(""
                + "28000000 1300 0500 0a000000 00000000"   // RTM_SETLINK
                + "00 00 0000 00000000 01000000 01000000"  // flags IFF_UP, change IFF_UP
                + "0700 0300 6c6f00 00");                  // IFLA_IFNAME "lo\0": length 7, padded to 8
        assertEquals(up, encoded(LinkMessages.setUp(b, "lo", true), 10));
        String down = hex(""
                + "28000000 1300 0500 0b000000 00000000"
                + "00 00 0000 00000000 00000000 01000000"
                + "0700 0300 6c6f00 00");
        assertEquals(down, encoded(LinkMessages.setUp(b, "lo", false), 11));
    }

    @Test
    void renameNamesTheLinkByIndexAndCarriesTheNewName() {
        String expected = hex(""
                + "2c000000 1300 0500 0c000000 00000000"
                + "00 00 0000 2a000000 00000000 00000000"  // index 42
                + "0900 0300 6574683000 000000");          // "eth0\0", padded
        assertEquals(expected, encoded(LinkMessages.rename(b, 42, "eth0"), 12));
    }

    @Test
    void linkDumpAsksToLeaveStatisticsOut() {
        String expected = hex(""
                + "28000000 1200 0103 0d000000 00000000"   // RTM_GETLINK, REQUEST|DUMP
                + "00000000 00000000 00000000 00000000"
                + "0800 1d00 08000000");                   // IFLA_EXT_MASK RTEXT_FILTER_SKIP_STATS
        assertEquals(expected, encoded(LinkMessages.dump(b), 13));
    }
}
