package dev.lanyard.dataplane.tap;

import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.trace.Trace;

import java.util.function.Consumer;

/**
 * A running live trace: for each received frame the matcher accepts, the steps the pipeline took (decode, learn,
 * lookup, action, each egress copy with its transmit result) and the time from the receive timestamp to the end of
 * the burst's transmit kick. Workers record into their own rings; one reader polls. Started with
 * {@link Taps#startTrace}, stopped with {@link #close()}.
 */
public final class LiveTrace extends Tap {
    /** Bytes of each traced frame kept for decoding: every header the switch knows fits. */
    public static final int HEAD_BYTES = 128;
    /** Egress copies kept per frame; a wider flood is cut, with the number left out. */
    public static final int MAX_EGRESS = 64;

    private final LiveTraceRing[] rings;

    LiveTrace(long id, LiveTraceSpec spec, int workers, Taps owner) {
        super(id, spec.selection(), spec.matcher(), workers, owner);
        this.rings = new LiveTraceRing[workers];
        for (int w = 0; w < workers; w++) {
            rings[w] = new LiveTraceRing(spec.slots());
        }
    }

    LiveTraceRing ring(int worker) {
        return rings[worker];
    }

    /**
     * Hands every trace recorded since the last poll to the sink, worker by worker, with port names from
     * {@code names} (the switch's current ports). One reader thread; returns how many.
     */
    public int poll(PortTable names, Consumer<Trace> sink) {
        int n = 0;
        for (LiveTraceRing r : rings) {
            n += r.drain(names, sink);
        }
        return n;
    }

    /** Frames recorded so far. */
    public long recorded() {
        long n = 0;
        for (LiveTraceRing r : rings) {
            n += r.recorded();
        }
        return n;
    }

    /** Matching frames not recorded because the reader was behind. */
    public long dropped() {
        long n = 0;
        for (LiveTraceRing r : rings) {
            n += r.drops();
        }
        return n;
    }

    @Override
    public String toString() {
        return "live trace " + id() + " (" + selection() + ")";
    }
}
