package dev.lanyard.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:0a");
    private static final long B = MacAddress.parse("02:00:00:00:00:0b");
    private static final int IP_A = FrameBuilder.ipv4("172.17.0.101");
    private static final int IP_B = FrameBuilder.ipv4("172.17.0.102");
    private final PacketDecoder d = new PacketDecoder();

    private int decode(byte[] f) {
        return d.decode(ByteBuffer.wrap(f), 0, f.length, 0, EthernetFlyweight.NO_TAG);
    }

    @Test
    void decodesArpRequest() {
        decode(new FrameBuilder().src(A).arpRequest(IP_A, IP_B).build());
        assertTrue(d.isArp());
        assertEquals(ArpFlyweight.REQUEST, d.arp().operation());
        assertEquals(IP_B, d.arp().targetIp());
        assertEquals(A, d.arp().senderMac());
        assertTrue(d.summary().endsWith("ARP who-has 172.17.0.102 tell 172.17.0.101"), d.summary());
    }

    @Test
    void decodesUdpOverIpv4BehindATag() {
        decode(new FrameBuilder().dst(B).src(A).vlan(10, 0).udp4(IP_A, IP_B, 5000, 53, 12).build());
        assertTrue(d.isIpv4());
        assertTrue(d.hasL4());
        assertEquals(Ipv4Flyweight.PROTO_UDP, d.ipv4().protocol());
        assertEquals(5000, d.l4().srcPort());
        assertEquals(53, d.l4().dstPort());
        assertEquals(20, d.l4().udpLength());
        assertTrue(d.summary().contains("vlan 10"), d.summary());
        assertTrue(d.summary().endsWith("IPv4 172.17.0.101 > 172.17.0.102: UDP 5000 > 53"), d.summary());
    }

    @Test
    void decodesIcmpEcho() {
        decode(new FrameBuilder().dst(B).src(A).icmp4Echo(IP_A, IP_B, true, 7, 1, 56).build());
        assertTrue(d.hasL4());
        assertEquals(8, d.l4().icmpType());
    }

    @Test
    void walksIpv6ExtensionHeadersToTcp() {
        ByteBuffer ip = ByteBuffer.allocate(40 + 8 + 20);
        ip.putInt(0x6000_0000).putShort((short) 28).put((byte) 0).put((byte) 64);
        ip.putLong(0xfe80_0000_0000_0000L).putLong(1).putLong(0xfe80_0000_0000_0000L).putLong(2);
        ip.put((byte) 6).put((byte) 0).put(new byte[6]);
        ip.putShort((short) 1234).putShort((short) 80).putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x02);
        decode(new FrameBuilder().dst(B).src(A).payload(EtherType.IPV6, ip.array()).build());
        assertTrue(d.isIpv6());
        assertEquals(Ipv4Flyweight.PROTO_TCP, d.ipv6().protocol());
        assertTrue(d.hasL4());
        assertEquals(80, d.l4().dstPort());
        assertEquals(L4Flyweight.SYN, d.l4().tcpFlags());
    }

    @Test
    void toleratesTruncatedAndLyingIpHeaders() {
        byte[] f = new FrameBuilder().dst(B).src(A).udp4(IP_A, IP_B, 1, 2, 100).build();
        for (int cut = 14; cut < f.length; cut++) {
            assertEquals(EthernetFlyweight.OK, decode(Arrays.copyOf(f, cut)));
            d.summary();
        }
        byte[] liar = f.clone();
        liar[14 + 2] = (byte) 0xFF;
        liar[14 + 3] = (byte) 0xFF;
        decode(liar);
        assertTrue(d.isIpv4());
        assertTrue(d.ipv4().truncated());
        byte[] badIhl = f.clone();
        badIhl[14] = 0x4F;
        decode(Arrays.copyOf(badIhl, 14 + 30));
        assertFalse(d.isIpv4());
    }
}
