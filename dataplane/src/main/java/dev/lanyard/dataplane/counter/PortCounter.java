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
    LEARN_REFUSED("learn_refused"),
    /** Broadcast frames dropped by the port's storm control. */
    STORM_BROADCAST("storm_drops_broadcast"),
    /** Multicast frames dropped by the port's storm control. */
    STORM_MULTICAST("storm_drops_multicast"),
    /** Unknown-unicast frames dropped by the port's storm control. */
    STORM_UNKNOWN_UNICAST("storm_drops_unknown_unicast"),
    /** Flooded frames that came back in on this port shortly after coming in on another: a loop. */
    LOOP_DETECTED("loop_detected");

    private static final PortCounter[] VALUES = values();
    private static final PortCounter[] STORM = {STORM_BROADCAST, STORM_MULTICAST, STORM_UNKNOWN_UNICAST};
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

    /** The storm-control drop counter of a traffic class (see {@code StormControl#BROADCAST} and the others). */
    public static PortCounter stormDrops(int trafficClass) {
        return STORM[trafficClass];
    }

    /** Number of counters. */
    public static int count() {
        return VALUES.length;
    }
}
