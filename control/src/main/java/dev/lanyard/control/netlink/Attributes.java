package dev.lanyard.control.netlink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attributes of one netlink message or nested attribute, indexed once: each is {@code u16 len, u16 type,
 * value}, padded to 4 bytes. Lengths that point outside the run are rejected when it is parsed; a value of the
 * wrong size is rejected when it is read. When a type appears twice the last one counts, as in the kernel.
 */
final class Attributes {
    private static final int NLA_HDRLEN = 4;
    /** NLA_F_NESTED and NLA_F_NET_BYTEORDER ride in the top bits of the type. */
    private static final int NLA_TYPE_MASK = 0x3fff;

    private final ByteBuffer buf;
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;
    private final int count;

    private Attributes(ByteBuffer buf, int[] types, int[] offsets, int[] lengths, int count) {
        this.buf = buf;
        this.types = types;
        this.offsets = offsets;
        this.lengths = lengths;
        this.count = count;
    }

    /** Indexes the attributes in {@code length} bytes of {@code buf} from {@code offset}. */
    static Attributes parse(ByteBuffer buf, int offset, int length) throws NetlinkProtocolException {
        int[] types = new int[8];
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        int count = 0;
        int at = offset;
        int end = offset + length;
        while (end - at >= NLA_HDRLEN) {
            int nlaLen = buf.getShort(at) & 0xffff;
            if (nlaLen < NLA_HDRLEN || nlaLen > end - at) {
                throw new NetlinkProtocolException("netlink attribute at offset " + (at - offset) + " claims "
                        + nlaLen + " bytes, but " + (end - at) + " remain and its header alone is 4");
            }
            if (count == types.length) {
                types = Arrays.copyOf(types, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            types[count] = buf.getShort(at + 2) & NLA_TYPE_MASK;
            offsets[count] = at + NLA_HDRLEN;
            lengths[count] = nlaLen - NLA_HDRLEN;
            count++;
            at += Netlink.align(nlaLen);
        }
        return new Attributes(buf, types, offsets, lengths, count);
    }

    /** Whether an attribute of this type is present. */
    boolean has(int type) {
        return find(type) >= 0;
    }

    /** How many attributes there are, duplicates included. */
    int size() {
        return count;
    }

    /** A u8 value, or {@code otherwise} when absent. */
    int u8(int type, int otherwise) throws NetlinkProtocolException {
        int i = find(type);
        return i < 0 ? otherwise : buf.get(valueOffset(i, 1)) & 0xff;
    }

    /** A native-order u32 (or s32) value, or {@code otherwise} when absent. */
    int u32(int type, int otherwise) throws NetlinkProtocolException {
        int i = find(type);
        return i < 0 ? otherwise : buf.getInt(valueOffset(i, 4));
    }

    /** A string value up to its NUL (or its end), or null when absent. */
    String string(int type) {
        int i = find(type);
        if (i < 0) {
            return null;
        }
        int n = 0;
        while (n < lengths[i] && buf.get(offsets[i] + n) != 0) {
            n++;
        }
        byte[] text = new byte[n];
        buf.get(offsets[i], text, 0, n);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** A copy of the value, or null when absent. */
    byte[] bytes(int type) {
        int i = find(type);
        if (i < 0) {
            return null;
        }
        byte[] value = new byte[lengths[i]];
        buf.get(offsets[i], value, 0, value.length);
        return value;
    }

    /** The attributes nested in this one, or an empty set when absent. */
    Attributes nested(int type) throws NetlinkProtocolException {
        int i = find(type);
        return i < 0 ? parse(buf, 0, 0) : parse(buf, offsets[i], lengths[i]);
    }

    private int find(int type) {
        for (int i = count - 1; i >= 0; i--) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    private int valueOffset(int i, int size) throws NetlinkProtocolException {
        if (lengths[i] < size) {
            throw new NetlinkProtocolException("netlink attribute " + types[i] + " has " + lengths[i]
                    + " bytes, expected " + size);
        }
        return offsets[i];
    }
}
