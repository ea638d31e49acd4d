package dev.lanyard.dataplane.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.MemoryPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic traces: each step predicted from the switch's state, and the state left untouched. */
class TracerTest {
    private static final long NOW = 1_000_000;
    private static final long H0 = MacAddress.parse("02:00:00:00:00:10");
    private static final long H1 = MacAddress.parse("02:00:00:00:00:11");
    private static final long H2 = MacAddress.parse("02:00:00:00:00:12");

    private final Switch sw = newSwitch(64, PortSettings.DEFAULT);

    /** Four memory ports p0 to p3, the last with its own settings. */
    private static Switch newSwitch(int capacity, PortSettings lastPort) {
        SwitchConfig cfg = SwitchConfig.defaults("t").withFdbCapacity(capacity).withAgingMillis(300_000);
        Switch s = new Switch(cfg, new MacTable(capacity, cfg.maxPorts(), 1));
        for (int p = 0; p < 4; p++) {
            s.addPort(new MemoryPort("p" + p, 1), p == 3 ? lastPort : PortSettings.DEFAULT);
        }
        return s;
    }

    private static byte[] frame(long src, long dst) {
        return new FrameBuilder().src(src).dst(dst).payloadLength(46).build();
    }

    private Trace trace(int ingress, byte[] frame) {
        return trace(sw, ingress, frame);
    }

    private static Trace trace(Switch s, int ingress, byte[] frame) {
        return Tracer.trace(s.ports(), s.fdb(), ingress, frame, NOW);
    }

    private static List<String> names(Trace t) {
        return t.egress().stream().map(Egress::name).toList();
    }

    @Test
    void knownUnicastGoesToItsOnePort() {
        sw.fdb().learn(0, H1, 1, NOW - 2_000, 0);
        Trace t = trace(0, frame(H0, H1));
        assertFalse(t.live());
        assertEquals(EthernetFlyweight.OK, t.decodeStatus());
        assertEquals(LearnResult.NEW, t.learn());
        assertEquals(new Lookup(LookupKind.HIT, 1, false, 2_000), t.lookup());
        assertEquals(Action.output(1), t.action());
        assertEquals(List.of(new Egress(1, "p1", null)), t.egress());
        assertEquals(-1, t.timeInSwitchNanos());
    }

    @Test
    void unknownUnicastFloodsToEveryOtherPort() {
        Trace t = trace(0, frame(H0, H1));
        assertEquals(LookupKind.MISS, t.lookup().kind());
        assertEquals(Action.FLOOD_UNKNOWN, t.action());
        assertEquals(List.of("p1", "p2", "p3"), names(t));
    }

    @Test
    void broadcastFloodsWithoutALookup() {
        Trace t = trace(2, frame(H0, MacAddress.BROADCAST));
        assertEquals(Lookup.NOT_DONE, t.lookup());
        assertEquals(Action.FLOOD_BROADCAST, t.action());
        assertEquals(List.of("p0", "p1", "p3"), names(t));
    }

    @Test
    void aDestinationOnTheIngressPortIsAReflection() {
        sw.fdb().learn(0, H1, 1, NOW, 0);
        Trace t = trace(1, frame(H2, H1));
        assertEquals(LookupKind.HIT, t.lookup().kind());
        assertEquals(1, t.lookup().port());
        assertEquals(DropReason.REFLECTION, Action.reason(t.action()));
        assertTrue(t.egress().isEmpty());
    }

    @Test
    void aFrameToItsOwnNewSourceIsAReflectionOfWhatItTeaches() {
        Trace t = trace(2, frame(H2, H2));
        assertEquals(LearnResult.NEW, t.learn());
        assertEquals(DropReason.REFLECTION, Action.reason(t.action()));
        assertEquals(0, sw.fdb().size());
    }

    @Test
    void aFullTableRefusesToLearnAndStillForwards() {
        Switch small = newSwitch(2, PortSettings.DEFAULT);
        small.fdb().learn(0, H1, 1, NOW, 0);
        small.fdb().learn(0, H2, 2, NOW, 0);
        Trace t = trace(small, 0, frame(H0, H1));
        assertEquals(LearnResult.REFUSED_TABLE_FULL, t.learn());
        assertEquals(Action.output(1), t.action());
    }

    @Test
    void aPortAtItsLimitRefusesToLearn() {
        Switch limited = newSwitch(64, PortSettings.DEFAULT.withMacLimit(1));
        limited.fdb().learn(0, H1, 3, NOW, 1);
        assertEquals(LearnResult.REFUSED_PORT_LIMIT, trace(limited, 3, frame(H0, H2)).learn());
        assertEquals(LearnResult.UNCHANGED, trace(limited, 3, frame(H1, H2)).learn());
    }

