package dev.lanyard.dataplane.storm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.forward.DropReason;
import org.junit.jupiter.api.Test;

/** The storm-control token buckets with an explicit clock: rates, bursts, idle times, classes and ports apart. */
class TokenBucketsTest {
    private final TokenBuckets buckets = new TokenBuckets(8);

    private int admitted(int port, int trafficClass, long rate, long burst, long now, int tries) {
        int n = 0;
        for (int k = 0; k < tries; k++) {
            if (buckets.admit(port, trafficClass, rate, burst, now)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aNewBucketIsFullAndPassesItsBurstAtOnce() {
        assertEquals(20, admitted(0, StormControl.BROADCAST, 1000, 20, 5, 100));
        assertEquals(0, admitted(0, StormControl.BROADCAST, 1000, 20, 5, 100), "empty within the same millisecond");
    }

    @Test
    void refillsAtTheRateInFramesPerSecond() {
        admitted(1, StormControl.MULTICAST, 1000, 10, 0, 10);
        assertEquals(1, admitted(1, StormControl.MULTICAST, 1000, 10, 1, 100), "1000/s is one frame per ms");
        assertEquals(7, admitted(1, StormControl.MULTICAST, 1000, 10, 8, 100));
        int total = 0;
        for (long t = 9; t < 1009; t++) {
            total += admitted(1, StormControl.MULTICAST, 1000, 10, t, 100);
        }
        assertEquals(1000, total, "a second under a flood passes the rate");
    }

    @Test
    void slowRatesAccumulateThousandthsOfAFrame() {
        admitted(2, StormControl.UNKNOWN_UNICAST, 3, 2, 0, 5);
        int passed = 0;
        for (long t = 1; t <= 10_000; t++) {
            passed += admitted(2, StormControl.UNKNOWN_UNICAST, 3, 2, t, 1);
        }
        assertEquals(30, passed, "3 per second over 10 s");
    }

    @Test
    void anIdleBucketFillsOnlyUpToItsBurst() {
        admitted(3, StormControl.BROADCAST, 100, 5, 0, 5);
        assertEquals(5, admitted(3, StormControl.BROADCAST, 100, 5, 1_000_000_000L, 100), "no overflow after days");
        assertEquals(0, admitted(3, StormControl.BROADCAST, 100, 5, 1_000_000_000L, 100));
    }

    @Test
    void aZeroRatePassesNothing() {
        assertEquals(0, admitted(4, StormControl.BROADCAST, 0, 1, 0, 10));
        assertEquals(0, admitted(4, StormControl.BROADCAST, 0, 1, 100_000, 10));
    }

    @Test
    void classesAndPortsHaveTheirOwnBuckets() {
        assertEquals(2, admitted(5, StormControl.BROADCAST, 10, 2, 0, 10));
        assertEquals(2, admitted(5, StormControl.MULTICAST, 10, 2, 0, 10));
        assertEquals(2, admitted(5, StormControl.UNKNOWN_UNICAST, 10, 2, 0, 10));
        assertEquals(2, admitted(6, StormControl.BROADCAST, 10, 2, 0, 10));
    }

    @Test
    void aSmallerBurstCapsCreditAlreadyThere() {
        admitted(7, StormControl.BROADCAST, 1000, 100, 0, 1);
        assertEquals(3, admitted(7, StormControl.BROADCAST, 1000, 3, 0, 100));
    }

    @Test
    void stormControlDefaultsAndChecks() {
        assertFalse(StormControl.OFF.enabled());
        StormControl s = new StormControl(1000, StormControl.UNLIMITED, 0, 0);
        assertTrue(s.enabled());
        assertEquals(100, s.burstOf(StormControl.BROADCAST), "a tenth of a second");
        assertEquals(1, s.burstOf(StormControl.UNKNOWN_UNICAST), "at least one frame");
        assertEquals(7, new StormControl(1000, 5, 0, 7).burstOf(StormControl.MULTICAST));
        assertEquals(StormControl.BROADCAST, StormControl.classOf(Action.FLOOD_BROADCAST));
        assertEquals(StormControl.MULTICAST, StormControl.classOf(Action.FLOOD_MULTICAST));
        assertEquals(StormControl.UNKNOWN_UNICAST, StormControl.classOf(Action.FLOOD_UNKNOWN));
        assertEquals(-1, StormControl.classOf(Action.drop(DropReason.RUNT)));
        assertThrows(IllegalArgumentException.class, () -> new StormControl(-2, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StormControl(0, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new StormControl(StormControl.MAX_RATE + 1, 0, 0, 0));
    }
}
