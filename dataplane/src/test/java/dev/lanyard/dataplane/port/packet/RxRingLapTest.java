package dev.lanyard.dataplane.port.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.counter.WorkerCounters;
import dev.lanyard.dataplane.lab.HandLab;
import dev.lanyard.dataplane.lab.RawFrames;
import dev.lanyard.dataplane.port.FrameBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A ring with fewer slots than a burst (what a switch of many ports gets) that the kernel has filled: one receive
 * takes each frame once, and the ring stays in step with the kernel afterwards. Taking slots round a second lap
 * in one burst used to hand the same frames on twice and leave the reader ahead of the kernel for good, so that
 * every later frame in those slots came a whole lap late.
 */
@Tag("netns")
class RxRingLapTest {
    /** IEEE 802 local experimental EtherType: nothing else on the link sends it. */
    private static final int TYPE = 0x88B5;

    @Test
    void aFullRingSmallerThanABurstIsTakenOnceAndStaysInStep() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        PacketPortConfig cfg = PacketPortConfig.DEFAULT.withRxBlocks(1);
        int slots = cfg.rxFrames();
        assertTrue(slots < FrameBatch.MAX_BURST, "the ring must be smaller than a burst: " + slots);
        try (HandLab lab = HandLab.build(1);
                VethPort port = VethPort.open(lab.switchEnd(1), HandLab.nsPath(lab.switchNs()), 1, cfg)) {
            String host = HandLab.nsPath(lab.hostNs(1));
            RawFrames.send(host, "eth0", frames(0, slots + 25));
            Thread.sleep(100);
            WorkerCounters counters = new WorkerCounters(1);
            FrameBatch batch = new FrameBatch();

            List<Integer> first = receiveOurs(port, batch, counters);
            assertTrue(first.size() <= slots, "more frames than the ring holds: " + first);
            assertTrue(strictlyIncreasing(first), "a frame taken twice or out of order: " + first);
            assertTrue(first.size() >= slots - 4, "the full ring gave only " + first);

            assertEquals(List.of(), receiveOurs(port, batch, counters), "frames after the ring was emptied");

            // In step: what the kernel writes next is what the next receive takes, with nothing older after it.
            for (int round = 0; round < 3; round++) {
                int base = 1000 * (round + 1);
                RawFrames.send(host, "eth0", frames(base, 5));
                Thread.sleep(50);
                List<Integer> expected = List.of(base, base + 1, base + 2, base + 3, base + 4);
                assertEquals(expected, receiveOurs(port, batch, counters), "round " + round);
            }
        }
    }

    /** One receive and release; the sequence numbers of our frames in it. */
    private static List<Integer> receiveOurs(VethPort port, FrameBatch batch, WorkerCounters counters) {
        batch.clear();
        port.rx().receive(batch, counters, 0);
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < batch.count(); i++) {
            ByteBuffer b = batch.buffer(i);
            int off = batch.offset(i);
            if (batch.length(i) >= 18 && (b.getShort(off + 12) & 0xFFFF) == TYPE) {
                seqs.add(b.getInt(off + 14));
            }
        }
        port.rx().release();
        return seqs;
    }

    private static boolean strictlyIncreasing(List<Integer> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) <= seqs.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** {@code count} minimum-size frames numbered from {@code first}. */
    private static byte[][] frames(int first, int count) {
        byte[][] out = new byte[count][];
        for (int k = 0; k < count; k++) {
            ByteBuffer f = ByteBuffer.allocate(60);
            f.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01});
            f.putShort((short) TYPE);
            f.putInt(first + k);
            out[k] = f.array();
        }
        return out;
    }
}
