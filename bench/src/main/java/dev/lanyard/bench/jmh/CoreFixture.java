package dev.lanyard.bench.jmh;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A switch of counting memory ports with a given number of learned addresses, and a pool of 64-byte frames in one
 * direct buffer that benchmarks walk like an RX ring, a burst at a time.
 */
final class CoreFixture {
    static final int FRAME = 64;
    static final long SENDER_BASE = 0x0200_0000_0000L;
    static final long RECEIVER_BASE = 0x0600_0000_0000L;

    final Switch sw;
    final ByteBuffer pool;
    final int poolFrames;
    private int cursor;

    private CoreFixture(Switch sw, ByteBuffer pool, int poolFrames) {
        this.sw = sw;
        this.pool = pool;
        this.poolFrames = poolFrames;
    }

    /** A switch with {@code ports} counting memory ports and the given table capacity. */
    static Switch newSwitch(int ports, int capacity, int workers) {
        SwitchConfig cfg = SwitchConfig.defaults("bench").withFdbCapacity(capacity).withWorkers(workers);
        Switch sw = new Switch(cfg, new MacTable(capacity, cfg.maxPorts(), 0x5EED));
        for (int p = 0; p < ports; p++) {
            sw.addPort(new MemoryPort("p" + p, workers, false, Integer.MAX_VALUE, 1522), PortSettings.DEFAULT);
        }
        return sw;
    }

    /**
     * Known unicast: {@code entries} learned addresses, half of them senders on port 0, half receivers spread over
     * ports 1 to 3; frames go from a random sender to a random receiver, so lookups touch the whole table.
     */
    static CoreFixture knownUnicast(int entries, int workers) {
        Switch sw = newSwitch(4, Math.max(entries, 1024), workers);
        int half = entries / 2;
        long now = Clock.millis();
        for (int i = 0; i < half; i++) {
            sw.fdb().learn(0, SENDER_BASE + i, 0, now, 0);
            sw.fdb().learn(0, RECEIVER_BASE + i, 1 + i % 3, now, 0);
        }
        int frames = Integer.getInteger("lanyard.bench.frames", Math.min(Math.max(entries, 4096), 1 << 16));
        SplittableRandom rnd = new SplittableRandom(7);
        ByteBuffer pool = ByteBuffer.allocateDirect(frames * FRAME);
        for (int f = 0; f < frames; f++) {
            int active = Integer.getInteger("lanyard.bench.active", half);
            put(pool, f, new FrameBuilder().src(SENDER_BASE + rnd.nextInt(active))
                    .dst(RECEIVER_BASE + rnd.nextInt(active)).payloadLength(FRAME - 14).build());
        }
        return new CoreFixture(sw, pool, frames);
    }

    /** Broadcast frames from port 0 of a switch with {@code ports} ports. */
    static CoreFixture broadcast(int ports) {
        Switch sw = newSwitch(ports, 1024, 1);
        ByteBuffer pool = ByteBuffer.allocateDirect(FrameBatch.MAX_BURST * FRAME);
        for (int f = 0; f < FrameBatch.MAX_BURST; f++) {
            put(pool, f, new FrameBuilder().src(SENDER_BASE + f).dst(MacAddress.BROADCAST).payloadLength(FRAME - 14)
                    .build());
        }
        return new CoreFixture(sw, pool, FrameBatch.MAX_BURST);
    }

    /** A fixture over an existing switch with frames made by the caller. */
    static CoreFixture of(Switch sw, byte[][] frames) {
        ByteBuffer pool = ByteBuffer.allocateDirect(frames.length * FRAME);
        for (int f = 0; f < frames.length; f++) {
            put(pool, f, frames[f]);
        }
        return new CoreFixture(sw, pool, frames.length);
    }

    private static void put(ByteBuffer pool, int index, byte[] frame) {
        pool.put(index * FRAME, frame, 0, Math.min(frame.length, FRAME));
    }

    /** The same switch and frames with a cursor of its own, starting elsewhere in the pool (one per thread). */
    CoreFixture walker(int start) {
        CoreFixture w = new CoreFixture(sw, pool, poolFrames);
        w.cursor = start % poolFrames;
        return w;
    }

    /** Fills the batch with the next burst of frames from the pool. */
    void nextBurst(FrameBatch batch) {
        batch.clear();
        int c = cursor;
        for (int i = 0; i < FrameBatch.MAX_BURST; i++) {
            batch.add(pool, c * FRAME, FRAME, 0L);
            c = c + 1 == poolFrames ? 0 : c + 1;
        }
        cursor = c;
    }
}
