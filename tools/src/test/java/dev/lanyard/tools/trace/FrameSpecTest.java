package dev.lanyard.tools.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames described on a command line. */
class FrameSpecTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:0a");
    private static final long B = MacAddress.parse("02:00:00:00:00:0b");

    @Test
    void addressesVlanAndEthertypeInCommasOrWords() {
        byte[] want = Arrays.copyOf(new FrameBuilder().src(A).dst(B).vlan(10, 3).payload(0x0800, new byte[0])
                .build(), 64);
        assertArrayEquals(want, FrameSpec.parse("src=02:00:00:00:00:0a,dst=02:00:00:00:00:0b,vlan=10,pcp=3,"
                + "type=0x0800"));
        assertArrayEquals(want, FrameSpec.parse(List.of("src=02:00:00:00:00:0a", "dst=02:00:00:00:00:0b",
                "vlan=10", "pcp=3", "type=2048")));
    }

    @Test
    void defaultsToABroadcastFromALocalAddressPaddedToTheMinimum() {
        byte[] f = FrameSpec.parse("type=0x88b5");
        assertEquals(60, f.length);
        assertEquals(MacAddress.BROADCAST, MacAddress.fromBytes(Arrays.copyOfRange(f, 0, 6)));
        assertEquals(0x0200_0000_0001L, MacAddress.fromBytes(Arrays.copyOfRange(f, 6, 12)));
    }

    @Test
    void shortcutsBuildArpIcmpAndUdp() {
        int s = FrameBuilder.ipv4("172.17.0.101");
        int d = FrameBuilder.ipv4("172.17.0.102");
        assertArrayEquals(Arrays.copyOf(new FrameBuilder().src(A).arpRequest(s, d).build(), 60),
                FrameSpec.parse("arp src=02:00:00:00:00:0a sip=172.17.0.101 dip=172.17.0.102"));
        assertArrayEquals(Arrays.copyOf(new FrameBuilder().src(A).dst(B).icmp4Echo(s, d, true, 1, 1, 0).build(), 60),
                FrameSpec.parse("icmp,src=02:00:00:00:00:0a,dst=02:00:00:00:00:0b,sip=172.17.0.101,dip=172.17.0.102"));
        byte[] udp = FrameSpec.parse("udp dst=02:00:00:00:00:0b sport=1 dport=53");
        assertArrayEquals(Arrays.copyOf(new FrameBuilder().dst(B).udp4(FrameBuilder.ipv4("10.0.0.1"),
                FrameBuilder.ipv4("10.0.0.2"), 1, 53, 0).build(), 60), udp);
    }

    @Test
    void qinqPutsThe8021adTagOutside() {
        byte[] f = FrameSpec.parse("svlan=100 vlan=10");
        assertEquals(EtherType.QINQ, (f[12] & 0xFF) << 8 | (f[13] & 0xFF));
        assertEquals(100, (f[14] & 0x0F) << 8 | (f[15] & 0xFF));
        assertEquals(EtherType.VLAN, (f[16] & 0xFF) << 8 | (f[17] & 0xFF));
        assertEquals(68, f.length);
    }

    @Test
    void lenCutsOrPads() {
        assertEquals(10, FrameSpec.parse("len=10").length);
        assertEquals(1500, FrameSpec.parse("icmp len=1500").length);
    }

    @Test
    void hexGivesTheBytesAsTheyAre() {
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            2, 0}, FrameSpec.parse("ffffffffffff0200"));
        assertArrayEquals(new byte[] {1, 2, 3}, FrameSpec.parse("hex=01:02:03"));
    }

    @Test
    void badDescriptionsSayWhatIsWrong() {
        assertError("bad frame description: it is empty; give fields such as src=02:00:00:00:00:01 "
                + "dst=02:00:00:00:00:02 vlan=10, a shortcut (arp, icmp, udp) with sip= and dip=, or the frame as a "
                + "hex string", " ");
        assertError("bad frame description: unknown field \"vid\"; known fields: src, dst, vlan, pcp, svlan, type, "
                + "len, sip, dip, sport, dport, hex", "vid=10");
        assertError("bad frame description: vlan=5000 is out of range 0..4095", "vlan=5000");
        assertError("bad frame description: pcp=3 needs a vlan= to go with it", "pcp=3");
        assertError("bad frame description: src: not a MAC address: \"02:00\" (want six hex octets as "
                + "aa:bb:cc:dd:ee:ff)", "src=02:00");
        assertError("bad frame description: sip: not an IPv4 address: \"10.0.0\"", "icmp sip=10.0.0");
        assertError("bad frame description: sip= needs a protocol shortcut (arp, icmp, udp)", "sip=10.0.0.1");
        assertError("bad frame description: sport= and dport= go with udp, not icmp", "icmp sport=1");
        assertError("bad frame description: type= cannot go with \"arp\", which sets the EtherType itself",
                "arp type=0x0800");
        assertError("bad frame description: dst given twice", "dst=02:00:00:00:00:01 dst=02:00:00:00:00:02");
        assertError("bad frame description: a hex string describes the whole frame; give no other field with it",
                "ffffffffffff0200 vlan=3");
        assertError("bad frame description: hex string has 3 digits; it needs an even number, two per byte",
                "hex=abc");
        assertError("bad frame description: \"frame\" is neither a field (src, dst, vlan, pcp, svlan, type, len, "
                + "sip, dip, sport, dport, hex), a shortcut (arp, icmp, udp) nor a hex string", "frame");
        assertError("bad frame description: \"arp\" and \"udp\" both given; pick one protocol", "arp udp");
        assertError("bad frame description: len=0 is out of range 1..65535", "len=0");
        assertError("bad frame description: type=ip is not a number", "type=ip");
    }

    private static void assertError(String message, String description) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameSpec.parse(description));
        assertEquals(message, e.getMessage());
    }
}
