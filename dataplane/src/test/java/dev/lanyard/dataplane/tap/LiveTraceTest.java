package dev.lanyard.dataplane.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.trace.LookupKind;
import dev.lanyard.dataplane.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live traces: the steps real frames took through the pipeline, and their time in the switch. */
class LiveTraceTest {
    private static final long H0 = MacAddress.parse("02:00:00:00:00:10");
    private static final long H1 = MacAddress.parse("02:00:00:00:00:11");

    private static byte[] frame(long src, long dst) {
        return new FrameBuilder().src(src).dst(dst).payloadLength(46).build();
    }

    private final TapFixture f = new TapFixture(3);

    private List<Trace> poll(LiveTrace t) {
        List<Trace> out = new ArrayList<>();
        t.poll(f.sw.ports(), out::add);
        return out;
    }

    @Test
    void recordsTheStepsOfAKnownUnicastFrameAndItsTimeInTheSwitch() {
        f.send(1, frame(H1, MacAddress.BROADCAST));
        LiveTrace t = f.sw.taps().startTrace(LiveTraceSpec.of(TapSelection.ALL, FrameMatcher.ALL));
        f.send(0, frame(H0, H1));
        List<Trace> got = poll(t);
        assertEquals(1, got.size());
        Trace tr = got.get(0);
        assertTrue(tr.live());
        assertEquals(0, tr.ingress());
        assertEquals("p0", tr.ingressName());
        assertEquals(EthernetFlyweight.OK, tr.decodeStatus());
        assertEquals(LearnResult.NEW, tr.learn());
        assertEquals(LookupKind.HIT, tr.lookup().kind());
        assertEquals(1, tr.lookup().port());
        assertEquals(Action.output(1), tr.action());
        assertEquals(1, tr.egress().size());
        assertEquals("p1", tr.egress().get(0).name());
        assertNull(tr.egress().get(0).drop());
        assertEquals(60, tr.wireLength());
        assertEquals(60, tr.frame().length);
        long inSwitch = tr.timeInSwitchNanos();
        assertTrue(inSwitch >= 0 && inSwitch < 1_000_000_000L, "time in switch " + inSwitch);
        assertTrue(poll(t).isEmpty(), "taken once");
    }

    @Test
    void recordsEveryCopyOfAFloodAndNoLookupForABroadcast() {
        LiveTrace t = f.sw.taps().startTrace(LiveTraceSpec.of(TapSelection.ALL, FrameMatcher.ALL));
        f.send(2, frame(H0, MacAddress.BROADCAST));
        Trace tr = poll(t).get(0);
        assertEquals(Action.FLOOD_BROADCAST, tr.action());
        assertEquals(LookupKind.NOT_DONE, tr.lookup().kind());
        assertEquals(List.of("p0", "p1"), tr.egress().stream().map(e -> e.name()).toList());
    }

    @Test
    void recordsADropWithItsReasonAndKeepsOnlyTheHeadOfABigFrame() {
        LiveTrace t = f.sw.taps().startTrace(LiveTraceSpec.of(TapSelection.ALL, FrameMatcher.ALL));
        f.send(0, new FrameBuilder().src(H0).dst(MacAddress.parse("01:80:c2:00:00:0e")).payloadLength(1000)
                .build());
        Trace tr = poll(t).get(0);
        assertEquals(DropReason.LINK_LOCAL, Action.reason(tr.action()));
        assertEquals(1014, tr.wireLength());
        assertEquals(LiveTrace.HEAD_BYTES, tr.frame().length);
        assertTrue(tr.egress().isEmpty());
    }

    @Test
    void followsOnlyMatchingFramesOnTheSelectedPorts() {
        LiveTrace t = f.sw.taps().startTrace(LiveTraceSpec.of(TapSelection.ports(1),
                (b, off, cap, wire) -> MacAddress.read(b, off + 6) == H1));
        f.send(0, frame(H1, MacAddress.BROADCAST));
        f.send(1, frame(H0, MacAddress.BROADCAST), frame(H1, MacAddress.BROADCAST));
        List<Trace> got = poll(t);
        assertEquals(1, got.size());
        assertEquals(1, got.get(0).ingress());
    }

    @Test
    void aReaderThatFallsBehindLosesRecordsAndCountsThem() {
        LiveTrace t = f.sw.taps().startTrace(new LiveTraceSpec(TapSelection.ALL, FrameMatcher.ALL, 4));
        for (int k = 0; k < 10; k++) {
            f.send(0, frame(H0, MacAddress.BROADCAST));
        }
        assertEquals(4, poll(t).size());
        assertEquals(4, t.recorded());
        assertEquals(6, t.dropped());
        f.send(0, frame(H0, MacAddress.BROADCAST));
        assertEquals(1, poll(t).size());
    }
}
