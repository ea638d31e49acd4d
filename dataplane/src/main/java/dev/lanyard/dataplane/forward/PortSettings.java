package dev.lanyard.dataplane.forward;

import dev.lanyard.dataplane.storm.StormControl;

/**
 * Per-port behaviour, as the kernel bridge offers it: learning, flooding of unknown unicast, isolation, a limit on
 * learned addresses, and whether the port is administratively enabled; and, as hardware switches offer it, storm
 * control.
 *
 * @param learning     learn source addresses of frames received here
 * @param flood        send unknown unicast out of this port
 * @param isolated     no traffic to other isolated ports
 * @param macLimit     most learned addresses on this port, 0 for no limit
 * @param enabled      forward at all (admin state)
 * @param stormControl rate limits on the broadcast, multicast and unknown unicast this port lets in
 */
public record PortSettings(boolean learning, boolean flood, boolean isolated, int macLimit, boolean enabled,
        StormControl stormControl) {
    /** The kernel bridge's defaults: learning and flooding on, not isolated, no limit, enabled, no storm control. */
    public static final PortSettings DEFAULT = new PortSettings(true, true, false, 0, true);

    /** Checks the values. */
    public PortSettings {
        if (macLimit < 0) {
            throw new IllegalArgumentException("mac limit must be 0 (none) or positive, not " + macLimit);
        }
        if (stormControl == null) {
            throw new IllegalArgumentException("storm control must be given; StormControl.OFF for none");
        }
    }

    /** Settings without storm control. */
    public PortSettings(boolean learning, boolean flood, boolean isolated, int macLimit, boolean enabled) {
        this(learning, flood, isolated, macLimit, enabled, StormControl.OFF);
    }

    /** A copy with learning set. */
    public PortSettings withLearning(boolean on) {
        return new PortSettings(on, flood, isolated, macLimit, enabled, stormControl);
    }

    /** A copy with unknown-unicast flooding set. */
    public PortSettings withFlood(boolean on) {
        return new PortSettings(learning, on, isolated, macLimit, enabled, stormControl);
    }

    /** A copy with isolation set. */
    public PortSettings withIsolated(boolean on) {
        return new PortSettings(learning, flood, on, macLimit, enabled, stormControl);
    }

    /** A copy with a MAC limit. */
    public PortSettings withMacLimit(int limit) {
        return new PortSettings(learning, flood, isolated, limit, enabled, stormControl);
    }

    /** A copy with the admin state set. */
    public PortSettings withEnabled(boolean on) {
        return new PortSettings(learning, flood, isolated, macLimit, on, stormControl);
    }

    /** A copy with storm control. */
    public PortSettings withStormControl(StormControl s) {
        return new PortSettings(learning, flood, isolated, macLimit, enabled, s);
    }
}
