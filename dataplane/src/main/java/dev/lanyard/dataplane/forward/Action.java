package dev.lanyard.dataplane.forward;

/**
 * The outcome of the forwarding decision as an int, so that the hot path never allocates: a port index (0 and up),
 * one of the flood kinds, or a drop with its reason.
 */
public final class Action {
    /** Flood a unicast frame whose destination is unknown (or stale). */
    public static final int FLOOD_UNKNOWN = -1;
    /** Flood a broadcast frame. */
    public static final int FLOOD_BROADCAST = -2;
    /** Flood a multicast frame. */
    public static final int FLOOD_MULTICAST = -3;
    private static final int DROP_BASE = -1000;

    private Action() {
    }

    /** Output to one port. */
    public static int output(int port) {
        return port;
    }

    /** Drop, with a reason. */
    public static int drop(DropReason reason) {
        return DROP_BASE - reason.ordinal();
    }

    /** True for a single output port. */
    public static boolean isOutput(int action) {
        return action >= 0;
    }

    /** True for any kind of flood. */
    public static boolean isFlood(int action) {
        return action < 0 && action > DROP_BASE;
    }

    /** True for a drop. */
    public static boolean isDrop(int action) {
        return action <= DROP_BASE;
    }

    /** The reason of a drop action. */
    public static DropReason reason(int action) {
        return DropReason.of(DROP_BASE - action);
    }

    /** The ordinal of the reason of a drop action. */
    public static int reasonOrdinal(int action) {
        return DROP_BASE - action;
    }

    /** Text for traces: "output to 3", "flood (unknown unicast)", "drop: reflection ...". */
    public static String describe(int action) {
        if (isOutput(action)) {
            return "output to port " + action;
        }
        switch (action) {
            case FLOOD_UNKNOWN:
                return "flood (unknown unicast)";
            case FLOOD_BROADCAST:
                return "flood (broadcast)";
            case FLOOD_MULTICAST:
                return "flood (multicast)";
            default:
                return "drop: " + reason(action).label();
        }
    }
}
