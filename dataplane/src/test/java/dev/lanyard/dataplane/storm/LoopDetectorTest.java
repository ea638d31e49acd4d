package dev.lanyard.dataplane.storm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.port.Port;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same flooded frame back through another port is a loop; a host repeating itself is not. */
class LoopDetectorTest {
    private final LoopDetector loops = new LoopDetector("t");

    private static long hash(byte[] frame) {
        return LoopDetector.hash(ByteBuffer.wrap(frame), 0, frame.length, -1);
    }

    private static byte[] broadcast(int payload) {
        return new FrameBuilder().src(MacAddress.parse("02:00:00:00:00:01")).dst(MacAddress.BROADCAST)
                .payloadLength(payload).build();
    }

    @Test
    void theSameFrameBackOnAnotherPortWithinTheWindowIsALoop() {
        long h = hash(broadcast(46));
        assertEquals(-1, loops.check(h, 0, 1000));
        assertEquals(0, loops.check(h, 3, 1001), "came in on 0, back on 3");
        assertEquals(3, loops.check(h, 4, 1001), "then on 4, after 3");
    }

    @Test
    void aHostRepeatingAFrameOnItsOwnPortIsNoLoop() {
        long h = hash(broadcast(46));
        for (int t = 0; t < 100; t++) {
            assertEquals(-1, loops.check(h, 2, 1000 + t));
        }
    }

    @Test
    void onceLoopedAFrameIsALoopOnTheSamePortToo() {
        // The two copies of a looped frame, one each way round, can enter one port one after the other.
        long h = hash(broadcast(46));
        loops.check(h, 0, 1000);
        assertEquals(0, loops.check(h, 3, 1000));
        assertEquals(3, loops.check(h, 3, 1000));
        assertEquals(3, loops.check(h, 4, 1000));
    }

    @Test
    void aFrameSeenAgainAfterTheWindowIsNoLoop() {
        long h = hash(broadcast(46));
        loops.check(h, 0, 1000);
        assertEquals(-1, loops.check(h, 1, 1000 + LoopDetector.WINDOW_MILLIS + 1));
    }

    @Test
    void differentFramesDoNotMatch() {
        long a = hash(broadcast(46));
        byte[] other = broadcast(46);
        other[other.length - 1] ^= 1;
        long b = hash(other);
        assertNotEquals(a, b, "the last byte of a short frame counts");
        loops.check(a, 0, 1000);
        assertEquals(-1, loops.check(b, 1, 1000));
        assertNotEquals(hash(broadcast(46)), LoopDetector.hash(ByteBuffer.wrap(broadcast(46)), 0, 60, 5),
                "a stripped tag counts");
    }

    @Test
    void hashesSpreadOverTheSlots() {
        Set<Long> slots = new HashSet<>();
        byte[] f = broadcast(46);
        for (int k = 0; k < 1000; k++) {
            f[20] = (byte) k;
            f[21] = (byte) (k >> 8);
            slots.add(hash(f) & (LoopDetector.SLOTS - 1));
        }
        // Random slots would give 4096 * (1 - e^(-1000/4096)), about 887 distinct ones.
        assertTrue(slots.size() > 850, "as random among 4096 slots: " + slots.size());
    }

    @Test
    void reportsOncePerIntervalWithThePortNames() {
        PortTable ports = new PortTable(new Port[] {new MemoryPort("a", 1), new MemoryPort("b", 1)},
                new PortSettings[] {PortSettings.DEFAULT, PortSettings.DEFAULT}, new boolean[] {true, true}, 1);
        assertNull(loops.last());
        loops.detected(ports, 0, 1, MacAddress.parse("02:00:00:00:00:01"), 0, 5_000);
        LoopDetector.LoopReport first = loops.last();
        assertEquals(new LoopDetector.LoopReport("a", "b", "02:00:00:00:00:01", 0, 5_000), first);
        loops.detected(ports, 1, 0, MacAddress.parse("02:00:00:00:00:01"), 0, 6_000);
        assertEquals(first, loops.last(), "not again within the interval");
        loops.detected(ports, 1, 0, MacAddress.parse("02:00:00:00:00:01"), 0,
                5_000 + LoopDetector.REPORT_INTERVAL_MILLIS);
        assertEquals("b", loops.last().firstPort());
    }
}
