package dev.lanyard.dataplane.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.tap.TapFixture.Captured;
import dev.lanyard.dataplane.worker.Pipeline;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Captures at the pipeline's tap points: what is copied, where, when, and at what cost. */
class TapPointsTest {
    private static final long H0 = MacAddress.parse("02:00:00:00:00:10");
    private static final long H1 = MacAddress.parse("02:00:00:00:00:11");

    private static byte[] frame(long src, long dst) {
        return new FrameBuilder().src(src).dst(dst).payloadLength(46).build();
    }

    private final TapFixture f = new TapFixture(3);

    private CaptureSession capture(TapSelection selection, FrameMatcher matcher) {
        return f.sw.taps().startCapture(CaptureSpec.of(selection, matcher).withRing(1 << 16, 1024));
    }

    @Test
    void capturesEachReceivedFrameAndEachSentCopyWithItsPortAndDirection() {
        f.send(1, frame(H1, MacAddress.BROADCAST));
        CaptureSession s = capture(TapSelection.ALL, FrameMatcher.ALL);
        f.send(0, frame(H0, H1));
        f.send(0, frame(H0, MacAddress.BROADCAST));
        List<Captured> got = TapFixture.take(s);
        assertEquals("[RX@0(60), TX@1(60), RX@0(60), TX@1(60), TX@2(60)]", got.toString());
        assertArrayEquals(frame(H0, H1), got.get(1).data());
        assertEquals(5, s.captured());
        assertEquals(0, s.dropped());
    }

    @Test
    void looksOnlyAtTheSelectedPortsAndDirections() {
        CaptureSession rxOn1 = capture(TapSelection.ports(1).directions(true, false), FrameMatcher.ALL);
        CaptureSession txOn2 = capture(TapSelection.ports(2).directions(false, true), FrameMatcher.ALL);
        f.send(0, frame(H0, MacAddress.BROADCAST));
        f.send(1, frame(H1, MacAddress.BROADCAST));
        assertEquals("[RX@1(60)]", TapFixture.take(rxOn1).toString());
        assertEquals("[TX@2(60), TX@2(60)]", TapFixture.take(txOn2).toString());
    }

    @Test
    void putsAStrippedTagBackBeforeMatchingAndCopying() {
        byte[] tagged = new FrameBuilder().src(H0).dst(MacAddress.BROADCAST).vlan(42, 5).payloadLength(46).build();
        byte[] untagged = frame(H0, MacAddress.BROADCAST);
        CaptureSession s = capture(TapSelection.ports(0),
                (b, off, cap, wire) -> (b.getShort(off + 12) & 0xFFFF) == EtherType.VLAN);
        f.ports.get(0).injectStripped(untagged, 0, 5 << 13 | 42);
        f.drain(0);
        List<Captured> got = TapFixture.take(s);
        assertEquals(1, got.size());
        assertEquals(64, got.get(0).wireLength());
        assertArrayEquals(tagged, got.get(0).data());
    }

    @Test
    void cutsFramesAtTheSnaplenAndKeepsTheirWireLength() {
        CaptureSession s = f.sw.taps().startCapture(CaptureSpec.of(TapSelection.ports(0), FrameMatcher.ALL)
                .withSnaplen(20).withRing(4096, 16));
        f.send(0, new FrameBuilder().src(H0).dst(MacAddress.BROADCAST).payloadLength(500).build());
        List<Captured> got = TapFixture.take(s);
        assertEquals(1, got.size());
        assertEquals(20, got.get(0).data().length);
        assertEquals(514, got.get(0).wireLength());
    }

    @Test
    void runsAMatcherOncePerFrameHoweverManyCopiesItMakes() {
        AtomicInteger calls = new AtomicInteger();
        CaptureSession s = capture(TapSelection.ALL, (b, off, cap, wire) -> {
            calls.incrementAndGet();
            return false;
        });
        f.send(0, frame(H0, MacAddress.BROADCAST), frame(H0, MacAddress.BROADCAST));
        assertEquals(2, calls.get());
        assertEquals(0, s.captured());
    }

    @Test
    void twoCapturesWithDifferentMatchersEachGetTheirOwnFrames() {
        CaptureSession from0 = capture(TapSelection.ALL.directions(true, false),
                (b, off, cap, wire) -> MacAddress.read(b, off + 6) == H0);
        CaptureSession from1 = capture(TapSelection.ALL.directions(true, false),
                (b, off, cap, wire) -> MacAddress.read(b, off + 6) == H1);
        f.send(0, frame(H0, MacAddress.BROADCAST));
        f.send(1, frame(H1, MacAddress.BROADCAST), frame(H1, H0));
        assertEquals("[RX@0(60)]", TapFixture.take(from0).toString());
        assertEquals("[RX@1(60), RX@1(60)]", TapFixture.take(from1).toString());
    }

