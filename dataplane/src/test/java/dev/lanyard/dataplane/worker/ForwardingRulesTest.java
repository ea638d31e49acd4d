package dev.lanyard.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.PortStats;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per 802.1D rule of the forwarding core, through the real pipeline with memory ports. */
class ForwardingRulesTest {
    private static final long H0 = MacAddress.parse("02:00:00:00:00:10");
    private static final long H1 = MacAddress.parse("02:00:00:00:00:11");
    private static final long H2 = MacAddress.parse("02:00:00:00:00:12");
    private static final long UNKNOWN = MacAddress.parse("02:00:00:00:00:99");

    private static byte[] frame(long src, long dst) {
        return new FrameBuilder().src(src).dst(dst).payloadLength(46).build();
    }

    private final SwitchFixture f = new SwitchFixture(4);

    @Test
    void learnsTheUnicastSourceOfAValidFrame() {
        f.send(0, frame(H0, UNKNOWN));
        long v = f.sw.fdb().lookup(0, H0);
        assertEquals(0, MacTable.portOf(v));
        assertEquals(1, f.sw.stats(0).get(PortCounter.LEARNED));
    }

    @Test
    void floodsUnknownUnicastToAllButIngress() {
        f.send(1, frame(H1, UNKNOWN));
        assertArrayEquals(new int[] {1, 0, 1, 1}, f.counts());
        assertEquals(1, f.sw.stats(1).get(PortCounter.FLOODED));
    }

    @Test
    void forwardsKnownUnicastToItsOnePort() {
        f.send(2, frame(H2, UNKNOWN));
        f.taken();
        f.send(0, frame(H0, H2));
        assertArrayEquals(new int[] {0, 0, 1, 0}, f.counts());
        assertEquals(1, f.sw.stats(0).get(PortCounter.UNICAST));
        assertEquals(1, f.sw.stats(2).get(PortCounter.TX_FRAMES));
    }

    @Test
    void floodsBroadcastAndMulticastToAllButIngress() {
        f.send(3, frame(H0, MacAddress.BROADCAST), frame(H0, MacAddress.parse("01:00:5e:00:00:01")));
        assertArrayEquals(new int[] {2, 2, 2, 0}, f.counts());
    }

    @Test
    void stopsFloodingUnknownUnicastToAPortWithFloodOff() {
        f.sw.configure(2, PortSettings.DEFAULT.withFlood(false));
        f.send(0, frame(H0, UNKNOWN), frame(H0, MacAddress.BROADCAST));
        assertArrayEquals(new int[] {0, 2, 1, 2}, f.counts(), "port 2 still gets the broadcast");
    }

    @Test
    void neverSendsFromAnIsolatedPortToAnotherIsolatedPort() {
        f.sw.configure(1, PortSettings.DEFAULT.withIsolated(true));
        f.sw.configure(2, PortSettings.DEFAULT.withIsolated(true));
        f.send(2, frame(H2, MacAddress.BROADCAST));
        assertArrayEquals(new int[] {1, 0, 0, 1}, f.counts());
        f.send(1, frame(H1, H2));
        assertArrayEquals(new int[] {0, 0, 0, 0}, f.counts());
        assertEquals(1, f.sw.stats(1).drops(DropReason.ISOLATED));
        f.send(0, frame(H0, H2));
        assertArrayEquals(new int[] {0, 0, 1, 0}, f.counts(), "a plain port still reaches an isolated one");
    }

    @Test
    void dropsAFrameWhoseDestinationIsOnTheIngressPort() {
        f.send(0, frame(H0, UNKNOWN));
        f.send(0, frame(H1, UNKNOWN));
        f.taken();
        f.send(0, frame(H0, H1));
        assertArrayEquals(new int[] {0, 0, 0, 0}, f.counts());
        assertEquals(1, f.sw.stats(0).drops(DropReason.REFLECTION));
    }

