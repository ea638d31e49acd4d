package dev.lanyard.tools.trace;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.tap.LiveTrace;
import dev.lanyard.dataplane.tap.LiveTraceSpec;
import dev.lanyard.tools.capture.BpfMatcher;
import dev.lanyard.tools.capture.Captures;
import dev.lanyard.tools.filter.FilterException;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs {@code lanyard trace --live [FILTER] [-c COUNT]}: follows real frames that match a tcpdump filter and hands
 * each one's report (the steps, the time in the switch) to a sink, until the count or {@link #stop()}; then stops
 * the live trace. One thread runs it; {@link #stop()} may come from another.
 */
public final class LiveTracer {
    private static final long IDLE_NANOS = 1_000_000;

    private final Switch sw;
    private final LiveTrace trace;
    private final long count;
    private long delivered;
    private volatile boolean stopRequested;

    /** A tracer over a running live trace of a switch; {@code count} 0 means until stopped. */
    public LiveTracer(Switch sw, LiveTrace trace, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("frame count must be 0 (no limit) or positive, not " + count);
        }
        this.sw = sw;
        this.trace = trace;
        this.count = count;
    }

    /** Starts a live trace of frames received on these ports (empty: every port) that match the filter. */
    public static LiveTrace start(Switch sw, List<String> ports, String filter) throws FilterException {
        return sw.taps().startTrace(LiveTraceSpec.of(Captures.select(sw.ports(), ports), BpfMatcher.compile(filter)));
    }

    /** Delivers reports until the count, {@link #stop()} or an interrupt; returns how many were delivered. */
    public long run(Consumer<TraceReport> sink) {
        try {
            while (!stopRequested && !done() && !Thread.currentThread().isInterrupted()) {
                if (poll(sink) == 0) {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        } finally {
            trace.close();
        }
        poll(sink);
        return delivered;
    }

    /** Asks {@link #run} to finish. */
    public void stop() {
        stopRequested = true;
    }

    /** Frames the reader fell too far behind to record. */
    public long dropped() {
        return trace.dropped();
    }

    private int poll(Consumer<TraceReport> sink) {
        int[] n = {0};
        trace.poll(sw.ports(), t -> {
            if (!done()) {
                sink.accept(TraceReports.of(t));
                delivered++;
                n[0]++;
            }
        });
        return n[0];
    }

    private boolean done() {
        return count != 0 && delivered >= count;
    }
}
