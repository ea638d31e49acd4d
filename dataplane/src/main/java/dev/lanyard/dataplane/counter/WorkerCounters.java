package dev.lanyard.dataplane.counter;

import dev.lanyard.dataplane.forward.DropReason;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's counters for every port: written only by that worker with plain stores (no contention, no atomics),
 * read by anyone with opaque loads and summed across workers. Padded at both ends so that two workers' arrays never
 * share a cache line.
 */
public final class WorkerCounters {
    /** Counters per port: the named ones, then one per drop reason, rounded up to whole cache lines. */
    public static final int STRIDE = (PortCounter.count() + DropReason.count() + 7) & ~7;
    private static final int REASON_BASE = PortCounter.count();
    private static final int PAD = 16;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] data;
    private final int maxPorts;

    /** Counters for ports 0 to maxPorts - 1. */
    public WorkerCounters(int maxPorts) {
        this.maxPorts = maxPorts;
        this.data = new long[PAD + maxPorts * STRIDE + PAD];
    }

    /** Ports covered. */
    public int maxPorts() {
        return maxPorts;
    }

    /** A frame received on a port. */
    public void rx(int port, int bytes) {
        int base = PAD + port * STRIDE;
        data[base + 0]++;
        data[base + 1] += bytes;
    }

    /** A frame transmitted on a port. */
    public void tx(int port, int bytes) {
        int base = PAD + port * STRIDE;
        data[base + 2]++;
        data[base + 3] += bytes;
    }

    /** Adds to a named counter. */
    public void add(int port, PortCounter counter, long delta) {
        data[PAD + port * STRIDE + counter.ordinal()] += delta;
    }

    /** One more of a named counter. */
    public void increment(int port, PortCounter counter) {
        data[PAD + port * STRIDE + counter.ordinal()]++;
    }

    /** A received frame dropped by the decision, with its reason. */
    public void rxDrop(int port, int reasonOrdinal) {
        int base = PAD + port * STRIDE;
        data[base + PortCounter.RX_DROPS.ordinal()]++;
        data[base + REASON_BASE + reasonOrdinal]++;
    }

    /** A copy dropped on transmit, with its reason. */
    public void txDrop(int port, int reasonOrdinal) {
        int base = PAD + port * STRIDE;
        data[base + PortCounter.TX_DROPS.ordinal()]++;
        data[base + REASON_BASE + reasonOrdinal]++;
    }

    /** Drops counted on behalf of the kernel or a receive path, outside the decision. */
    public void addDrops(int port, DropReason reason, long n, boolean receiveSide) {
        int base = PAD + port * STRIDE;
        data[base + (receiveSide ? PortCounter.RX_DROPS : PortCounter.TX_DROPS).ordinal()] += n;
        data[base + REASON_BASE + reason.ordinal()] += n;
    }

    /** Reads a named counter, from any thread. */
    public long get(int port, PortCounter counter) {
        return (long) LONGS.getOpaque(data, PAD + port * STRIDE + counter.ordinal());
    }

    /** Reads a drop-reason counter, from any thread. */
    public long drops(int port, DropReason reason) {
        return (long) LONGS.getOpaque(data, PAD + port * STRIDE + REASON_BASE + reason.ordinal());
    }

    /** Adds this worker's counters of a port into {@code sums} (length {@link #STRIDE}). */
    public void sumInto(int port, long[] sums) {
        int base = PAD + port * STRIDE;
        for (int i = 0; i < STRIDE; i++) {
            sums[i] += (long) LONGS.getOpaque(data, base + i);
        }
    }
}
