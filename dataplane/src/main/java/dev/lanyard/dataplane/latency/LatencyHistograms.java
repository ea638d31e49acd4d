package dev.lanyard.dataplane.latency;

import org.HdrHistogram.Histogram;

/**
 * Per-port histograms of the time frames spend in the switch, from the receive timestamp to the end of the transmit
 * kick of their burst, counted on the ingress port for every frame sent to at least one port. Each worker records
 * into its own {@link WorkerLatency}; reads fold the workers' values into running totals, which a reset clears.
 * Values are nanoseconds with two significant digits (1%), from 1 ns to {@link #HIGHEST_NANOS}; longer times are
 * counted as that, and a negative time (the wall clock stepped back between the two readings) as 0.
 */
public final class LatencyHistograms {
    /** The largest value told apart: 10 s. */
    public static final long HIGHEST_NANOS = 10_000_000_000L;
    /** Significant decimal digits kept. */
    public static final int DIGITS = 2;

    private final WorkerLatency[] workers;
    private final Histogram[] totals;

    /** Histograms for {@code workers} workers and ports 0 to {@code maxPorts - 1}; none is tracked yet. */
    public LatencyHistograms(int workers, int maxPorts) {
        this.workers = new WorkerLatency[workers];
        for (int w = 0; w < workers; w++) {
            this.workers[w] = new WorkerLatency(maxPorts);
        }
        this.totals = new Histogram[maxPorts];
    }

    /** The histograms worker {@code w} writes. */
    public WorkerLatency worker(int w) {
        return workers[w];
    }

    /** Starts measuring a port afresh (a port was added at this index); memory is only spent on tracked ports. */
    public synchronized void track(int port) {
        for (WorkerLatency w : workers) {
            w.track(port);
        }
        totals[port] = newHistogram();
    }

    /** A copy of a port's histogram since it was added or last reset; empty for a port not tracked. */
    public synchronized Histogram histogram(int port) {
        collect();
        return totals[port] == null ? newHistogram() : totals[port].copy();
    }

    /** A port's percentiles since it was added or last reset. */
    public synchronized LatencySummary summary(int port) {
        collect();
        return totals[port] == null ? LatencySummary.EMPTY : LatencySummary.of(totals[port]);
    }

    /** Forgets what a port measured so far. */
    public synchronized void reset(int port) {
        collect();
        if (totals[port] != null) {
            totals[port].reset();
        }
    }

    /** Forgets what every port measured so far. */
    public synchronized void resetAll() {
        collect();
        for (Histogram h : totals) {
            if (h != null) {
                h.reset();
            }
        }
    }

    private void collect() {
        for (WorkerLatency w : workers) {
            w.drainInto(totals);
        }
    }

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NANOS, DIGITS);
    }

    static long clamp(long nanos) {
        return nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS);
    }
}
