package dev.lanyard.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.storm.StormControl;
import org.junit.jupiter.api.Test;

/** Storm control and loop detection through the real pipeline with memory ports. */
class StormControlTest {
    private static final long H0 = MacAddress.parse("02:00:00:00:00:10");
    private static final long H1 = MacAddress.parse("02:00:00:00:00:11");
    private static final long H2 = MacAddress.parse("02:00:00:00:00:12");
    private static final long GROUP = MacAddress.parse("01:00:5e:00:00:01");

    private final SwitchFixture f = new SwitchFixture(3);

    /** Distinct frames (the payload carries the sequence), so that none looks like another one coming back. */
    private static byte[][] frames(long src, long dst, int n) {
        byte[][] out = new byte[n][];
        for (int k = 0; k < n; k++) {
            byte[] payload = new byte[46];
            payload[0] = (byte) k;
            payload[1] = (byte) (k >> 8);
            out[k] = new FrameBuilder().src(src).dst(dst).payload(0x88b5, payload).build();
        }
        return out;
    }

    private void limit(int port, StormControl s) {
        f.sw.configure(port, PortSettings.DEFAULT.withStormControl(s));
    }

    @Test
    void broadcastOverTheRateIsDroppedAndCountedUnderStormControl() {
        limit(0, new StormControl(1, StormControl.UNLIMITED, StormControl.UNLIMITED, 10));
        long start = System.nanoTime();
        f.send(0, frames(H0, MacAddress.BROADCAST, 200));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
        int passed = f.counts()[1];
        assertTrue(passed >= 10 && passed <= 10 + seconds, "the burst of 10 passes, then 1/s: " + passed);
        PortStats s = f.sw.stats(0);
        assertEquals(200 - passed, s.drops(DropReason.STORM_CONTROL));
        assertEquals(200 - passed, s.get(PortCounter.STORM_BROADCAST));
        assertEquals(0, s.get(PortCounter.STORM_MULTICAST));
        assertEquals(passed, s.get(PortCounter.FLOODED));
    }

    @Test
    void eachClassIsPolicedOnItsOwn() {
        limit(0, new StormControl(StormControl.UNLIMITED, 5, 0, 5));
        f.send(0, frames(H0, MacAddress.BROADCAST, 50));
        f.send(0, frames(H0, GROUP, 50));
        f.send(0, frames(H0, MacAddress.parse("02:00:00:00:00:99"), 50));
        PortStats s = f.sw.stats(0);
        assertEquals(0, s.get(PortCounter.STORM_BROADCAST), "broadcast unlimited");
        assertTrue(s.get(PortCounter.STORM_MULTICAST) >= 44, "multicast at 5/s: " + s.get(PortCounter.STORM_MULTICAST));
        assertEquals(50, s.get(PortCounter.STORM_UNKNOWN_UNICAST), "a rate of 0 lets no unknown unicast in");
    }

    @Test
    void unicastToAKnownAddressIsNeverPoliced() {
        f.send(1, frames(H1, MacAddress.BROADCAST, 1));
        f.taken();
        limit(0, new StormControl(0, 0, 0, 1));
        f.send(0, frames(H0, H1, 300));
        assertArrayEquals(new int[] {0, 300, 0}, f.counts());
        assertEquals(0, f.sw.stats(0).drops(DropReason.STORM_CONTROL));
    }

    @Test
    void stormControlIsOffByDefaultAndOnlyOnTheConfiguredPort() {
        limit(2, new StormControl(0, 0, 0, 1));
        f.send(0, frames(H0, MacAddress.BROADCAST, 300));
        assertArrayEquals(new int[] {0, 300, 300}, f.counts());
        f.send(2, frames(H2, MacAddress.BROADCAST, 3));
        assertArrayEquals(new int[] {0, 0, 0}, f.counts());
        assertEquals(3, f.sw.stats(2).drops(DropReason.STORM_CONTROL));
    }

    @Test
    void aFloodedFrameComingBackOnAnotherPortCountsAsALoop() {
        byte[] frame = frames(H0, MacAddress.BROADCAST, 1)[0];
        f.send(0, frame);
        f.send(0, frame);
        assertEquals(0, f.sw.stats(0).get(PortCounter.LOOP_DETECTED), "a host repeating itself is no loop");
        f.send(2, frame);
        f.send(1, frame);
        assertEquals(1, f.sw.stats(2).get(PortCounter.LOOP_DETECTED));
        assertEquals(1, f.sw.stats(1).get(PortCounter.LOOP_DETECTED));
        assertEquals("p0", f.sw.loops().last().firstPort());
        assertEquals("p2", f.sw.loops().last().returnPort());
        assertEquals(0, f.sw.stats(0).get(PortCounter.LOOP_DETECTED));
        assertEquals(0, MacTable.portOf(f.sw.fdb().lookup(0, H0)), "a looped frame's source is not learned");
        assertEquals(0, f.sw.stats(2).get(PortCounter.MOVED) + f.sw.stats(1).get(PortCounter.MOVED));
    }

    @Test
    void aLoopThroughTwoPortsIsBoundedByStormControl() {
        // Ports 1 and 2 cabled together: whatever the switch sends out of one comes back in through the other.
        StormControl s = new StormControl(100, 100, 100, 10);
        limit(1, s);
        limit(2, s);
        f.send(0, frames(H0, MacAddress.BROADCAST, 1));
        int rounds = 0;
        for (; rounds < 1000; rounds++) {
            var out = f.taken();
            if (out.get(1).isEmpty() && out.get(2).isEmpty()) {
                break;
            }
            for (byte[] fr : out.get(1)) {
                f.ports.get(2).inject(fr);
            }
            for (byte[] fr : out.get(2)) {
                f.ports.get(1).inject(fr);
            }
            f.drain(1);
            f.drain(2);
        }
        assertTrue(rounds < 30, "the loop died out after the bursts: " + rounds + " rounds");
        assertTrue(f.sw.stats(1).get(PortCounter.LOOP_DETECTED) >= 10);
        assertTrue(f.sw.stats(1).drops(DropReason.STORM_CONTROL) >= 1);
        assertTrue(f.sw.stats(2).drops(DropReason.STORM_CONTROL) >= 1);
    }
}
