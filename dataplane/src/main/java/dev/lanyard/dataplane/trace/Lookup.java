package dev.lanyard.dataplane.trace;

import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.PortTable;

/**
 * The lookup step of a trace: what the table held for the destination.
 *
 * @param kind      what was found
 * @param port      the entry's port, -1 without an entry
 * @param isStatic  true for a static entry
 * @param ageMillis time since the entry was last seen, -1 without an entry
 */
public record Lookup(LookupKind kind, int port, boolean isStatic, long ageMillis) {
    /** No lookup took place. */
    public static final Lookup NOT_DONE = new Lookup(LookupKind.NOT_DONE, -1, false, -1);

    /** The lookup of a value word (0 for none) at {@code nowMillis}. */
    public static Lookup of(long entry, MacTable table, PortTable ports, long nowMillis) {
        LookupKind kind = LookupKind.classify(entry, table, ports, nowMillis);
        if (entry == 0) {
            return new Lookup(kind, -1, false, -1);
        }
        return new Lookup(kind, MacTable.portOf(entry), MacTable.isStatic(entry), MacTable.ageOf(entry, nowMillis));
    }
}
