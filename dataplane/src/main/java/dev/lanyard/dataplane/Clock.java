package dev.lanyard.dataplane;

/** The switch's clocks: a monotonic millisecond clock for the MAC table, and wall-clock nanoseconds for captures. */
public final class Clock {
    private static final long ORIGIN = System.nanoTime();

    private Clock() {
    }

    /** Monotonic milliseconds since the JVM loaded this class; the same clock on every thread. */
    public static long millis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L;
    }
}