    @Test
    void sentCopiesCarryTheKickTimeWhichFollowsTheReceiveTime() {
        CaptureSession s = capture(TapSelection.ALL, FrameMatcher.ALL);
        f.send(0, frame(H0, MacAddress.BROADCAST));
        List<Captured> got = TapFixture.take(s);
        long rx = got.get(0).epochNanos();
        assertTrue(Math.abs(rx - System.currentTimeMillis() * 1_000_000L) < 1_000_000_000L, "rx time " + rx);
        for (Captured c : got.subList(1, got.size())) {
            assertTrue(c.epochNanos() >= rx && c.epochNanos() - rx < 1_000_000_000L, got + " " + c.epochNanos());
        }
    }

    @Test
    void aStoppedCaptureGetsNothingMore() {
        CaptureSession s = capture(TapSelection.ALL, FrameMatcher.ALL);
        f.send(0, frame(H0, MacAddress.BROADCAST));
        s.close();
        s.close();
        f.send(0, frame(H0, MacAddress.BROADCAST));
        assertTrue(s.stopped());
        assertEquals(3, TapFixture.take(s).size());
        assertEquals(0, f.sw.taps().captures().size());
        assertTrue(!f.sw.taps().current().active());
    }

    @Test
    void refusesMoreTapsThanItCanTrack() {
        for (int k = 0; k < Taps.MAX_TAPS; k++) {
            capture(TapSelection.ALL, FrameMatcher.ALL);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> capture(TapSelection.ALL, FrameMatcher.ALL));
        assertEquals("already 16 captures and live traces running; stop one first", e.getMessage());
    }

    @Test
    void capturesComeAndGoWhileAPipelineRuns() throws Exception {
        Switch sw = countingSwitch(3);
        FrameBatch batch = burst(frame(H0, MacAddress.BROADCAST));
        Pipeline pipeline = new Pipeline(sw, 0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                while (!stop.get()) {
                    pipeline.process(0, batch);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        List<CaptureSession> sessions = new ArrayList<>();
        try {
            for (int k = 0; k < 200; k++) {
                CaptureSession s = sw.taps().startCapture(CaptureSpec.of(TapSelection.ALL, FrameMatcher.ALL)
                        .withRing(1 << 16, 4096));
                sessions.add(s);
                Thread.sleep(0, 200_000);
                s.close();
            }
        } finally {
            stop.set(true);
            worker.join(5_000);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        long total = 0;
        CapturedFrame view = new CapturedFrame();
        for (CaptureSession s : sessions) {
            CaptureRing ring = s.ring(0);
            while (ring.peek(view)) {
                assertEquals(60, view.wireLength());
                assertTrue(view.direction() == TapDirection.RX ? view.port() == 0 : view.port() > 0);
                ring.advance();
                total++;
            }
        }
        assertTrue(total > 0, "some session saw frames");
        assertTrue(!sw.taps().current().active());
    }

    @Test
    void theTapPointsAllocateNothingWithNoCaptureOrWithCapturesThatMatchNothing() {
        Switch sw = countingSwitch(4);
        FrameBatch batch = burst(frame(H0, MacAddress.BROADCAST), frame(H0, H1));
        Pipeline pipeline = new Pipeline(sw, 0);
        Runnable thousandBursts = () -> {
            for (int k = 0; k < 1000; k++) {
                pipeline.process(0, batch);
            }
        };
        assertEquals(0, AllocationMeter.bytesAllocatedBy(thousandBursts), "no capture");
        sw.taps().startCapture(CaptureSpec.of(TapSelection.ALL, (b, off, cap, wire) -> false));
        sw.taps().startTrace(LiveTraceSpec.of(TapSelection.ALL, (b, off, cap, wire) -> false));
        assertEquals(0, AllocationMeter.bytesAllocatedBy(thousandBursts), "captures matching nothing");
        CaptureSession all = sw.taps().startCapture(CaptureSpec.of(TapSelection.ALL, FrameMatcher.ALL)
                .withRing(4096, 8));
        assertEquals(0, AllocationMeter.bytesAllocatedBy(thousandBursts), "a capture copying into a full ring");
        assertTrue(all.dropped() > 0);
    }

    private static Switch countingSwitch(int ports) {
        SwitchConfig config = SwitchConfig.defaults("t").withFdbCapacity(1024);
        Switch sw = new Switch(config, new MacTable(config.fdbCapacity(), config.maxPorts(), 1));
        for (int p = 0; p < ports; p++) {
            sw.addPort(new MemoryPort("p" + p, 1, false, Integer.MAX_VALUE, 1522), PortSettings.DEFAULT);
        }
        return sw;
    }

    private static FrameBatch burst(byte[]... frames) {
        FrameBatch batch = new FrameBatch();
        for (byte[] fr : frames) {
            batch.add(ByteBuffer.wrap(fr), 0, fr.length, 1L);
        }
        return batch;
    }
}
