package dev.lanyard.dataplane.worker;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import java.util.ArrayList;
import java.util.List;

/** A switch of memory ports driven synchronously on the test's thread as worker 0. */
final class SwitchFixture {
    final Switch sw;
    final Pipeline pipeline;
    final List<MemoryPort> ports = new ArrayList<>();
    private final FrameBatch batch = new FrameBatch();

    SwitchFixture(int portCount) {
        this(portCount, SwitchConfig.defaults("t").withFdbCapacity(1024));
    }

    SwitchFixture(int portCount, SwitchConfig config) {
        sw = new Switch(config, new MacTable(config.fdbCapacity(), config.maxPorts(), 1));
        pipeline = new Pipeline(sw, 0);
        for (int i = 0; i < portCount; i++) {
            addPort("p" + i, PortSettings.DEFAULT);
        }
    }

    int addPort(String name, PortSettings settings) {
        MemoryPort p = new MemoryPort(name, sw.workers());
        ports.add(p);
        return sw.addPort(p, settings);
    }

    /** Injects frames on a port and runs them through the pipeline in bursts. */
    void send(int port, byte[]... frames) {
        MemoryPort p = ports.get(port);
        for (byte[] f : frames) {
            p.inject(f);
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
    }

    /** Frames each port transmitted since the last call. */
    List<List<byte[]>> taken() {
        List<List<byte[]>> out = new ArrayList<>();
        for (MemoryPort p : ports) {
            out.add(p.takeTransmitted());
        }
        return out;
    }

    /** How many frames each port transmitted since the last call. */
    int[] counts() {
        return taken().stream().mapToInt(List::size).toArray();
    }
}
