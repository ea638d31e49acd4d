package dev.lanyard.dataplane.counter;

/** The counters every port has, besides one per drop reason. */
public enum PortCounter {
    /** Frames received. */
    RX_FRAMES("rx_frames"),
    /** Bytes received. */
    RX_BYTES("rx_bytes"),
    /** Frames transmitted. */
    TX_FRAMES("tx_frames"),
    /** Bytes transmitted. */
    TX_BYTES("tx_bytes"),
    /** Received frames forwarded to one known port. */
    UNICAST("forwarded_unicast"),
    /** Received frames flooded (unknown unicast, broadcast, multicast). */
    FLOODED("flooded"),
    /** Received frames dropped by the forwarding decision. */
    RX_DROPS("rx_drops"),
    /** Copies dropped on transmit. */
    TX_DROPS("tx_drops"),
    /** New addresses learned on this port. */
    LEARNED("learned"),
    /** Addresses that moved to this port. */
    MOVED("moved"),
    /** Addresses not learned (table full, port limit, static elsewhere, contention). */
    LEARN_REFUSED("learn_refused");

    private static final PortCounter[] VALUES = values();
    private final String key;

    PortCounter(String key) {
        this.key = key;
    }

    /** The name in JSON and metrics. */
    public String key() {
        return key;
    }

    /** The counter with this ordinal. */
    public static PortCounter of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Number of counters. */
    public static int count() {
        return VALUES.length;
    }
}
