package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) over ByteBuffers: a fast ones'-complement sum, pseudo-header sums, the IPv4
 * header checksum, and the completion of a checksum a sender left to offload (virtio {@code F_NEEDS_CSUM},
 * AF_PACKET {@code TP_STATUS_CSUMNOTREADY}), as the kernel's {@code skb_checksum_help} does.
 *
 * <p>Sums are 16-bit values in 0..0xffff, folded but not inverted, computed as if the region's first byte were the
 * high byte of a word. Two sums add with {@code fold(a + b)} when the first region has an even length. Fields are
 * read and written in network order whatever the buffer's own order is.
 */
public final class Checksums {
    /** IP protocol number of TCP. */
    public static final int PROTO_TCP = 6;
    /** IP protocol number of UDP. */
    public static final int PROTO_UDP = 17;

    private static final int IPV4_CHECKSUM_OFFSET = 10;
    private static final int IPV4_ADDRESSES_OFFSET = 12;
    private static final int IPV6_ADDRESSES_OFFSET = 8;

    private Checksums() {
    }

    /**
     * The ones'-complement sum of {@code length} bytes from {@code offset} (absolute reads; position and limit are
     * untouched), folded to 16 bits and not inverted. An odd last byte counts as the high byte of a word.
     *
     * @throws IndexOutOfBoundsException when the region is not inside the buffer, as ByteBuffer's reads do
     */
    public static int sum(ByteBuffer buf, int offset, int length) {
        long acc = 0;
        int i = offset;
        int end16 = offset + (length & ~15);
        // Two 8-byte reads per step, each split into 32-bit halves: the long accumulator cannot overflow below
        // 2^28 steps, so carries are folded once at the end instead of per word.
        for (; i < end16; i += 16) {
            long a = buf.getLong(i);
            long b = buf.getLong(i + 8);
            acc += (a >>> 32) + (a & 0xFFFFFFFFL) + (b >>> 32) + (b & 0xFFFFFFFFL);
        }
        if ((length & 8) != 0) {
            long a = buf.getLong(i);
            acc += (a >>> 32) + (a & 0xFFFFFFFFL);
            i += 8;
        }
        if ((length & 4) != 0) {
            acc += buf.getInt(i) & 0xFFFFFFFFL;
            i += 4;
        }
        if ((length & 2) != 0) {
            acc += buf.getShort(i) & 0xFFFF;
            i += 2;
        }
        boolean little = buf.order() == ByteOrder.LITTLE_ENDIAN;
        if ((length & 1) != 0) {
            int last = buf.get(i) & 0xFF;
            acc += little ? last : last << 8;
        }
        int folded = fold(acc);
        // Summing byte-swapped words gives the byte-swapped sum (RFC 1071, 2(B)): swap once at the end.
        return little ? Integer.reverseBytes(folded) >>> 16 : folded;
    }

    /** Folds a running sum with its carries into 16 bits (not inverted). */
    public static int fold(long sum) {
        long s = (sum & 0xFFFFFFFFL) + (sum >>> 32);
        s = (s & 0xFFFFFFFFL) + (s >>> 32);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return (int) (s & 0xFFFF) + (int) (s >>> 16);
    }

    /** The checksum to store for a running sum: folded and inverted. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The IPv4 header checksum for the header at {@code ipOffset}, computed as if its checksum field were zero. */
    public static int ipv4HeaderChecksum(ByteBuffer buf, int ipOffset) {
        int ihl = (buf.get(ipOffset) & 0xF) * 4;
        int before = sum(buf, ipOffset, IPV4_CHECKSUM_OFFSET);
        int after = sum(buf, ipOffset + IPV4_CHECKSUM_OFFSET + 2, ihl - IPV4_CHECKSUM_OFFSET - 2);
        return finish(before + after);
    }

    /**
     * The IPv4 pseudo-header sum (source, destination, protocol, transport length) for the header at
     * {@code ipOffset}.
     */
    public static int ipv4PseudoHeaderSum(ByteBuffer buf, int ipOffset, int protocol, int l4Length) {
        return fold((long) sum(buf, ipOffset + IPV4_ADDRESSES_OFFSET, 8) + protocol + l4Length);
    }

    /**
     * The IPv6 pseudo-header sum (RFC 8200 8.1: source, destination, 32-bit upper-layer length, next header) for the
     * header at {@code ipOffset}. With a routing header still to be processed the destination would be its last
     * address; callers reject such frames.
     */
    public static int ipv6PseudoHeaderSum(ByteBuffer buf, int ipOffset, int nextHeader, long l4Length) {
        return fold(sum(buf, ipOffset + IPV6_ADDRESSES_OFFSET, 32) + (l4Length >>> 16) + (l4Length & 0xFFFF)
                + nextHeader);
    }

    /**
     * Completes in place a checksum the sender left to offload: the 16-bit field at {@code csumStart + csumOffset}
     * holds the folded pseudo-header sum, and the checksum over {@code [csumStart, length)} is stored there. A result
     * of 0 is stored as 0xffff (the same value in ones' complement, and what UDP needs because 0 means "no
     * checksum"), as {@code skb_checksum_help} does.
     *
     * @param frame     the buffer holding the frame
     * @param offset    where the frame starts in {@code frame}
     * @param length    frame length in bytes
     * @param csumStart where the checksummed region starts, relative to the frame's start (virtio csum_start)
     * @param csumOffset where the checksum field is, relative to {@code csumStart} (virtio csum_offset)
     * @return the value stored (0..0xffff), or a negative {@link OffloadError#code()}
     */
    public static int completePartial(ByteBuffer frame, int offset, int length, int csumStart, int csumOffset) {
        if (offset < 0 || length < 0 || offset > frame.limit() - length) {
            return OffloadError.BAD_BOUNDS.code();
        }
        if (csumStart < 0 || csumOffset < 0 || csumStart > length - 2 || csumOffset > length - 2 - csumStart) {
            return OffloadError.CSUM_OUT_OF_BOUNDS.code();
        }
        int value = finish(sum(frame, offset + csumStart, length - csumStart));
        if (value == 0) {
            value = 0xFFFF;
        }
        Wire.put16(frame, offset + csumStart + csumOffset, value);
        return value;
    }
}
