package dev.lanyard.dataplane.trace;

import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortTable;

/** What looking up a frame's destination in the MAC table found. */
public enum LookupKind {
    /** No lookup: the frame was decided before (a decode error, a group destination, a disabled port). */
    NOT_DONE("skipped"),
    /** No entry: the frame floods as unknown unicast. */
    MISS("miss"),
    /** An entry older than the ageing time, not yet removed: treated as a miss. */
    STALE("stale"),
    /** An entry on a port that is no longer there: treated as a miss. */
    GONE("gone"),
    /** An entry: the frame goes to its port (or is a reflection when that is the ingress port). */
    HIT("hit");

    private final String key;

    LookupKind(String key) {
        this.key = key;
    }

    /** A short machine-friendly name. */
    public String key() {
        return key;
    }

    /** What a value word that {@link MacTable#lookup} returned means, in the order the forwarding core checks. */
    public static LookupKind classify(long entry, MacTable table, PortTable ports, long nowMillis) {
        if (entry == 0) {
            return MISS;
        }
        if (table.isStale(entry, nowMillis)) {
            return STALE;
        }
        return ports.port(MacTable.portOf(entry)) == null ? GONE : HIT;
    }
}
