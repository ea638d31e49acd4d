package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * An IPv4 header in place.
 *
 * <pre>
 *  0       4       8               16      19              24              31
 *  +-------+-------+---------------+-------------------------------------+
 *  |version|  IHL  |   DSCP/ECN    |          total length               |
 *  +-------+-------+---------------+------+------------------------------+
 *  |        identification         |flags |     fragment offset          |
 *  +---------------+---------------+------+------------------------------+
 *  |      TTL      |   protocol    |         header checksum             |
 *  +---------------+---------------+-------------------------------------+
 *  |                        source address                               |
 *  |                     destination address                             |
 *  +---------------------------------------------------------------------+
 * </pre>
 */
public final class Ipv4Flyweight {
    /** Minimum header length. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** Offset of the total length. */
    public static final int TOTAL_LENGTH_OFFSET = 2;
    /** Offset of the identification field. */
    public static final int ID_OFFSET = 4;
    /** Offset of flags and fragment offset. */
    public static final int FRAGMENT_OFFSET = 6;
    /** Offset of TTL. */
    public static final int TTL_OFFSET = 8;
    /** Offset of the protocol. */
    public static final int PROTOCOL_OFFSET = 9;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 10;
    /** Offset of the source address. */
    public static final int SRC_OFFSET = 12;
    /** Offset of the destination address. */
    public static final int DST_OFFSET = 16;

    /** ICMP. */
    public static final int PROTO_ICMP = 1;
    /** TCP. */
    public static final int PROTO_TCP = 6;
    /** UDP. */
    public static final int PROTO_UDP = 17;
    /** ICMPv6 (as an IPv6 next header). */
    public static final int PROTO_ICMPV6 = 58;

    private ByteBuffer buffer;
    private int offset;
    private int available;
    private boolean valid;

    /** Wraps the bytes at {@code offset}; {@link #valid()} says whether they hold a sane IPv4 header. */
    public boolean wrap(ByteBuffer buffer, int offset, int available) {
        this.buffer = buffer;
        this.offset = offset;
        this.available = available;
        valid = false;
        if (available < MIN_HEADER_LENGTH) {
            return false;
        }
        int b0 = buffer.get(offset) & 0xFF;
        int ihl = (b0 & 0xF) * 4;
        int total = buffer.getShort(offset + TOTAL_LENGTH_OFFSET) & 0xFFFF;
        valid = b0 >>> 4 == 4 && ihl >= MIN_HEADER_LENGTH && ihl <= available && total >= ihl;
        return valid;
    }

    /** True when the last wrap found a well-formed header. */
    public boolean valid() {
        return valid;
    }

    /** Header length in bytes. */
    public int headerLength() {
        return (buffer.get(offset) & 0xF) * 4;
    }

    /** Total length from the header. */
    public int totalLength() {
        return buffer.getShort(offset + TOTAL_LENGTH_OFFSET) & 0xFFFF;
    }

    /** True when the total length claims more bytes than the frame holds. */
    public boolean truncated() {
        return totalLength() > available;
    }

    /** Protocol number of the payload. */
    public int protocol() {
        return buffer.get(offset + PROTOCOL_OFFSET) & 0xFF;
    }

    /** Time to live. */
    public int ttl() {
        return buffer.get(offset + TTL_OFFSET) & 0xFF;
    }

    /** Identification. */
    public int id() {
        return buffer.getShort(offset + ID_OFFSET) & 0xFFFF;
    }

    /** Fragment offset in bytes. */
    public int fragmentOffset() {
        return (buffer.getShort(offset + FRAGMENT_OFFSET) & 0x1FFF) * 8;
    }

    /** True when more fragments follow. */
    public boolean moreFragments() {
        return (buffer.getShort(offset + FRAGMENT_OFFSET) & 0x2000) != 0;
    }

    /** Source address as an int. */
    public int src() {
        return buffer.getInt(offset + SRC_OFFSET);
    }

    /** Destination address as an int. */
    public int dst() {
        return buffer.getInt(offset + DST_OFFSET);
    }

    /** Absolute index of the payload. */
    public int payloadOffset() {
        return offset + headerLength();
    }

    /** Payload bytes present: the smaller of what the header claims and what the frame holds. */
    public int payloadLength() {
        return Math.min(totalLength(), available) - headerLength();
    }

    /** Dotted quad form of an address. */
    public static String toString(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
