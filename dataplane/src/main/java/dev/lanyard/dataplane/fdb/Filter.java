package dev.lanyard.dataplane.fdb;

/** Selects entries to flush: by port, VLAN, kind or age. */
@FunctionalInterface
public interface Filter {
    /** Every entry, static ones included. */
    Filter ANY = (vid, mac, value) -> true;
    /** Every dynamic entry: what a plain "flush" removes, as on the kernel bridge. */
    Filter DYNAMIC = (vid, mac, value) -> !MacTable.isStatic(value);

    /** True when the entry (VLAN, MAC, value word) is selected. */
    boolean matches(int vid, long mac, long value);

    /** Entries on a port. */
    static Filter port(int port) {
        return (vid, mac, value) -> MacTable.portOf(value) == port;
    }

    /** Entries in a VLAN. */
    static Filter vlan(int vlan) {
        return (vid, mac, value) -> vid == vlan;
    }

    /** Dynamic entries not seen for longer than {@code agingMillis}. */
    static Filter olderThan(long agingMillis, long nowMillis) {
        return (vid, mac, value) -> !MacTable.isStatic(value) && MacTable.ageOf(value, nowMillis) > agingMillis;
    }

    /** Both filters. */
    default Filter and(Filter other) {
        return (vid, mac, value) -> matches(vid, mac, value) && other.matches(vid, mac, value);
    }
}
