package dev.lanyard.control.netlink;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one netlink request into a direct buffer in the machine's byte order:
 * <pre>
 *  0      4      6       8     12     16
 *  | len  | type | flags | seq | pid  | family header (ifinfomsg, ifaddrmsg, rtmsg) | attributes ...
 *  attribute: | u16 len (header + value) | u16 type | value | zero padding to 4 bytes |
 * </pre>
 * A nested attribute is one whose value is a run of attributes; {@link #nest} opens one and {@link #end} closes it
 * by writing its length. The length and sequence number of the message are filled in by {@link #finish}.
 */
final class MessageBuilder {
    private static final int NLA_HDRLEN = 4;

    private final ByteBuffer buf;
    private int type;
    private int flags;

    MessageBuilder(int capacity) {
        this.buf = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    /** Starts a new message, forgetting the previous one. */
    MessageBuilder start(int messageType, int messageFlags) {
        this.type = messageType;
        this.flags = messageFlags;
        buf.clear();
        buf.putInt(0).putShort((short) messageType).putShort((short) messageFlags).putInt(0).putInt(0);
        return this;
    }

    /** The type of the message being built. */
    int type() {
        return type;
    }

    /** The flags of the message being built. */
    int flags() {
        return flags;
    }

    /** Appends one raw byte (a field of a family header). */
    MessageBuilder u8(int value) {
        return write(() -> buf.put((byte) value));
    }

    /** Appends one raw native-order u16. */
    MessageBuilder u16(int value) {
        return write(() -> buf.putShort((short) value));
    }

    /** Appends one raw native-order u32. */
    MessageBuilder u32(int value) {
        return write(() -> buf.putInt(value));
    }

    /** Appends an attribute with a byte-string value. */
    MessageBuilder attr(int attrType, byte[] value) {
        if (value.length > 0xffff - NLA_HDRLEN) {
            throw new IllegalArgumentException("netlink attribute " + attrType + " value longer than 65531 bytes");
        }
        return write(() -> {
            buf.putShort((short) (NLA_HDRLEN + value.length)).putShort((short) attrType).put(value);
            pad();
        });
    }

    /** Appends an attribute with a native-order u32 value. */
    MessageBuilder attrU32(int attrType, int value) {
        return write(() -> buf.putShort((short) (NLA_HDRLEN + 4)).putShort((short) attrType).putInt(value));
    }

    /** Appends an attribute with a NUL-terminated string value, as the kernel's NLA_NUL_STRING wants. */
    MessageBuilder attrString(int attrType, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[text.length + 1];
        System.arraycopy(text, 0, withNul, 0, text.length);
        return attr(attrType, withNul);
    }

    /** Opens a nested attribute; pass the returned position to {@link #end}. */
    int nest(int attrType) {
        int at = buf.position();
        write(() -> buf.putShort((short) 0).putShort((short) attrType));
        return at;
    }

    /** Closes the nested attribute opened at {@code at}, writing its length. */
    MessageBuilder end(int at) {
        int length = buf.position() - at;
        if (length > 0xffff) {
            throw new IllegalStateException("nested netlink attribute longer than 65535 bytes: " + length);
        }
        buf.putShort(at, (short) length);
        return this;
    }

    /** Sets the length and sequence number and returns the message as a buffer from 0 to its length. */
    ByteBuffer finish(int seq) {
        int length = buf.position();
        buf.putInt(0, length);
        buf.putInt(8, seq);
        ByteBuffer out = buf.duplicate().order(ByteOrder.nativeOrder());
        out.position(0).limit(length);
        return out;
    }

    /** A copy of the bytes written so far, for tests and debugging. */
    byte[] bytes() {
        byte[] copy = new byte[buf.position()];
        ByteBuffer view = buf.duplicate();
        view.flip();
        view.get(copy);
        return copy;
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    private MessageBuilder write(Runnable step) {
        try {
            step.run();
        } catch (BufferOverflowException e) {
            throw new IllegalStateException("netlink message " + Rtnetlink.typeName(type) + " does not fit in "
                    + buf.capacity() + " bytes", e);
        }
        return this;
    }
}
