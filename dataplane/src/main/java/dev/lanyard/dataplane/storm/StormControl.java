package dev.lanyard.dataplane.storm;

import dev.lanyard.dataplane.forward.Action;

/**
 * A port's storm control, as a hardware switch's {@code storm-control}: the most broadcast, multicast and
 * unknown-unicast frames per second the port lets in to be flooded, each class policed on its own token bucket.
 * Frames over the rate are dropped on ingress and counted; unicast to a known address is never policed.
 *
 * @param broadcast       broadcast frames per second, or {@link #UNLIMITED}; 0 lets none in
 * @param multicast       multicast frames per second (link-local control frames are never forwarded anyway)
 * @param unknownUnicast  unicast frames per second whose destination the switch has not learned
 * @param burst           frames each class may pass at once above its rate; 0 for the default, a tenth of a
 *                        second's worth (at least one frame)
 */
public record StormControl(long broadcast, long multicast, long unknownUnicast, long burst) {
    /** No limit for a class. */
    public static final long UNLIMITED = -1;
    /** The largest rate or burst taken: far above what one port can receive. */
    public static final long MAX_RATE = 100_000_000L;
    /** Index of the broadcast class. */
    public static final int BROADCAST = 0;
    /** Index of the multicast class. */
    public static final int MULTICAST = 1;
    /** Index of the unknown-unicast class. */
    public static final int UNKNOWN_UNICAST = 2;
    /** Number of classes. */
    public static final int CLASSES = 3;
    /** Storm control off: every class unlimited. */
    public static final StormControl OFF = new StormControl(UNLIMITED, UNLIMITED, UNLIMITED, 0);

    /** Checks the values. */
    public StormControl {
        check("broadcast", broadcast);
        check("multicast", multicast);
        check("unknown-unicast", unknownUnicast);
        if (burst < 0 || burst > MAX_RATE) {
            throw new IllegalArgumentException("storm-control burst must be 0 (default) to " + MAX_RATE
                    + " frames, not " + burst);
        }
    }

    private static void check(String what, long rate) {
        if (rate != UNLIMITED && (rate < 0 || rate > MAX_RATE)) {
            throw new IllegalArgumentException("storm-control " + what + " must be 0 to " + MAX_RATE
                    + " frames per second, or unlimited; not " + rate);
        }
    }

    /** True when at least one class is limited. */
    public boolean enabled() {
        return broadcast != UNLIMITED || multicast != UNLIMITED || unknownUnicast != UNLIMITED;
    }

    /** The rate of a class ({@link #BROADCAST}, {@link #MULTICAST}, {@link #UNKNOWN_UNICAST}). */
    public long rate(int trafficClass) {
        switch (trafficClass) {
            case BROADCAST:
                return broadcast;
            case MULTICAST:
                return multicast;
            case UNKNOWN_UNICAST:
                return unknownUnicast;
            default:
                throw new IllegalArgumentException("no traffic class " + trafficClass);
        }
    }

    /** The burst of a class in frames: the one given, or a tenth of a second at its rate, at least 1. */
    public long burstOf(int trafficClass) {
        return burst > 0 ? burst : Math.max(1, rate(trafficClass) / 10);
    }

    /** The class a flood action polices, or -1 for an action that is no flood. */
    public static int classOf(int action) {
        switch (action) {
            case Action.FLOOD_BROADCAST:
                return BROADCAST;
            case Action.FLOOD_MULTICAST:
                return MULTICAST;
            case Action.FLOOD_UNKNOWN:
                return UNKNOWN_UNICAST;
            default:
                return -1;
        }
    }
}
