package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** time.h: clock_gettime, to read the wall clock that the kernel stamps received packets with. */
public final class Time {
    static {
        Native.register(Time.class, Libc.NAME);
    }

    /** CLOCK_REALTIME: the system-wide wall clock; AF_PACKET ring timestamps (tp_sec, tp_nsec) are on it. */
    public static final int CLOCK_REALTIME = 0;
    /** CLOCK_MONOTONIC: never stepped, only slewed; what {@code System.nanoTime()} reads on Linux. */
    public static final int CLOCK_MONOTONIC = 1;

    private Time() {
    }

    /**
     * int clock_gettime(clockid_t clockid, struct timespec *tp); the timespec as two longs, {tv_sec, tv_nsec}, as
     * on LP64.
     */
    public static native int clock_gettime(int clockId, long[] timespec);

    /** A clock's time in nanoseconds. Allocates; for calibration, not for per-frame use. */
    public static long nanos(int clockId) {
        long[] ts = new long[2];
        if (clock_gettime(clockId, ts) != 0) {
            throw new IllegalStateException("clock_gettime(" + clockId + "): " + Errno.describe(Errno.last()));
        }
        return ts[0] * 1_000_000_000L + ts[1];
    }
}