    @Test
    void neverForwardsLinkLocalGroupAddresses() {
        for (int last = 0; last <= 0xF; last++) {
            f.send(0, frame(H0, MacAddress.parse("01:80:c2:00:00:0" + Integer.toHexString(last))));
        }
        assertArrayEquals(new int[] {0, 0, 0, 0}, f.counts());
        assertEquals(16, f.sw.stats(0).drops(DropReason.LINK_LOCAL));
        f.send(0, frame(H0, MacAddress.parse("01:80:c2:00:00:10")));
        assertArrayEquals(new int[] {0, 1, 1, 1}, f.counts(), "01:80:c2:00:00:10 is ordinary multicast");
    }

    @Test
    void neverLearnsAGroupSourceAndDropsTheFrame() {
        long group = MacAddress.parse("01:00:5e:00:00:07");
        f.send(0, frame(group, UNKNOWN), frame(0, UNKNOWN));
        assertEquals(0, f.sw.fdb().size());
        assertEquals(2, f.sw.stats(0).drops(DropReason.INVALID_SOURCE));
        assertArrayEquals(new int[] {0, 0, 0, 0}, f.counts());
    }

    @Test
    void doesNotLearnOnAPortWithLearningOff() {
        f.sw.configure(0, PortSettings.DEFAULT.withLearning(false));
        f.send(0, frame(H0, UNKNOWN));
        assertEquals(0, f.sw.fdb().lookup(0, H0));
        assertArrayEquals(new int[] {0, 1, 1, 1}, f.counts(), "it still forwards");
    }

    @Test
    void movesALearnedAddressToItsNewPort() {
        f.send(0, frame(H0, UNKNOWN));
        // Another frame: the same flooded frame again through another port at once is a loop, and not learned.
        f.send(3, frame(H0, H2));
        assertEquals(3, MacTable.portOf(f.sw.fdb().lookup(0, H0)));
        f.taken();
        f.send(1, frame(H1, H0));
        assertArrayEquals(new int[] {0, 0, 0, 1}, f.counts());
        assertEquals(1, f.sw.stats(3).get(PortCounter.MOVED));
    }

    @Test
    void aStaticEntryNeverMoves() {
        f.sw.fdb().addStatic(0, H2, 2);
        f.send(0, frame(H2, UNKNOWN));
        assertEquals(2, MacTable.portOf(f.sw.fdb().lookup(0, H2)));
        assertEquals(1, f.sw.stats(0).get(PortCounter.LEARN_REFUSED));
    }

    @Test
    void floodsToAStaleDestination() {
        f.sw.fdb().agingMillis(1000);
        f.sw.fdb().learn(0, H2, 2, Clock.millis() - 5_000, 0);
        f.send(0, frame(H0, H2));
        assertArrayEquals(new int[] {0, 1, 1, 1}, f.counts());
    }

    @Test
    void dropsToADownPortAndFromADisabledPort() {
        f.send(2, frame(H2, UNKNOWN));
        f.taken();
        f.sw.linkState(2, false);
        assertEquals(0, f.sw.fdb().lookup(0, H2), "a port going down loses its learned entries");
        f.sw.fdb().learn(0, H2, 2, Clock.millis(), 0);
        f.send(0, frame(H0, H2));
        assertEquals(1, f.sw.stats(0).drops(DropReason.EGRESS_DOWN));
        f.send(0, frame(H0, MacAddress.BROADCAST));
        assertArrayEquals(new int[] {0, 1, 0, 1}, f.counts(), "floods skip the down port");
        f.sw.configure(3, PortSettings.DEFAULT.withEnabled(false));
        f.send(3, frame(H1, MacAddress.BROADCAST));
        assertEquals(1, f.sw.stats(3).drops(DropReason.INGRESS_DISABLED));
        assertArrayEquals(new int[] {0, 0, 0, 0}, f.counts());
    }

    @Test
    void dropsRuntsTruncatedTagsAndLyingLengthsWithTheirReasons() {
        byte[] tagged = new FrameBuilder().src(H0).dst(H1).vlan(5, 0).payloadLength(0).build();
        f.send(0, new byte[10], java.util.Arrays.copyOf(tagged, 16),
                new FrameBuilder().src(H0).dst(H1).payload(500, new byte[46]).build());
        PortStats s = f.sw.stats(0);
        assertEquals(1, s.drops(DropReason.RUNT));
        assertEquals(1, s.drops(DropReason.TRUNCATED_TAG));
        assertEquals(1, s.drops(DropReason.BAD_LENGTH));
        assertEquals(3, s.get(PortCounter.RX_DROPS));
        assertEquals(0, f.sw.fdb().size(), "nothing learned from malformed frames");
    }

