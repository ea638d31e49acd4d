package dev.lanyard.dataplane.forward;

/**
 * Per-port behaviour, as the kernel bridge offers it: learning, flooding of unknown unicast, isolation, a limit on
 * learned addresses, and whether the port is administratively enabled.
 *
 * @param learning     learn source addresses of frames received here
 * @param flood        send unknown unicast out of this port
 * @param isolated     no traffic to other isolated ports
 * @param macLimit     most learned addresses on this port, 0 for no limit
 * @param enabled      forward at all (admin state)
 */
public record PortSettings(boolean learning, boolean flood, boolean isolated, int macLimit, boolean enabled) {
    /** The kernel bridge's defaults: learning and flooding on, not isolated, no limit, enabled. */
    public static final PortSettings DEFAULT = new PortSettings(true, true, false, 0, true);

    /** Checks the values. */
    public PortSettings {
        if (macLimit < 0) {
            throw new IllegalArgumentException("mac limit must be 0 (none) or positive, not " + macLimit);
        }
    }

    /** A copy with learning set. */
    public PortSettings withLearning(boolean on) {
        return new PortSettings(on, flood, isolated, macLimit, enabled);
    }

    /** A copy with unknown-unicast flooding set. */
    public PortSettings withFlood(boolean on) {
        return new PortSettings(learning, on, isolated, macLimit, enabled);
    }

    /** A copy with isolation set. */
    public PortSettings withIsolated(boolean on) {
        return new PortSettings(learning, flood, on, macLimit, enabled);
    }

    /** A copy with a MAC limit. */
    public PortSettings withMacLimit(int limit) {
        return new PortSettings(learning, flood, isolated, limit, enabled);
    }

    /** A copy with the admin state set. */
    public PortSettings withEnabled(boolean on) {
        return new PortSettings(learning, flood, isolated, macLimit, on);
    }
}
