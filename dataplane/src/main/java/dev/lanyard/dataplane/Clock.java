package dev.lanyard.dataplane;

import dev.lanyard.dataplane.linux.Time;

/**
 * The switch's clocks: a monotonic millisecond clock for the MAC table, and wall-clock nanoseconds on the kernel's
 * packet-timestamp clock (CLOCK_REALTIME) for captures and the time frames spend in the switch.
 */
public final class Clock {
    private static final long ORIGIN = System.nanoTime();
    private static final int CALIBRATION_ROUNDS = 7;
    private static volatile long realtimeOffset = measureOffset();

    private Clock() {
    }

    /** Monotonic milliseconds since the JVM loaded this class; the same clock on every thread. */
    public static long millis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L;
    }

    /**
     * Nanoseconds since the epoch on CLOCK_REALTIME, comparable with the timestamps of the kernel's RX rings: the
     * monotonic clock plus the offset between the two clocks. NTP slews both clocks alike, so the offset only moves
     * when the wall clock is stepped, which {@link #calibrate()} picks up; this costs what {@code System.nanoTime()}
     * costs, against a JNA call for reading CLOCK_REALTIME itself.
     */
    public static long epochNanos() {
        return System.nanoTime() + realtimeOffset;
    }

    /** Measures the offset again, for a wall clock that was stepped; the dataplane's housekeeping calls it. */
    public static void calibrate() {
        realtimeOffset = measureOffset();
    }

    /** CLOCK_REALTIME minus System.nanoTime(), from the tightest of a few bracketed readings. */
    static long measureOffset() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int k = 0; k < CALIBRATION_ROUNDS; k++) {
            long before = System.nanoTime();
            long wall = Time.nanos(Time.CLOCK_REALTIME);
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = wall - (before + (after - before) / 2);
            }
        }
        return offset;
    }
}
