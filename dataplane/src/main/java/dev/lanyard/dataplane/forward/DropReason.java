package dev.lanyard.dataplane.forward;

/**
 * Why a frame (or one copy of it) was not delivered. One list gives both the code and the label, as VPP's
 * {@code foreach_*_error} lists do; every reason has a counter per port.
 */
public enum DropReason {
    /** Shorter than an Ethernet header. */
    RUNT("runt", "shorter than an Ethernet header"),
    /** A VLAN tag cut off by the end of the frame. */
    TRUNCATED_TAG("truncated-tag", "VLAN tag cut off by the end of the frame"),
    /** An 802.3 length field that lies, or a type between 1501 and 1535. */
    BAD_LENGTH("bad-length", "802.3 length larger than the frame, or an invalid type"),
    /** Source MAC is a group address or zero. */
    INVALID_SOURCE("invalid-source", "source MAC is a group or all-zero address"),
    /** 01:80:c2:00:00:0x, which a bridge never forwards. */
    LINK_LOCAL("link-local", "IEEE 802.1D link-local destination (01:80:c2:00:00:0x)"),
    /** The destination was learned on the port the frame came in on. */
    REFLECTION("reflection", "destination is on the ingress port"),
    /** From an isolated port to another isolated port. */
    ISOLATED("isolated", "isolated port to isolated port"),
    /** The ingress port is disabled. */
    INGRESS_DISABLED("ingress-disabled", "ingress port is disabled"),
    /** The destination port is down or disabled. */
    EGRESS_DOWN("egress-down", "destination port is down"),
    /** A flood with no port to go to. */
    NO_EGRESS("no-egress", "no other port to flood to"),
    /** The egress TX ring or queue was full. */
    TX_FULL("tx-full", "egress TX ring full"),
    /** Larger than the egress port can carry. */
    OVERSIZE("oversize", "frame larger than the egress port's MTU and not segmentable"),
    /** Checksum completion or segmentation failed. */
    OFFLOAD_ERROR("offload-error", "checksum or segmentation offload could not be completed"),
    /** The kernel refused the frame on transmit. */
    TX_ERROR("tx-error", "the kernel refused the frame on transmit"),
    /** The storm-control rate limit of the ingress port. */
    STORM_CONTROL("storm-control", "over the port's storm-control rate"),
    /** Larger than the RX ring's slot: dropped whole rather than passed on truncated. */
    RX_TRUNCATED("rx-truncated", "frame larger than the RX ring slot; dropped rather than truncated"),
    /** The kernel dropped frames before the switch saw them (PACKET_STATISTICS). */
    KERNEL_RX("kernel-rx", "dropped by the kernel before the switch read them (ring full)");

    private static final DropReason[] VALUES = values();

    private final String key;
    private final String label;

    DropReason(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** A short machine-friendly name, for JSON and metrics. */
    public String key() {
        return key;
    }

    /** A sentence for people. */
    public String label() {
        return label;
    }

    /** The reason with this ordinal. */
    public static DropReason of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Number of reasons. */
    public static int count() {
        return VALUES.length;
    }
}
