package dev.lanyard.dataplane;

/** The switch's clocks: a monotonic millisecond clock for the MAC table, and wall-clock nanoseconds for captures. */
public final class Clock {
    private static final long ORIGIN = System.nanoTime();
    private static final long WALL_AT_ORIGIN = System.currentTimeMillis() * 1_000_000L;

    private Clock() {
    }

    /** Monotonic milliseconds since the JVM loaded this class; the same clock on every thread. */
    public static long millis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L;
    }

    /**
     * Nanoseconds since the epoch, for timestamps of frames read without one (TAP reads): the wall clock taken once
     * at start, advanced by the monotonic clock, so it never jumps and costs no allocation.
     */
    public static long epochNanos() {
        return WALL_AT_ORIGIN + (System.nanoTime() - ORIGIN);
    }
}
