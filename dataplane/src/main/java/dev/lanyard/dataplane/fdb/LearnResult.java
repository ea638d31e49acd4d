package dev.lanyard.dataplane.fdb;

/** What learning a source address did; int codes so the hot path stays free of objects. */
public final class LearnResult {
    /** The entry was already there, on this port, and recent enough: nothing written. */
    public static final int UNCHANGED = 0;
    /** A new entry. */
    public static final int NEW = 1;
    /** A known entry on the same port got a new last-seen time. */
    public static final int REFRESHED = 2;
    /** A known entry moved to this port. */
    public static final int MOVED = 3;
    /** Not learned: the table is full (or both buckets of this key are). */
    public static final int REFUSED_TABLE_FULL = 4;
    /** Not learned: the port has as many learned addresses as its limit allows. */
    public static final int REFUSED_PORT_LIMIT = 5;
    /** Not moved: a static entry holds this address on another port. */
    public static final int STATIC_CONFLICT = 6;
    /** Not learned: other threads kept changing this key; the next frame will learn it. */
    public static final int CONTENDED = 7;
    /** Learning is off on the ingress port. */
    public static final int DISABLED = 8;
    /** The source is a group or zero address, which is never learned. */
    public static final int INVALID_SOURCE = 9;
    /** A static entry was added. */
    public static final int STATIC_ADDED = 10;
    /**
     * Not learned: the frame is a flooded frame coming back through a loop, so its source is not behind this port
     * (learning it there would move the host's entry into the loop).
     */
    public static final int LOOPED = 11;
    /** Learning did not run: the frame did not decode, or its ingress port is not forwarding. */
    public static final int SKIPPED = -2;
    /** Internal: the attempt lost a race and must be retried. */
    static final int RETRY = -1;

    private static final String[] LABELS = {
        "unchanged", "new", "refresh", "move", "refused: table full", "refused: port limit",
        "refused: static entry elsewhere", "contended", "learning off", "source not learnable", "static added",
        "not learned: looped frame",
    };

    private LearnResult() {
    }

    /** A human label for a code. */
    public static String label(int code) {
        if (code == SKIPPED) {
            return "skipped";
        }
        return code >= 0 && code < LABELS.length ? LABELS[code] : "unknown (" + code + ")";
    }

    /** True for results that left the table without an entry for this source on this port. */
    public static boolean refused(int code) {
        return code == REFUSED_TABLE_FULL || code == REFUSED_PORT_LIMIT || code == STATIC_CONFLICT
                || code == CONTENDED;
    }
}
