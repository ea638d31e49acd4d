package dev.lanyard.dataplane.offload;

/**
 * Why a checksum could not be completed or a GSO frame could not be segmented. One list gives the code, the key and
 * the label, as VPP's {@code foreach_*_error} lists do, so a caller counts drops by reason. Methods that can fail
 * return {@link #code()}, a negative int, so the hot path never allocates an exception or a result object.
 */
public enum OffloadError {
    /** offset/length do not lie inside the buffer. */
    BAD_BOUNDS("bad-bounds", "offset or length outside the buffer"),
    /** csum_start/csum_offset point outside the frame. */
    CSUM_OUT_OF_BOUNDS("csum-out-of-bounds", "csum_start + csum_offset lies outside the frame"),
    /** csum_start/csum_offset do not point at the transport checksum the headers say is there. */
    CSUM_MISMATCH("csum-mismatch", "csum_start/csum_offset do not point at the TCP or UDP checksum field"),
    /** gso_type NONE: nothing to segment. */
    NOT_GSO("not-gso", "gso_type is NONE: complete the checksum instead of segmenting"),
    /** A gso_type this segmenter does not know. */
    UNSUPPORTED_GSO_TYPE("unsupported-gso-type", "gso_type is not TCPV4, TCPV6, UDP or UDP_L4"),
    /** gso_type and the frame disagree on IP version or transport. */
    GSO_TYPE_MISMATCH("gso-type-mismatch", "gso_type does not match the frame's IP version or transport protocol"),
    /** gso_size of zero, or below 8 for UDP fragmentation. */
    ZERO_GSO_SIZE("zero-gso-size", "gso_size is zero (or below 8 for UDP fragmentation)"),
    /** gso_size so small that the frame would become too many segments. */
    TOO_MANY_SEGMENTS("too-many-segments", "gso_size so small the frame would need more segments than allowed"),
    /** A segment would not fit a 16-bit IP length. */
    SEGMENT_TOO_LARGE("segment-too-large", "gso_size so large a segment would exceed the 16-bit IP length"),
    /** The frame ends inside its Ethernet, VLAN, IP or transport headers. */
    HEADERS_TRUNCATED("headers-truncated", "the frame ends inside its Ethernet, VLAN, IP or transport headers"),
    /** More than two VLAN tags. */
    TOO_MANY_TAGS("too-many-tags", "more than two VLAN tags before the IP header"),
    /** Neither IPv4 nor IPv6 after the tags. */
    NOT_IP("not-ip", "the EtherType after the tags is neither IPv4 nor IPv6"),
    /** IP version, IHL or length fields that cannot be right. */
    BAD_IP_HEADER("bad-ip-header", "wrong IP version, IHL under 5, or IP length shorter than the headers"),
    /** The IP length claims bytes the frame does not hold: the frame was truncated on the way. */
    IP_LENGTH_EXCEEDS_FRAME("ip-length-exceeds-frame", "IP length larger than the frame: the frame was truncated"),
    /** A fragment cannot be a GSO frame. */
    IP_FRAGMENT("ip-fragment", "the frame is an IP fragment"),
    /** An IPv6 extension header this segmenter does not walk (ESP, AH, mobility, routing with segments left). */
    UNSUPPORTED_IPV6_EXTENSION("unsupported-ipv6-extension",
            "IPv6 extension header other than hop-by-hop, destination options or a spent routing header"),
    /** TCP data offset below 5. */
    BAD_TCP_HEADER("bad-tcp-header", "TCP data offset below 5 words"),
    /** UDP fragmentation offload over IPv6 is not done in software here. */
    IPV6_UFO("ipv6-ufo", "UDP fragmentation offload (gso_type UDP) over IPv6 is not supported"),
    /** The sink handed out a buffer too small for the segment. */
    SINK_TOO_SMALL("sink-too-small", "the egress slot is smaller than a segment"),
    /** The sink filled before every segment was written; the ones before went out. */
    SINK_FULL("sink-full", "the egress ring filled before every segment was written");

    private static final OffloadError[] VALUES = values();

    private final String key;
    private final String label;

    OffloadError(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The negative int that methods return for this error. */
    public int code() {
        return -1 - ordinal();
    }

    /** The error a negative return value stands for. */
    public static OffloadError of(int code) {
        if (code >= 0 || -1 - code >= VALUES.length) {
            throw new IllegalArgumentException("not an offload error code: " + code);
        }
        return VALUES[-1 - code];
    }

    /** A short machine-friendly name, for JSON and metrics. */
    public String key() {
        return key;
    }

    /** A sentence for people. */
    public String label() {
        return label;
    }

    /** Number of errors, for sizing a counter array indexed by {@code ordinal()}. */
    public static int count() {
        return VALUES.length;
    }
}
