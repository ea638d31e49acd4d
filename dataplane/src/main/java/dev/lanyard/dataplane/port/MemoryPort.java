package dev.lanyard.dataplane.port;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EthernetFlyweight;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A port whose frames live in memory: tests inject frames and read what the switch sent; benchmarks let it count.
 * Received frames queue until a worker drains them with {@link #receive}.
 */
public final class MemoryPort extends Port {
    /** The default largest frame: a 1500-byte MTU with a header and two tags. */
    public static final int DEFAULT_MAX_FRAME = 1522;

    private final ConcurrentLinkedQueue<Injected> rx = new ConcurrentLinkedQueue<>();
    private final Queue[] tx;
    private final boolean record;
    private final int maxFrame;

    /** A recording port for tests: every transmitted frame is kept until read. */
    public MemoryPort(String name, int workers) {
        this(name, workers, true, Integer.MAX_VALUE, DEFAULT_MAX_FRAME);
    }

    /**
     * A port that records transmitted frames (or only counts them when {@code record} is false), holding at most
     * {@code txCapacity} unread frames per worker before it reports {@link DropReason#TX_FULL}.
     */
    public MemoryPort(String name, int workers, boolean record, int txCapacity, int maxFrame) {
        super(name, PortKind.MEMORY);
        this.record = record;
        this.maxFrame = maxFrame;
        this.tx = new Queue[workers];
        for (int w = 0; w < workers; w++) {
            tx[w] = new Queue(txCapacity);
        }
    }

    /** Queues a frame as if it had arrived on the wire. */
    public void inject(byte[] frame) {
        rx.add(new Injected(frame, 0, EthernetFlyweight.NO_TAG));
    }

    /** Queues a frame whose outer tag arrived stripped, as AF_PACKET delivers it. */
    public void injectStripped(byte[] frame, int tpid, int tci) {
        rx.add(new Injected(frame, tpid, tci));
    }

    /** Frames waiting to be received. */
    public int pending() {
        return rx.size();
    }

    /** Moves up to a burst of injected frames into the batch; returns how many. */
    public int receive(FrameBatch batch) {
        int n = 0;
        Injected f;
        while (!batch.full() && (f = rx.poll()) != null) {
            batch.add(ByteBuffer.wrap(f.frame), 0, f.frame.length, f.tpid, f.tci, FrameBatch.NO_VNET, 0,
                    Clock.epochNanos());
            n++;
        }
        return n;
    }

    /** Takes the frames transmitted by every worker so far, in order per worker. */
    public List<byte[]> takeTransmitted() {
        List<byte[]> out = new ArrayList<>();
        for (Queue q : tx) {
            synchronized (q) {
                out.addAll(q.frames);
                q.frames.clear();
            }
        }
        return out;
    }

    /** Frames transmitted by every worker since the port was made. */
    public long transmittedCount() {
        long n = 0;
        for (Queue q : tx) {
            n += q.count;
        }
        return n;
    }

    /** Times the workers flushed this port. */
    public long flushCount() {
        long n = 0;
        for (Queue q : tx) {
            n += q.flushes;
        }
        return n;
    }

    @Override
    public TxQueue txQueue(int worker) {
        return tx[worker];
    }

    @Override
    public int maxFrameLength() {
        return maxFrame;
    }

    @Override
    public void close() {
        rx.clear();
    }

    private record Injected(byte[] frame, int tpid, int tci) {
    }

    /** One worker's queue; the unused longs keep two workers' counters off one cache line. */
    @SuppressWarnings("unused")
    private final class Queue implements TxQueue {
        private long p1;
        private long p2;
        private long p3;
        private long p4;
        private long p5;
        private long p6;
        private long p7;
        private final List<byte[]> frames = new ArrayList<>();
        private final int capacity;
        private long count;
        private long flushes;
        private long q1;
        private long q2;
        private long q3;
        private long q4;
        private long q5;
        private long q6;
        private long q7;

        Queue(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int offer(FrameBatch batch, int i) {
            if (batch.wireLength(i) > maxFrame) {
                return DropReason.OVERSIZE.ordinal();
            }
            if (record) {
                synchronized (this) {
                    if (frames.size() >= capacity) {
                        return DropReason.TX_FULL.ordinal();
                    }
                    frames.add(FrameCopy.toArray(batch, i));
                }
            }
            count = count + 1;
            return QUEUED;
        }

        @Override
        public void flush() {
            flushes = flushes + 1;
        }
    }
}