    @Test
    void holdsThePortsMacLimitAndKeepsForwarding() {
        f.sw.configure(0, PortSettings.DEFAULT.withMacLimit(3));
        for (int i = 0; i < 10; i++) {
            f.send(0, frame(H0 + 0x100 + i, MacAddress.BROADCAST));
        }
        assertEquals(3, f.sw.fdb().learnedOn(0));
        assertEquals(7, f.sw.stats(0).get(PortCounter.LEARN_REFUSED));
        assertArrayEquals(new int[] {0, 10, 10, 10}, f.counts());
    }

    @Test
    void aFullTableRefusesNewSourcesButKnownOnesKeepForwarding() {
        SwitchFixture small = new SwitchFixture(3,
                dev.lanyard.dataplane.SwitchConfig.defaults("s").withFdbCapacity(4));
        small.send(1, frame(H1, MacAddress.BROADCAST));
        for (int i = 0; i < 10; i++) {
            small.send(0, frame(H0 + 0x100 + i, MacAddress.BROADCAST));
        }
        assertEquals(4, small.sw.fdb().size());
        small.taken();
        small.send(0, frame(H0 + 0x100 + 9, H1));
        assertArrayEquals(new int[] {0, 1, 0}, small.counts(), "known destination still unicast");
        small.send(1, frame(H1, H0 + 0x100 + 9));
        assertArrayEquals(new int[] {1, 0, 1}, small.counts(), "unknown destination floods");
    }

    @Test
    void putsBackAStrippedTagWithItsPriorityOnEveryCopy() {
        byte[] untagged = new FrameBuilder().src(H0).dst(MacAddress.BROADCAST).payloadLength(46).build();
        f.ports.get(0).injectStripped(untagged, 0, 6 << 13 | 100);
        f.drain(0);
        byte[] expected = new FrameBuilder().src(H0).dst(MacAddress.BROADCAST).vlan(100, 6).payloadLength(46)
                .build();
        List<List<byte[]>> out = f.taken();
        for (int p = 1; p < 4; p++) {
            assertEquals(1, out.get(p).size());
            assertArrayEquals(expected, out.get(p).get(0));
        }
        assertEquals(0, MacTable.portOf(f.sw.fdb().lookup(100, H0)), "learned in VLAN 100");
        assertEquals(0, f.sw.fdb().lookup(0, H0), "and not in VLAN 0");
    }

    @Test
    void kicksEachEgressOncePerBurst() {
        byte[][] burst = new byte[20][];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = frame(H0, MacAddress.BROADCAST);
        }
        f.send(0, burst);
        for (int p = 1; p < 4; p++) {
            assertEquals(1, f.ports.get(p).flushCount());
            assertEquals(20, f.ports.get(p).transmittedCount());
        }
    }

    @Test
    void accountsForEveryReceivedFrame() {
        f.send(0, frame(H0, UNKNOWN), frame(H0, H0), new byte[3], frame(H0, MacAddress.BROADCAST));
        PortStats s = f.sw.stats(0);
        assertEquals(4, s.get(PortCounter.RX_FRAMES));
        assertEquals(s.get(PortCounter.RX_FRAMES),
                s.get(PortCounter.UNICAST) + s.get(PortCounter.FLOODED) + s.get(PortCounter.RX_DROPS));
        assertTrue(s.get(PortCounter.RX_BYTES) > 0);
    }

    @Test
    void forgetsAPortsEntriesWhenItIsRemoved() {
        f.send(2, frame(H2, UNKNOWN));
        f.sw.removePort(2);
        assertEquals(0, f.sw.fdb().lookup(0, H2));
        f.taken();
        f.send(0, frame(H0, H2));
        assertArrayEquals(new int[] {0, 1, 0, 1}, f.counts());
    }
}
