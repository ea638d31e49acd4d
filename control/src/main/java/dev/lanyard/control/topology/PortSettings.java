package dev.lanyard.control.topology;

/**
 * The per-port switch settings the kernel bridge offers too.
 *
 * @param learning whether the switch learns source MACs of frames arriving on this port
 * @param flood    whether unknown unicast is flooded out of this port
 * @param isolated whether this port may only talk to non-isolated ports
 * @param macLimit how many MACs the switch learns on this port at most; 0 for no limit
 * @param stormControl rate limits on the broadcast, multicast and unknown unicast the port lets in
 */
public record PortSettings(boolean learning, boolean flood, boolean isolated, int macLimit,
        StormControl stormControl) {
    /** The kernel bridge's defaults: learn, flood, not isolated, no limit; and no storm control. */
    public static final PortSettings DEFAULTS = new PortSettings(true, true, false, 0);

    /** Settings without storm control. */
    public PortSettings(boolean learning, boolean flood, boolean isolated, int macLimit) {
        this(learning, flood, isolated, macLimit, StormControl.OFF);
    }
}
