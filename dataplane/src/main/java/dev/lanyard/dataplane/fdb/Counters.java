package dev.lanyard.dataplane.fdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The table's entry count on a cache line of its own (padding in super- and subclass, as the Disruptor's
 * {@code Sequence} does, because the JVM reorders fields within one class), so that inserts and removals on one
 * core do not evict the table fields that lookups on the other core read.
 */
final class Counters extends CountersValue {
    @SuppressWarnings("unused")
    private long p11;
    @SuppressWarnings("unused")
    private long p12;
    @SuppressWarnings("unused")
    private long p13;
    @SuppressWarnings("unused")
    private long p14;
    @SuppressWarnings("unused")
    private long p15;
    @SuppressWarnings("unused")
    private long p16;
    @SuppressWarnings("unused")
    private long p17;

    int size() {
        return (int) SIZE.getVolatile(this);
    }

    /** Takes one place if fewer than {@code capacity} are taken. */
    boolean reserve(int capacity) {
        int n;
        do {
            n = (int) SIZE.getVolatile(this);
            if (n >= capacity) {
                return false;
            }
        } while (!SIZE.compareAndSet(this, n, n + 1));
        return true;
    }

    void release() {
        SIZE.getAndAdd(this, -1);
    }
}

/** Padding before the value. */
class CountersPadding {
    @SuppressWarnings("unused")
    private long p01;
    @SuppressWarnings("unused")
    private long p02;
    @SuppressWarnings("unused")
    private long p03;
    @SuppressWarnings("unused")
    private long p04;
    @SuppressWarnings("unused")
    private long p05;
    @SuppressWarnings("unused")
    private long p06;
    @SuppressWarnings("unused")
    private long p07;
}

/** The value itself. */
class CountersValue extends CountersPadding {
    static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(CountersValue.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private volatile int size;
}
