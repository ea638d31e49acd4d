package dev.lanyard.dataplane.tap;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.worker.Pipeline;
import java.util.ArrayList;
import java.util.List;

/** A switch of memory ports whose pipeline runs on the caller's thread as worker 0. */
final class TapFixture {
    final Switch sw;
    final Pipeline pipeline;
    final List<MemoryPort> ports = new ArrayList<>();
    private final FrameBatch batch = new FrameBatch();

    TapFixture(int portCount) {
        SwitchConfig config = SwitchConfig.defaults("t").withFdbCapacity(1024);
        sw = new Switch(config, new MacTable(config.fdbCapacity(), config.maxPorts(), 1));
        pipeline = new Pipeline(sw, 0);
        for (int i = 0; i < portCount; i++) {
            MemoryPort p = new MemoryPort("p" + i, 1);
            ports.add(p);
            sw.addPort(p, PortSettings.DEFAULT);
        }
    }

    /** Injects frames on a port and runs them through the pipeline, one burst per 32 frames. */
    void send(int port, byte[]... frames) {
        for (byte[] f : frames) {
            ports.get(port).inject(f);
        }
        drain(port);
    }

    void drain(int port) {
        MemoryPort p = ports.get(port);
        while (p.pending() > 0) {
            batch.clear();
            p.receive(batch);
            pipeline.process(port, batch);
        }
        for (MemoryPort q : ports) {
            q.takeTransmitted();
        }
    }

    /** Every frame the session's worker-0 ring holds, oldest first, consumed. */
    static List<Captured> take(CaptureSession s) {
        List<Captured> out = new ArrayList<>();
        CaptureRing ring = s.ring(0);
        CapturedFrame view = new CapturedFrame();
        while (ring.peek(view)) {
            out.add(new Captured(view.port(), view.direction(), view.wireLength(), view.epochNanos(),
                    view.toArray()));
            ring.advance();
        }
        ring.release();
        return out;
    }

    /** One captured frame, copied out. */
    record Captured(int port, TapDirection direction, int wireLength, long epochNanos, byte[] data) {
        @Override
        public String toString() {
            return direction + "@" + port + "(" + wireLength + ")";
        }
    }
}
