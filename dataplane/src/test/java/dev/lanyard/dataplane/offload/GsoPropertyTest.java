package dev.lanyard.dataplane.offload;

import static dev.lanyard.dataplane.offload.SegmentAssertions.assertFragments;
import static dev.lanyard.dataplane.offload.SegmentAssertions.assertSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.linux.VirtioNet;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random frames and gso sizes: every segmentation verifies; random damage never throws. */
class GsoPropertyTest {
    private static final int[] TPIDS = {0x8100, 0x88A8, 0x9100};
    private final Random random = new Random(0x5eed);
    private final GsoSegmenter segmenter = new GsoSegmenter();
    private final BufferArraySink sink = BufferArraySink.allocate(256, 9216);

    private TestFrame randomFrame(int kind) {
        TestFrame f = new TestFrame();
        for (int i = random.nextInt(3); i > 0; i--) {
            f.tag(TPIDS[random.nextInt(TPIDS.length)]);
        }
        if (kind == 2) {
            f.udp();
        } else if (kind == 1) {
            f.udp().ipv6();
        } else if (random.nextBoolean()) {
            f.ipv6();
        }
        if (f.ipv6 && random.nextInt(3) == 0) {
            f.extension(random.nextBoolean() ? 0 : 60, random.nextInt(3), 0);
        }
        if (!f.ipv6) {
            f.ipv4OptionWords = random.nextInt(3) == 0 ? random.nextInt(11) : 0;
            f.ipId = random.nextInt(0x10000);
        }
        f.timestamps = random.nextBoolean();
        f.seq = random.nextLong() & 0xFFFF_FFFFL;
        f.tcpFlags = random.nextInt(256);
        f.partial = random.nextInt(4) != 0;
        return f.payload(random.nextInt(65000), random.nextLong());
    }

    @Test
    void randomFramesAndGsoSizesSegmentIntoVerifiedSegments() {
        for (int round = 0; round < 300; round++) {
            int kind = random.nextInt(3); // 0 TCP, 1 UDP_L4 over IPv6 or v4, 2 UFO or UDP_L4 over IPv4
            TestFrame f = randomFrame(kind);
            byte[] frame = f.build();
            boolean ufo = kind == 2 && random.nextBoolean();
            int l4Header = f.l4HeaderLength;
            int minSize = Math.max(ufo ? 8 : 1, (f.payload.length + l4Header + 255) / 256);
            int gsoSize = minSize + random.nextInt(9000 - f.headerLength - minSize);
            int type = f.protocol == TestFrame.TCP ? (f.ipv6 ? VirtioNet.GSO_TCPV6 : VirtioNet.GSO_TCPV4)
                    : ufo ? VirtioNet.GSO_UDP : VirtioNet.GSO_UDP_L4;
            if (random.nextBoolean()) {
                type |= VirtioNet.GSO_ECN;
            }
            int csumStart = f.partial ? f.csumStart() : GsoSegmenter.NO_PARTIAL_CSUM;
            sink.reset();
            int result = segmenter.segment(ByteBuffer.wrap(frame), 0, frame.length, type, gsoSize, csumStart,
                    f.csumOffset(), sink);
            String what = "round " + round + " type " + type + " gso " + gsoSize + " payload " + f.payload.length;
            assertTrue(result > 0, what + ": " + (result < 0 ? OffloadError.of(result) : result));
            if (ufo) {
                assertFragments(f, frame, sink, gsoSize & ~7);
            } else {
                assertSegments(f, frame, sink, gsoSize);
            }
        }
    }

    @Test
    void damagedFramesGiveAnErrorOrVerifiedSegmentsButNeverThrow() {
        int[] types = {VirtioNet.GSO_TCPV4, VirtioNet.GSO_TCPV6, VirtioNet.GSO_UDP, VirtioNet.GSO_UDP_L4, 2, 0};
        for (int round = 0; round < 3000; round++) {
            TestFrame f = randomFrame(random.nextInt(3));
            f.payload(random.nextInt(3000), round);
            byte[] frame = f.build();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                frame[random.nextInt(Math.min(frame.length, f.headerLength + 8))] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(frame.length + 1) : frame.length;
            int csumStart = random.nextInt(3) == 0 ? random.nextInt(200) - 50 : f.csumStart();
            sink.reset();
            int result = segmenter.segment(ByteBuffer.wrap(frame), 0, length, types[random.nextInt(types.length)],
                    random.nextInt(3000), csumStart, random.nextInt(3) == 0 ? 6 : f.csumOffset(), sink);
            if (result < 0) {
                OffloadError.of(result);
                assertEquals(0, sink.count());
            } else {
                assertEquals(result, sink.count());
            }
            int csum = Checksums.completePartial(ByteBuffer.wrap(frame), 0, length, random.nextInt(length + 20) - 10,
                    random.nextInt(40) - 5);
            assertTrue(csum >= -OffloadError.count() && csum <= 0xFFFF);
        }
    }
}
