package dev.lanyard.dataplane.tap;

import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.trace.Trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * One worker's ring of live trace records: the worker claims a preallocated slot for each traced frame, fills it
 * in as the frame goes through the burst, and publishes the burst's records once with their kick time; the reader
 * turns published records into {@link Trace}s. A full ring drops the record and counts it.
 */
final class LiveTraceRing {
    private static final VarHandle PUBLISHED;
    private static final VarHandle HEAD;
    private static final VarHandle RECORDED;
    private static final VarHandle DROPS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PUBLISHED = l.findVarHandle(LiveTraceRing.class, "published", long.class);
            HEAD = l.findVarHandle(LiveTraceRing.class, "head", long.class);
            RECORDED = l.findVarHandle(LiveTraceRing.class, "recorded", long.class);
            DROPS = l.findVarHandle(LiveTraceRing.class, "drops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LiveRecord[] slots;

    // Producer (worker) side.
    private long tail;
    private long publishedTail;
    private long cachedHead;
    private long recorded;
    private long drops;

    // Shared.
    @SuppressWarnings("unused")
    private long published;
    @SuppressWarnings("unused")
    private long head;

    // Consumer side.
    private long readPosition;

    LiveTraceRing(int slots) {
        this.slots = new LiveRecord[slots];
        for (int k = 0; k < slots; k++) {
            this.slots[k] = new LiveRecord();
        }
    }

    /** Producer: a slot for the next traced frame, or null (a drop is counted) when the reader is behind. */
    LiveRecord claim() {
        if (tail - cachedHead >= slots.length) {
            cachedHead = (long) HEAD.getAcquire(this);
            if (tail - cachedHead >= slots.length) {
                DROPS.setOpaque(this, drops + 1);
                return null;
            }
        }
        LiveRecord r = slots[(int) (tail % slots.length)];
        tail++;
        RECORDED.setOpaque(this, recorded + 1);
        return r;
    }

    /** Producer, once per burst: stamps the burst's records with the kick time and publishes them. */
    void publish(long kickNanos) {
        if (publishedTail == tail) {
            return;
        }
        for (long p = publishedTail; p != tail; p++) {
            slots[(int) (p % slots.length)].kickNanos = kickNanos;
        }
        publishedTail = tail;
        PUBLISHED.setRelease(this, tail);
    }

    /** Consumer: hands every published record to the sink as a trace; returns how many. */
    int drain(PortTable names, Consumer<Trace> sink) {
        long upTo = (long) PUBLISHED.getAcquire(this);
        int n = 0;
        while (readPosition != upTo) {
            Trace t = slots[(int) (readPosition % slots.length)].toTrace(names);
            readPosition++;
            HEAD.setRelease(this, readPosition);
            sink.accept(t);
            n++;
        }
        return n;
    }

    long recorded() {
        return (long) RECORDED.getOpaque(this);
    }

    long drops() {
        return (long) DROPS.getOpaque(this);
    }
}
