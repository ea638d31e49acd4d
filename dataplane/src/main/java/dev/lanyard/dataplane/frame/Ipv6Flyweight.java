package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * An IPv6 header in place, with the extension headers walked to find the upper-layer protocol.
 *
 * <pre>
 *  0       4               12                              31
 *  +-------+---------------+-------------------------------+
 *  |version| traffic class |          flow label           |
 *  +-------+---------------+---------------+---------------+
 *  |        payload length | next header   |  hop limit    |
 *  +-----------------------+---------------+---------------+
 *  |           source address (16 bytes)                   |
 *  |           destination address (16 bytes)              |
 *  +-------------------------------------------------------+
 * </pre>
 */
public final class Ipv6Flyweight {
    /** Fixed header length. */
    public static final int HEADER_LENGTH = 40;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    /** Offset of the next header. */
    public static final int NEXT_HEADER_OFFSET = 6;
    /** Offset of the hop limit. */
    public static final int HOP_LIMIT_OFFSET = 7;
    /** Offset of the source address. */
    public static final int SRC_OFFSET = 8;
    /** Offset of the destination address. */
    public static final int DST_OFFSET = 24;
    /** Extension headers walked before giving up. */
    private static final int MAX_EXTENSIONS = 8;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AUTH = 51;
    private static final int DEST_OPTS = 60;

    private ByteBuffer buffer;
    private int offset;
    private int available;
    private boolean valid;
    private int protocol;
    private int upperOffset;

    /** Wraps the bytes at {@code offset}; {@link #valid()} says whether they hold a sane IPv6 header. */
    public boolean wrap(ByteBuffer buffer, int offset, int available) {
        this.buffer = buffer;
        this.offset = offset;
        this.available = available;
        valid = available >= HEADER_LENGTH && (buffer.get(offset) & 0xF0) == 0x60;
        protocol = -1;
        upperOffset = -1;
        if (!valid) {
            return false;
        }
        int next = buffer.get(offset + NEXT_HEADER_OFFSET) & 0xFF;
        int pos = offset + HEADER_LENGTH;
        int end = offset + available;
        for (int i = 0; i < MAX_EXTENSIONS; i++) {
            if (next == HOP_BY_HOP || next == ROUTING || next == DEST_OPTS || next == FRAGMENT || next == AUTH) {
                if (pos + 8 > end) {
                    return true;
                }
                int len;
                if (next == FRAGMENT) {
                    len = 8;
                } else if (next == AUTH) {
                    len = ((buffer.get(pos + 1) & 0xFF) + 2) * 4;
                } else {
                    len = ((buffer.get(pos + 1) & 0xFF) + 1) * 8;
                }
                next = buffer.get(pos) & 0xFF;
                pos += len;
            } else {
                protocol = next;
                upperOffset = pos <= end ? pos : -1;
                return true;
            }
        }
        return true;
    }

    /** True when the last wrap found a well-formed fixed header. */
    public boolean valid() {
        return valid;
    }

    /** Upper-layer protocol after the extension headers, or -1 when they could not be walked. */
    public int protocol() {
        return protocol;
    }

    /** Absolute index of the upper-layer header, or -1. */
    public int upperOffset() {
        return upperOffset;
    }

    /** Bytes from the upper-layer header to the end of what the frame holds and the header claims. */
    public int upperLength() {
        if (upperOffset < 0) {
            return 0;
        }
        int end = offset + Math.min(available, HEADER_LENGTH + payloadLength());
        return Math.max(0, end - upperOffset);
    }

    /** Payload length from the header. */
    public int payloadLength() {
        return buffer.getShort(offset + PAYLOAD_LENGTH_OFFSET) & 0xFFFF;
    }

    /** Hop limit. */
    public int hopLimit() {
        return buffer.get(offset + HOP_LIMIT_OFFSET) & 0xFF;
    }

    /** High 64 bits of the source address. */
    public long srcHigh() {
        return buffer.getLong(offset + SRC_OFFSET);
    }

    /** Low 64 bits of the source address. */
    public long srcLow() {
        return buffer.getLong(offset + SRC_OFFSET + 8);
    }

    /** High 64 bits of the destination address. */
    public long dstHigh() {
        return buffer.getLong(offset + DST_OFFSET);
    }

    /** Low 64 bits of the destination address. */
    public long dstLow() {
        return buffer.getLong(offset + DST_OFFSET + 8);
    }

    /** Text form of an address given as two longs (uncompressed groups, lower case). */
    public static String toString(long high, long low) {
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? high >>> (48 - 16 * i) : low >>> (48 - 16 * (i - 4));
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString((int) word & 0xFFFF));
        }
        return sb.toString();
    }
}
