package dev.lanyard.dataplane.latency;

import dev.lanyard.dataplane.port.FrameBatch;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * One worker's latency histograms, one per port, written by that worker alone: the time from a frame's receive
 * timestamp to the end of its burst's transmit kick. As HdrHistogram's {@code SingleWriterRecorder}, but with one
 * critical section per burst rather than per value, and all ports swapped at once: the worker records into the
 * active set with plain stores; a reader swaps in the idle set, waits with the {@link WriterReaderPhaser} until the
 * worker has left the old one, and folds it into its totals.
 */
public final class WorkerLatency {
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Histogram[] active;
    private Histogram[] idle;

    WorkerLatency(int maxPorts) {
        this.active = new Histogram[maxPorts];
        this.idle = new Histogram[maxPorts];
    }

    /**
     * On the worker: records the frames of a burst received on {@code port} whose bit is set in {@code sentMask}
     * (bit i for frame i), as {@code kickNanos} minus each frame's receive timestamp. Allocates nothing.
     */
    public void record(int port, FrameBatch batch, long sentMask, long kickNanos) {
        long phase = phaser.writerCriticalSectionEnter();
        try {
            Histogram h = active[port];
            if (h == null) {
                return;
            }
            long bits = sentMask;
            while (bits != 0) {
                int i = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                h.recordValue(LatencyHistograms.clamp(kickNanos - batch.timestamp(i)));
            }
        } finally {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /** Reader: gives a port fresh, empty histograms. The caller holds the owner's lock. */
    void track(int port) {
        phaser.readerLock();
        try {
            Histogram[] a = active.clone();
            Histogram[] b = idle.clone();
            a[port] = LatencyHistograms.newHistogram();
            b[port] = LatencyHistograms.newHistogram();
            idle = b;
            active = a;
            phaser.flipPhase();
        } finally {
            phaser.readerUnlock();
        }
    }

    /**
     * Reader: swaps the active and idle sets, waits until the worker has left the old one, then adds each port's
     * values into {@code totals} (skipping null totals) and empties the old set. The caller holds the owner's lock.
     */
    void drainInto(Histogram[] totals) {
        phaser.readerLock();
        try {
            Histogram[] was = active;
            active = idle;
            idle = was;
            phaser.flipPhase();
            for (int p = 0; p < was.length; p++) {
                Histogram h = was[p];
                if (h != null && h.getTotalCount() > 0) {
                    if (totals[p] != null) {
                        totals[p].add(h);
                    }
                    h.reset();
                }
            }
        } finally {
            phaser.readerUnlock();
        }
    }
}
