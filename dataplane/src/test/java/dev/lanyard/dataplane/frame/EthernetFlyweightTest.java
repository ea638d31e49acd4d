package dev.lanyard.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EthernetFlyweightTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:0a");
    private static final long B = MacAddress.parse("02:00:00:00:00:0b");
    private final EthernetFlyweight eth = new EthernetFlyweight();

    private int wrap(byte[] f) {
        return eth.wrap(ByteBuffer.wrap(f), 0, f.length);
    }

    @Test
    void decodesAnUntaggedFrame() {
        byte[] f = new FrameBuilder().dst(B).src(A).payload(EtherType.IPV4, new byte[46]).build();
        assertEquals(EthernetFlyweight.OK, wrap(f));
        assertEquals(B, eth.dst());
        assertEquals(A, eth.src());
        assertEquals(EtherType.IPV4, eth.etherType());
        assertEquals(0, eth.tagCount());
        assertEquals(0, eth.vid());
        assertEquals(14, eth.payloadOffset());
        assertEquals(46, eth.payloadLength());
    }

    @Test
    void decodesAn8021qTagWithPriority() {
        byte[] f = new FrameBuilder().dst(B).src(A).vlan(100, 5).payload(EtherType.ARP, new byte[28]).build();
        assertEquals(EthernetFlyweight.OK, wrap(f));
        assertEquals(1, eth.tagCount());
        assertEquals(100, eth.vid());
        assertEquals(5, eth.pcp());
        assertEquals(EtherType.VLAN, eth.outerTpid());
        assertEquals(EtherType.ARP, eth.etherType());
        assertEquals(18, eth.payloadOffset());
    }

    @Test
    void decodesQinQWithOuterServiceTag() {
        byte[] f = new FrameBuilder().dst(B).src(A).tag(EtherType.QINQ, 200, 1).vlan(10, 0)
                .payload(EtherType.IPV6, new byte[40]).build();
        assertEquals(EthernetFlyweight.OK, wrap(f));
        assertEquals(2, eth.tagCount());
        assertEquals(200, eth.vid());
        assertEquals(EtherType.QINQ, eth.outerTpid());
        assertEquals(10, eth.innerTci() & 0xFFF);
        assertEquals(EtherType.IPV6, eth.etherType());
        assertEquals(22, eth.payloadOffset());
    }

    @Test
    void treatsAStrippedTagAsTheOuterTag() {
        byte[] f = new FrameBuilder().dst(B).src(A).vlan(7, 0).payload(EtherType.IPV4, new byte[20]).build();
        int tci = 3 << 13 | 42;
        assertEquals(EthernetFlyweight.OK, eth.wrap(ByteBuffer.wrap(f), 0, f.length, 0, tci));
        assertTrue(eth.hasExternalTag());
        assertEquals(42, eth.vid());
        assertEquals(3, eth.pcp());
        assertEquals(7, eth.innerTci() & 0xFFF);
        assertEquals(1, eth.inFrameTags());
        assertEquals(EtherType.IPV4, eth.etherType());
    }

    @Test
    void reportsARuntShorterThanAHeader() {
        for (int len = 0; len < 14; len++) {
            assertEquals(EthernetFlyweight.RUNT, wrap(new byte[len]), "length " + len);
        }
    }

    @Test
    void reportsATagCutOffByTheEnd() {
        byte[] full = new FrameBuilder().dst(B).src(A).vlan(5, 0).payload(EtherType.IPV4, new byte[0]).build();
        for (int cut = 14; cut < full.length; cut++) {
            assertEquals(EthernetFlyweight.TRUNCATED_TAG, wrap(Arrays.copyOf(full, cut)), "cut at " + cut);
        }
        assertEquals(EthernetFlyweight.OK, wrap(full));
    }

    @Test
    void reportsAn8023LengthFieldThatLies() {
        byte[] f = new FrameBuilder().dst(B).src(A).payload(100, new byte[46]).build();
        assertEquals(EthernetFlyweight.BAD_LENGTH, wrap(f));
        byte[] ok = new FrameBuilder().dst(B).src(A).payload(40, new byte[46]).build();
        assertEquals(EthernetFlyweight.OK, wrap(ok), "a length shorter than the payload is padding");
    }

    @Test
    void reportsATypeBetweenLengthAndEthertype() {
        assertEquals(EthernetFlyweight.BAD_LENGTH, wrap(new FrameBuilder().payload(1536 - 1, new byte[46]).build()));
        assertEquals(EthernetFlyweight.BAD_LENGTH, wrap(new FrameBuilder().payload(1501, new byte[46]).build()));
    }

    @Test
    void leavesPayloadOpaqueAfterTwoTags() {
        byte[] f = new FrameBuilder().dst(B).src(A).vlan(1, 0).vlan(2, 0)
                .payload(EtherType.VLAN, new byte[30]).build();
        assertEquals(EthernetFlyweight.OK, wrap(f));
        assertTrue(eth.hasMoreTags());
    }

    @Test
    void classifiesGroupAndLinkLocalAddresses() {
        assertTrue(MacAddress.isGroup(MacAddress.BROADCAST));
        assertTrue(MacAddress.isGroup(MacAddress.parse("01:00:5e:00:00:01")));
        assertFalse(MacAddress.isGroup(A));
        assertTrue(MacAddress.isLinkLocal(MacAddress.parse("01:80:c2:00:00:00")));
        assertTrue(MacAddress.isLinkLocal(MacAddress.parse("01:80:c2:00:00:0f")));
        assertFalse(MacAddress.isLinkLocal(MacAddress.parse("01:80:c2:00:00:10")));
        assertFalse(MacAddress.isValidSource(0));
        assertFalse(MacAddress.isValidSource(MacAddress.parse("33:33:00:00:00:01")));
        assertEquals("02:00:00:00:00:0a", MacAddress.toString(A));
    }
}
