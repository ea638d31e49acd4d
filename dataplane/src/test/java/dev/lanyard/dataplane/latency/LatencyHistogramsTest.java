package dev.lanyard.dataplane.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.worker.Pipeline;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Per-port histograms of the time in the switch: recording, percentiles, reset, and ports coming and going. */
class LatencyHistogramsTest {
    @Test
    void recordsTheMarkedFramesOfABurstAndSumsWorkers() {
        LatencyHistograms h = new LatencyHistograms(2, 4);
        h.track(1);
        FrameBatch batch = new FrameBatch();
        for (int i = 0; i < 4; i++) {
            batch.add(ByteBuffer.allocate(60), 0, 60, 1_000L * (i + 1));
        }
        h.worker(0).record(1, batch, 0b1011, 10_000);
        h.worker(1).record(1, batch, 0b0100, 10_000);
        LatencySummary s = h.summary(1);
        assertEquals(4, s.count());
        assertEquals(9_000 + 8_000 + 7_000 + 6_000, s.sum(), 300);
        assertEquals(9_000, s.max(), 100);
        assertEquals(7_000, s.p50(), 100);
        assertEquals(LatencySummary.EMPTY, h.summary(2), "a port not tracked");
    }

    @Test
    void clampsNegativeAndHugeTimes() {
        LatencyHistograms h = new LatencyHistograms(1, 2);
        h.track(0);
        FrameBatch batch = new FrameBatch();
        batch.add(ByteBuffer.allocate(60), 0, 60, 5_000);
        batch.add(ByteBuffer.allocate(60), 0, 60, 0);
        h.worker(0).record(0, batch, 0b11, 1_000 + LatencyHistograms.HIGHEST_NANOS * 2);
        h.worker(0).record(0, batch, 0b01, 1_000);
        LatencySummary s = h.summary(0);
        assertEquals(3, s.count());
        assertEquals(0, h.histogram(0).getMinValue());
        assertTrue(s.max() >= LatencyHistograms.HIGHEST_NANOS, "max " + s.max());
    }

    @Test
    void resetForgetsWhatWasMeasuredSoFar() {
        LatencyHistograms h = new LatencyHistograms(1, 2);
        h.track(0);
        h.track(1);
        FrameBatch batch = new FrameBatch();
        batch.add(ByteBuffer.allocate(60), 0, 60, 0);
        h.worker(0).record(0, batch, 1, 500);
        h.worker(0).record(1, batch, 1, 500);
        h.reset(0);
        assertEquals(0, h.summary(0).count());
        assertEquals(1, h.summary(1).count());
        h.worker(0).record(0, batch, 1, 700);
        assertEquals(1, h.summary(0).count());
        h.resetAll();
        assertEquals(0, h.summary(0).count());
        assertEquals(0, h.summary(1).count());
    }

    @Test
    void aPortAddedAgainStartsAfresh() {
        LatencyHistograms h = new LatencyHistograms(1, 2);
        h.track(0);
        FrameBatch batch = new FrameBatch();
        batch.add(ByteBuffer.allocate(60), 0, 60, 0);
        h.worker(0).record(0, batch, 1, 500);
        h.track(0);
        assertEquals(0, h.summary(0).count());
    }

    @Test
    void thePipelineRecordsSentFramesOnTheirIngressPortOnly() {
        Switch sw = new Switch(SwitchConfig.defaults("t").withFdbCapacity(1024));
        MemoryPort p0 = new MemoryPort("p0", 1);
        sw.addPort(p0, PortSettings.DEFAULT);
        sw.addPort(new MemoryPort("p1", 1), PortSettings.DEFAULT);
        Pipeline pipeline = new Pipeline(sw, 0);
        p0.inject(new FrameBuilder().src(2).dst(MacAddress.BROADCAST).build());
        p0.inject(new FrameBuilder().src(2).dst(MacAddress.parse("01:80:c2:00:00:00")).build());
        FrameBatch batch = new FrameBatch();
        p0.receive(batch);
        pipeline.process(0, batch);
        LatencySummary s = sw.latency().summary(0);
        assertEquals(1, s.count(), "the link-local frame was dropped, not sent");
        assertTrue(s.max() < 1_000_000_000L, "a frame from a memory port spends well under a second: " + s);
        assertEquals(0, sw.latency().summary(1).count());
    }
}
