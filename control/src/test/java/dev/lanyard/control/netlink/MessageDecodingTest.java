package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Socket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Link, address and route messages as the kernel sends them, decoded into records. */
class MessageDecodingTest {
    private static NetlinkMessage message(MessageBuilder b) throws NetlinkProtocolException {
        b.finish(0);
        byte[] bytes = b.bytes();
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        buf.put(bytes).clear();
        return NetlinkMessage.at(buf, 0, bytes.length);
    }

    @Test
    void vethLinkDecodesNameKindMacMtuFlagsPeerAndNetnsId() throws IOException {
        byte[] bytes = KernelMessages.link(0, 0, 7, "h1-eth0", 12);
        ByteBuffer buf = KernelMessages.datagram(bytes);
        LinkInfo link = LinkMessages.decode(NetlinkMessage.at(buf, 0, bytes.length));
        assertEquals(new LinkInfo(7, "h1-eth0", "veth", new byte[] {2, 0, 0, 0, 0, 7}, 1500, true, true, 0, 12,
                OptionalInt.of(0)), link);
        assertEquals("02:00:00:00:00:07", link.macString());
    }

    @Test
    void linkWithoutKindMasterOrPeerHasEmptyDefaults() throws IOException {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWLINK, 0);
        LinkMessages.ifinfomsg(b, 1, IfLink.IFF_UP, 0);
        b.attrString(IfLink.IFLA_IFNAME, "lo").attrU32(IfLink.IFLA_MTU, 65536).attrU32(IfLink.IFLA_MASTER, 0);
        LinkInfo lo = LinkMessages.decode(message(b));
        assertEquals("", lo.kind());
        assertEquals(0, lo.mac().length);
        assertTrue(lo.adminUp());
        assertFalse(lo.operUp());
        assertEquals(OptionalInt.empty(), lo.linkNetnsId());
    }

    @Test
    void ipv6AddressPrefersIfaFlagsOverTheByteField() throws IOException {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWADDR, 0)
                .u8(Socket.AF_INET6).u8(64).u8(IfAddr.IFA_F_NODAD).u8(0).u32(5);
        b.attr(IfAddr.IFA_ADDRESS, InetAddress.getByName("fd00::1").getAddress())
                .attrU32(IfAddr.IFA_FLAGS, IfAddr.IFA_F_NODAD | IfAddr.IFA_F_PERMANENT | 0x100);
        AddressInfo a = AddressMessages.decode(message(b));
        assertEquals(new AddressInfo(5, InetAddress.getByName("fd00::1"), 64, 0,
                IfAddr.IFA_F_NODAD | IfAddr.IFA_F_PERMANENT | 0x100), a);
        assertEquals("fd00:0:0:0:0:0:0:1/64", a.cidr());
    }

    @Test
    void ipv4AddressTakesTheLocalAddressOverThePeer() throws IOException {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWADDR, 0)
                .u8(Socket.AF_INET).u8(32).u8(0).u8(0).u32(9);
        b.attr(IfAddr.IFA_ADDRESS, InetAddress.getByName("10.0.0.2").getAddress())
                .attr(IfAddr.IFA_LOCAL, InetAddress.getByName("10.0.0.1").getAddress());
        assertEquals("10.0.0.1/32", AddressMessages.decode(message(b)).cidr());
    }

    @Test
    void defaultRouteDecodesGatewayOutputTableAndMetric() throws IOException {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWROUTE, 0)
                .u8(Socket.AF_INET).u8(0).u8(0).u8(0).u8(Rtnetlink.RT_TABLE_MAIN).u8(Rtnetlink.RTPROT_BOOT)
                .u8(Rtnetlink.RT_SCOPE_UNIVERSE).u8(Rtnetlink.RTN_UNICAST).u32(0);
        b.attrU32(Rtnetlink.RTA_TABLE, Rtnetlink.RT_TABLE_MAIN)
                .attr(Rtnetlink.RTA_GATEWAY, InetAddress.getByName("172.17.0.1").getAddress())
                .attrU32(Rtnetlink.RTA_OIF, 2).attrU32(Rtnetlink.RTA_PRIORITY, 10);
        NetlinkMessage m = message(b);
        RouteInfo r = RouteMessages.decode(m);
        assertEquals(Rtnetlink.RT_TABLE_MAIN, RouteMessages.table(m));
        assertEquals(new RouteInfo(InetAddress.getByName("0.0.0.0"), 0,
                Optional.of(InetAddress.getByName("172.17.0.1")), 2, Rtnetlink.RTPROT_BOOT, 0, 1, 10), r);
        assertTrue(r.isDefault());
        assertEquals("default via 172.17.0.1 dev #2", r.toString());
    }

    @Test
    void routeTableAboveTwoHundredFiftyFiveComesFromRtaTable() throws IOException {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWROUTE, 0)
                .u8(Socket.AF_INET6).u8(64).u8(0).u8(0).u8(252).u8(0).u8(0).u8(1).u32(0);
        b.attrU32(Rtnetlink.RTA_TABLE, 1000).attr(Rtnetlink.RTA_DST, InetAddress.getByName("fd01::").getAddress());
        NetlinkMessage m = message(b);
        assertEquals(1000, RouteMessages.table(m));
        assertEquals("fd01:0:0:0:0:0:0:0/64", RouteMessages.decode(m).toString());
    }

    @Test
    void duplicateAttributeLastOneCounts() throws IOException {
        MessageBuilder b = new MessageBuilder(256).start(Rtnetlink.RTM_NEWLINK, 0);
        LinkMessages.ifinfomsg(b, 4, 0, 0);
        b.attrString(IfLink.IFLA_IFNAME, "first").attrString(IfLink.IFLA_IFNAME, "second");
        assertEquals("second", LinkMessages.decode(message(b)).name());
    }
}
