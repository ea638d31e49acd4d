package dev.lanyard.tools.pcapng;

/**
 * One packet as read from a pcapng stream.
 *
 * @param interfaceId    the id of the interface block it refers to
 * @param interfaceName  that interface's if_name, or the empty string
 * @param epochNanos     nanoseconds since 1970-01-01T00:00Z; 0 for a simple packet block, which has no timestamp
 * @param direction      from epb_flags, UNKNOWN when absent
 * @param originalLength the frame's length on the wire
 * @param data           the captured bytes (possibly fewer than originalLength)
 */
public record PcapngPacket(int interfaceId, String interfaceName, long epochNanos, Direction direction,
        int originalLength, byte[] data) {

    /** Number of bytes captured. */
    public int capturedLength() {
        return data.length;
    }
}
