package dev.lanyard.dataplane.offload;

import static dev.lanyard.dataplane.offload.SegmentAssertions.assertFragments;
import static dev.lanyard.dataplane.offload.SegmentAssertions.assertSegments;
import static dev.lanyard.dataplane.offload.SegmentAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.linux.VirtioNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GsoSegmenterTest {
    private static final int MSS = 1448;
    private final GsoSegmenter segmenter = new GsoSegmenter();
    private final BufferArraySink sink = BufferArraySink.allocate(256, 2048);

    private int segment(TestFrame f, byte[] frame, int gsoType, int gsoSize) {
        return segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length, gsoType, gsoSize, f.csumStart(),
                f.csumOffset(), sink);
    }

    private void assertError(OffloadError expected, int result) {
        assertTrue(result < 0, "expected " + expected + ", got " + result);
        assertEquals(expected, OffloadError.of(result));
        assertEquals(0, sink.count(), "an error before the first segment leaves the sink untouched");
    }

    @Test
    void segmentsTcpOverIpv4WithTimestampsIntoMssSizedSegments() {
        TestFrame f = new TestFrame().payload(60000, 1);
        byte[] frame = f.build();
        assertEquals(42, segment(f, frame, VirtioNet.GSO_TCPV4, MSS));
        assertSegments(f, frame, sink, MSS);
        assertEquals(42, segmenter.segmentsWritten());
    }

    @Test
    void segmentsTcpBehindOneOrTwoVlanTags() {
        int[][] stacks = {{0x8100}, {0x88A8, 0x8100}, {0x9100, 0x8100}};
        for (int[] stack : stacks) {
            TestFrame f = new TestFrame().payload(20000, 2);
            for (int tpid : stack) {
                f.tag(tpid);
            }
            byte[] frame = f.build();
            sink.reset();
            assertEquals(14, segment(f, frame, VirtioNet.GSO_TCPV4, MSS));
            assertSegments(f, frame, sink, MSS);
        }
    }

    @Test
    void rejectsAThirdVlanTag() {
        TestFrame f = new TestFrame().tag(0x88A8).tag(0x8100).tag(0x8100).payload(5000, 3);
        assertError(OffloadError.TOO_MANY_TAGS, segment(f, f.build(), VirtioNet.GSO_TCPV4, MSS));
    }

    @Test
    void segmentsTcpOverIpv4WithOptions() {
        TestFrame f = new TestFrame().payload(9000, 4);
        f.ipv4OptionWords = 3;
        byte[] frame = f.build();
        assertEquals(7, segment(f, frame, VirtioNet.GSO_TCPV4, MSS));
        assertSegments(f, frame, sink, MSS);
    }

    @Test
    void segmentsTcpOverIpv6() {
        TestFrame f = new TestFrame().ipv6().tag(0x8100).payload(60000, 5);
        byte[] frame = f.build();
        assertEquals(42, segment(f, frame, VirtioNet.GSO_TCPV6, MSS));
        assertSegments(f, frame, sink, MSS);
    }

    @Test
    void segmentsTcpOverIpv6WithHopByHopDestinationOptionsAndASpentRoutingHeader() {
        TestFrame f = new TestFrame().ipv6().extension(0, 0, 0).extension(43, 2, 0).extension(60, 1, 0)
                .payload(30000, 6);
        byte[] frame = f.build();
        assertEquals(21, segment(f, frame, VirtioNet.GSO_TCPV6, MSS));
        assertSegments(f, frame, sink, MSS);
    }

    @Test
    void rejectsIpv6RoutingHeaderWithSegmentsLeftAndEsp() {
        TestFrame routed = new TestFrame().ipv6().extension(43, 2, 1).payload(3000, 7);
        assertError(OffloadError.UNSUPPORTED_IPV6_EXTENSION, segment(routed, routed.build(), VirtioNet.GSO_TCPV6,
                MSS));
        TestFrame esp = new TestFrame().ipv6().extension(50, 1, 0).payload(3000, 7);
        assertError(OffloadError.UNSUPPORTED_IPV6_EXTENSION, segment(esp, esp.build(), VirtioNet.GSO_TCPV6, MSS));
        TestFrame fragment = new TestFrame().ipv6().extension(44, 0, 0).payload(3000, 7);
        assertError(OffloadError.IP_FRAGMENT, segment(fragment, fragment.build(), VirtioNet.GSO_TCPV6, MSS));
    }

    @Test
    void putsFinAndPshOnTheLastSegmentOnlyAndCwrOnTheFirstOnly() {
        TestFrame f = new TestFrame().payload(5000, 8);
        f.tcpFlags = TestFrame.ACK | TestFrame.PSH | TestFrame.FIN | TestFrame.CWR | TestFrame.ECE;
        byte[] frame = f.build();
        assertEquals(4, segment(f, frame, VirtioNet.GSO_TCPV4 | VirtioNet.GSO_ECN, MSS));
        assertSegments(f, frame, sink, MSS);
        assertEquals(TestFrame.ACK | TestFrame.CWR | TestFrame.ECE, bytes(sink, 0)[f.l4 + 13] & 0xFF);
        assertEquals(TestFrame.ACK | TestFrame.ECE, bytes(sink, 1)[f.l4 + 13] & 0xFF);
        assertEquals(TestFrame.ACK | TestFrame.PSH | TestFrame.FIN | TestFrame.ECE, bytes(sink, 3)[f.l4 + 13] & 0xFF);
    }

    @Test
    void incrementsTheIpIdAcrossItsWrapAndKeepsDf() {
        TestFrame f = new TestFrame().payload(6000, 9);
        f.ipId = 0xFFFE;
        byte[] frame = f.build();
        assertEquals(5, segment(f, frame, VirtioNet.GSO_TCPV4, MSS));
        assertSegments(f, frame, sink, MSS);
        assertEquals(0x0000, SegmentAssertions.u16(bytes(sink, 2), f.l3 + 4));
    }

    @Test
    void sendsAFrameNoLargerThanGsoSizeAsOneCompleteSegment() {
        TestFrame f = new TestFrame().payload(1000, 10);
        f.tcpFlags = TestFrame.ACK | TestFrame.PSH | TestFrame.FIN;
        byte[] frame = f.build();
        assertEquals(1, segment(f, frame, VirtioNet.GSO_TCPV4, MSS));
        assertSegments(f, frame, sink, MSS);
    }

    @Test
    void segmentsUdpL4IntoDatagramsOverIpv4AndIpv6() {
        TestFrame v4 = new TestFrame().udp().payload(60000, 11);
        byte[] frame4 = v4.build();
        assertEquals(50, segment(v4, frame4, VirtioNet.GSO_UDP_L4, 1200));
        assertSegments(v4, frame4, sink, 1200);
        sink.reset();
        TestFrame v6 = new TestFrame().udp().ipv6().tag(0x8100).extension(60, 0, 0).payload(10001, 12);
        byte[] frame6 = v6.build();
        assertEquals(9, segment(v6, frame6, VirtioNet.GSO_UDP_L4, 1200));
        assertSegments(v6, frame6, sink, 1200);
    }

    @Test
    void fragmentsLegacyUfoOverIpv4WithTheDatagramChecksumCompleted() {
        TestFrame f = new TestFrame().udp().tag(0x8100).payload(20000, 13);
        byte[] frame = f.build();
        assertEquals(14, segment(f, frame, VirtioNet.GSO_UDP, 1480));
        assertFragments(f, frame, sink, 1480);
    }

    @Test
    void fragmentsUfoAtMultiplesOfEightAndLeavesAFinishedChecksumAlone() {
        TestFrame f = new TestFrame().udp().payload(5000, 14);
        f.partial = false;
        f.dontFragment = false;
        byte[] frame = f.build();
        int result = segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length, VirtioNet.GSO_UDP, 1475,
                GsoSegmenter.NO_PARTIAL_CSUM, 0, sink);
        assertEquals(4, result);
        assertFragments(f, frame, sink, 1472);
    }

    @Test
    void sendsASmallUfoDatagramWholeWithItsDf() {
        TestFrame f = new TestFrame().udp().payload(500, 15);
        byte[] frame = f.build();
        assertEquals(1, segment(f, frame, VirtioNet.GSO_UDP, 1480));
        assertFragments(f, frame, sink, 1480);
    }

    @Test
    void rejectsUfoOverIpv6() {
        TestFrame f = new TestFrame().udp().ipv6().payload(5000, 16);
        assertError(OffloadError.IPV6_UFO, segment(f, f.build(), VirtioNet.GSO_UDP, 1280));
    }

    @Test
    void segmentsBigTcpFramesWhoseIpLengthIsZero() {
        TestFrame f = new TestFrame().payload(100000, 17);
        byte[] frame = f.build();
        assertEquals(0, SegmentAssertions.u16(frame, f.l3 + 2));
        assertEquals(70, segment(f, frame, VirtioNet.GSO_TCPV4, MSS));
        assertSegments(f, frame, sink, MSS);
        sink.reset();
        assertError(OffloadError.SEGMENT_TOO_LARGE, segment(f, frame, VirtioNet.GSO_TCPV4, 65535));
    }

    @Test
    void segmentsIpv6FramesWhosePayloadLengthIsZeroForBigTcp() {
        TestFrame f = new TestFrame().ipv6().payload(80000, 29);
        byte[] frame = f.build();
        assertEquals(0, SegmentAssertions.u16(frame, f.l3 + 4));
        assertEquals(56, segment(f, frame, VirtioNet.GSO_TCPV6, MSS));
        assertSegments(f, frame, sink, MSS);
    }

    @Test
    void ignoresBytesPastTheIpLength() {
        TestFrame f = new TestFrame().payload(5000, 30);
        byte[] frame = f.build();
        byte[] padded = Arrays.copyOf(frame, frame.length + 7);
        assertEquals(4, segment(f, padded, VirtioNet.GSO_TCPV4, MSS));
        assertSegments(f, frame, sink, MSS);
    }

    @Test
    void readsFromAnOffsetAndWritesIntoLittleEndianDirectBuffers() {
        TestFrame f = new TestFrame().ipv6().payload(7000, 18);
        byte[] frame = f.build();
        ByteBuffer src = ByteBuffer.allocateDirect(frame.length + 100).order(ByteOrder.LITTLE_ENDIAN);
        src.put(37, frame);
        ByteBuffer[] slots = new ByteBuffer[8];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = ByteBuffer.allocateDirect(2000).order(ByteOrder.LITTLE_ENDIAN);
        }
        BufferArraySink le = new BufferArraySink(slots);
        assertEquals(5, segmenter.segment(src, 37, frame.length, VirtioNet.GSO_TCPV6, MSS, f.csumStart(),
                f.csumOffset(), le));
        assertSegments(f, frame, le, MSS);
    }

    @Test
    void leavesTheSourceFrameUntouched() {
        TestFrame f = new TestFrame().udp().payload(9000, 19);
        byte[] frame = f.build();
        byte[] copy = frame.clone();
        assertEquals(7, segment(f, frame, VirtioNet.GSO_UDP, 1400));
        sink.reset();
        assertEquals(8, segment(f, frame, VirtioNet.GSO_UDP_L4, 1200));
        assertArrayEquals(copy, frame);
    }

    @Test
    void stopsWhenTheSinkIsFullAndSaysHowManyWentOut() {
        TestFrame f = new TestFrame().payload(60000, 20);
        byte[] frame = f.build();
        BufferArraySink small = BufferArraySink.allocate(5, 2048);
        int result = segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length, VirtioNet.GSO_TCPV4, MSS,
                f.csumStart(), f.csumOffset(), small);
        assertEquals(OffloadError.SINK_FULL, OffloadError.of(result));
        assertEquals(5, segmenter.segmentsWritten());
        assertEquals(5, small.count());
        for (int i = 0; i < 5; i++) {
            byte[] s = bytes(small, i);
            assertTrue(RefChecksum.transportVerifies(s, f.l3, TestFrame.TCP, f.l4, s.length - f.l4));
        }
    }

    @Test
    void reportsASinkSlotTooSmallForASegment() {
        TestFrame f = new TestFrame().payload(6000, 21);
        BufferArraySink tiny = BufferArraySink.allocate(8, 1000);
        byte[] frame = f.build();
        int result = segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length, VirtioNet.GSO_TCPV4, MSS,
                f.csumStart(), f.csumOffset(), tiny);
        assertEquals(OffloadError.SINK_TOO_SMALL, OffloadError.of(result));
        assertEquals(0, tiny.count());
    }

    @Test
    void rejectsAFrameShorterThanItsHeaders() {
        TestFrame f = new TestFrame().ipv6().tag(0x8100).extension(0, 1, 0).payload(3000, 22);
        byte[] frame = f.build();
        int[] cuts = {0, 5, 13, 16, f.l3 + 10, f.l3 + 39, f.l3 + 45, f.l4 - 1, f.l4 + 10, f.l4 + 25};
        for (int cut : cuts) {
            assertError(OffloadError.HEADERS_TRUNCATED, segmenter.segment(ByteBuffer.wrap(frame), 0, cut,
                    VirtioNet.GSO_TCPV6, MSS, f.csumStart(), f.csumOffset(), sink));
        }
        TestFrame v4 = new TestFrame().payload(3000, 22);
        byte[] frame4 = v4.build();
        for (int cut : new int[] {10, v4.l3 + 19, v4.l4 + 19}) {
            assertError(OffloadError.HEADERS_TRUNCATED, segmenter.segment(ByteBuffer.wrap(frame4), 0, cut,
                    VirtioNet.GSO_TCPV4, MSS, v4.csumStart(), v4.csumOffset(), sink));
        }
    }

    @Test
    void rejectsAFrameTruncatedInItsPayload() {
        TestFrame f = new TestFrame().payload(3000, 23);
        byte[] frame = f.build();
        assertError(OffloadError.IP_LENGTH_EXCEEDS_FRAME, segmenter.segment(ByteBuffer.wrap(frame), 0,
                frame.length - 1, VirtioNet.GSO_TCPV4, MSS, f.csumStart(), f.csumOffset(), sink));
    }

    @Test
    void rejectsZeroGsoSizeUnknownTypesAndNone() {
        TestFrame f = new TestFrame().payload(3000, 24);
        byte[] frame = f.build();
        assertError(OffloadError.ZERO_GSO_SIZE, segment(f, frame, VirtioNet.GSO_TCPV4, 0));
        assertError(OffloadError.ZERO_GSO_SIZE, segment(f, frame, VirtioNet.GSO_UDP, 7));
        assertError(OffloadError.NOT_GSO, segment(f, frame, VirtioNet.GSO_NONE, MSS));
        for (int type : new int[] {2, 6, 7, 0x40, 0xFF}) {
            assertError(OffloadError.UNSUPPORTED_GSO_TYPE, segment(f, frame, type, MSS));
        }
    }

    @Test
    void rejectsAGsoTypeThatDisagreesWithTheFrame() {
        TestFrame tcp4 = new TestFrame().payload(3000, 25);
        byte[] frame = tcp4.build();
        assertError(OffloadError.GSO_TYPE_MISMATCH, segment(tcp4, frame, VirtioNet.GSO_TCPV6, MSS));
        assertError(OffloadError.GSO_TYPE_MISMATCH, segment(tcp4, frame, VirtioNet.GSO_UDP_L4, MSS));
        TestFrame udp6 = new TestFrame().udp().ipv6().payload(3000, 25);
        assertError(OffloadError.GSO_TYPE_MISMATCH, segment(udp6, udp6.build(), VirtioNet.GSO_TCPV6, MSS));
    }

    @Test
    void rejectsACsumStartThatMissesTheTransportHeader() {
        TestFrame f = new TestFrame().payload(3000, 26);
        byte[] frame = f.build();
        // As if a VLAN tag had been re-inserted without moving csum_start.
        assertError(OffloadError.CSUM_MISMATCH, segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length,
                VirtioNet.GSO_TCPV4, MSS, f.csumStart() - 4, f.csumOffset(), sink));
        assertError(OffloadError.CSUM_MISMATCH, segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length,
                VirtioNet.GSO_TCPV4, MSS, f.csumStart(), 6, sink));
    }

    @Test
    void rejectsTooManySegmentsAndBadBounds() {
        TestFrame f = new TestFrame().payload(3000, 27);
        byte[] frame = f.build();
        assertError(OffloadError.TOO_MANY_SEGMENTS, segment(f, frame, VirtioNet.GSO_TCPV4, 1));
        assertEquals(3, new GsoSegmenter(3).segment(ByteBuffer.wrap(frame), 0, frame.length, VirtioNet.GSO_TCPV4,
                1000, f.csumStart(), f.csumOffset(), sink));
        sink.reset();
        assertError(OffloadError.BAD_BOUNDS, segmenter.segment(ByteBuffer.wrap(frame), 1, frame.length,
                VirtioNet.GSO_TCPV4, MSS, f.csumStart(), f.csumOffset(), sink));
        assertError(OffloadError.BAD_BOUNDS, segmenter.segment(ByteBuffer.wrap(frame), -1, 10,
                VirtioNet.GSO_TCPV4, MSS, f.csumStart(), f.csumOffset(), sink));
    }

    @Test
    void rejectsNonIpAndBadIpHeaders() {
        TestFrame f = new TestFrame().payload(3000, 28);
        byte[] frame = f.build();
        byte[] arp = frame.clone();
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertError(OffloadError.NOT_IP, segment(f, arp, VirtioNet.GSO_TCPV4, MSS));
        byte[] ihl = frame.clone();
        ihl[f.l3] = 0x44;
        assertError(OffloadError.BAD_IP_HEADER, segment(f, ihl, VirtioNet.GSO_TCPV4, MSS));
        byte[] fragment = frame.clone();
        fragment[f.l3 + 6] = 0x20;
        assertError(OffloadError.IP_FRAGMENT, segment(f, fragment, VirtioNet.GSO_TCPV4, MSS));
        byte[] doff = frame.clone();
        doff[f.l4 + 12] = 0x40;
        assertError(OffloadError.BAD_TCP_HEADER, segment(f, doff, VirtioNet.GSO_TCPV4, MSS));
    }
}
