package dev.lanyard.dataplane.storm;

/**
 * One worker's storm-control token buckets, one per port and traffic class. A bucket holds credit in thousandths of
 * a frame, so that whole milliseconds of the burst's clock refill it exactly at any rate in frames per second:
 * {@code rate} thousandths per millisecond. A bucket never used is full. Only the worker that polls a port polices
 * its ingress, so nothing here is shared; nothing is allocated after construction.
 */
public final class TokenBuckets {
    private static final long NEVER = Long.MIN_VALUE;
    private static final long MILLI = 1000;

    private final long[] credit;
    private final long[] stamp;

    /** Buckets for ports 0 to {@code maxPorts - 1}. */
    public TokenBuckets(int maxPorts) {
        this.credit = new long[maxPorts * StormControl.CLASSES];
        this.stamp = new long[maxPorts * StormControl.CLASSES];
        java.util.Arrays.fill(stamp, NEVER);
    }

    /**
     * Whether one more frame of a class may pass on a port at {@code nowMillis}, taking its token if so. {@code rate}
     * is in frames per second (0 lets none pass), {@code burst} in frames (at least 1).
     */
    public boolean admit(int port, int trafficClass, long rate, long burst, long nowMillis) {
        if (rate <= 0) {
            return false;
        }
        int b = port * StormControl.CLASSES + trafficClass;
        long full = burst * MILLI;
        long c = credit[b];
        long last = stamp[b];
        if (last == NEVER) {
            c = full;
        } else if (nowMillis > last) {
            long elapsed = nowMillis - last;
            // Compared before multiplying, so that a long idle time cannot overflow.
            c = elapsed >= (full - Math.min(c, full)) / rate + 1 ? full : c + elapsed * rate;
        }
        stamp[b] = Math.max(nowMillis, last);
        if (c > full) {
            c = full;
        }
        if (c < MILLI) {
            credit[b] = c;
            return false;
        }
        credit[b] = c - MILLI;
        return true;
    }
}