    @Test
    void aKnownSourceMovesOrIsRefreshed() {
        sw.fdb().learn(0, H0, 2, NOW - 10_000, 0);
        assertEquals(LearnResult.MOVED, trace(0, frame(H0, H1)).learn());
        assertEquals(LearnResult.REFRESHED, trace(2, frame(H0, H1)).learn());
        sw.fdb().learn(0, H2, 2, NOW, 0);
        assertEquals(LearnResult.UNCHANGED, trace(2, frame(H2, H1)).learn());
    }

    @Test
    void aStaleEntryIsTreatedAsUnknown() {
        sw.fdb().learn(0, H1, 1, NOW - 400_000, 0);
        Trace t = trace(0, frame(H0, H1));
        assertEquals(LookupKind.STALE, t.lookup().kind());
        assertEquals(Action.FLOOD_UNKNOWN, t.action());
    }

    @Test
    void aRuntIsDroppedBeforeLearningOrLookup() {
        Trace t = trace(0, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 2, 0, 0, 0});
        assertEquals(EthernetFlyweight.RUNT, t.decodeStatus());
        assertEquals(LearnResult.SKIPPED, t.learn());
        assertEquals(Lookup.NOT_DONE, t.lookup());
        assertEquals(DropReason.RUNT, Action.reason(t.action()));
        assertEquals(10, t.wireLength());
    }

    @Test
    void aLinkLocalDestinationIsNeverForwardedButItsSourceIsLearned() {
        Trace t = trace(0, frame(H0, MacAddress.parse("01:80:c2:00:00:0e")));
        assertEquals(LearnResult.NEW, t.learn());
        assertEquals(DropReason.LINK_LOCAL, Action.reason(t.action()));
    }

    @Test
    void aTaggedFrameLearnsAndLooksUpInItsVlan() {
        sw.fdb().learn(0, H1, 1, NOW, 0);
        byte[] tagged = new FrameBuilder().src(H0).dst(H1).vlan(10, 3).payloadLength(46).build();
        Trace t = trace(0, tagged);
        assertEquals(LookupKind.MISS, t.lookup().kind(), "H1 is known in VLAN 0, not 10");
        sw.fdb().learn(10, H1, 2, NOW, 0);
        assertEquals(Action.output(2), trace(0, tagged).action());
    }

    @Test
    void aCopyTooBigForItsEgressIsShownAsADrop() {
        sw.fdb().learn(0, H1, 1, NOW, 0);
        Trace t = trace(0, new FrameBuilder().src(H0).dst(H1).payloadLength(3000).build());
        assertEquals(List.of(new Egress(1, "p1", DropReason.OVERSIZE)), t.egress());
    }

    @Test
    void aDisabledIngressDropsWithoutLearning() {
        sw.configure(0, PortSettings.DEFAULT.withEnabled(false));
        Trace t = trace(0, frame(H0, H1));
        assertEquals(LearnResult.SKIPPED, t.learn());
        assertEquals(DropReason.INGRESS_DISABLED, Action.reason(t.action()));
    }

    @Test
    void anUnknownIngressIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trace(9, frame(H0, H1)));
        assertEquals("no port with index 9", e.getMessage());
    }

    @Test
    void tracingNeverChangesTheTable() {
        sw.fdb().learn(0, H0, 2, NOW - 10_000, 0);
        sw.fdb().learn(0, H1, 1, NOW - 10_000, 0);
        List<String> before = entries();
        for (int p = 0; p < 4; p++) {
            trace(p, frame(H0, H1));
            trace(p, frame(H2, H1));
            trace(p, frame(H1, H1));
            trace(p, frame(MacAddress.parse("02:00:00:00:00:77"), MacAddress.BROADCAST));
            trace(p, new FrameBuilder().src(H2).dst(H0).vlan(5, 0).build());
        }
        assertEquals(before, entries());
        assertEquals(2, sw.fdb().size());
        assertEquals(1, sw.fdb().learnedOn(1));
        assertEquals(1, sw.fdb().learnedOn(2));
        assertEquals(0, sw.fdb().learnedOn(0));
    }

    private List<String> entries() {
        List<String> out = new ArrayList<>();
        sw.fdb().forEach((vid, mac, value) -> out.add(vid + " " + MacAddress.toString(mac) + " " + value));
        out.sort(null);
        return out;
    }
}
