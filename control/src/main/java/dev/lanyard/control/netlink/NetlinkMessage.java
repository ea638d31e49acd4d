package dev.lanyard.control.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One netlink message inside a received buffer: its header fields and a view of its payload. Reading past the
 * payload is answered with a {@link NetlinkProtocolException}, never with an index exception.
 */
final class NetlinkMessage {
    private final ByteBuffer buf;
    private final int offset;
    private final int length;

    private NetlinkMessage(ByteBuffer buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Reads the message at {@code offset} of {@code buf}, whose valid bytes end at {@code end}, checking that the
     * header fits and its length stays inside.
     */
    static NetlinkMessage at(ByteBuffer buf, int offset, int end) throws NetlinkProtocolException {
        if (end - offset < Netlink.NLMSG_HDRLEN) {
            throw new NetlinkProtocolException("netlink message truncated: " + (end - offset)
                    + " bytes left at offset " + offset + ", less than the 16-byte header");
        }
        ByteBuffer b = buf.order() == ByteOrder.nativeOrder() ? buf : buf.duplicate().order(ByteOrder.nativeOrder());
        int length = b.getInt(offset);
        if (length < Netlink.NLMSG_HDRLEN || length > end - offset) {
            throw new NetlinkProtocolException("netlink message at offset " + offset + " claims "
                    + (length & 0xffffffffL) + " bytes, but " + (end - offset) + " remain and the header alone is 16");
        }
        return new NetlinkMessage(b, offset, length);
    }

    /** Where the next message after this one starts (its aligned end). */
    int nextOffset() {
        return offset + Netlink.align(length);
    }

    /** nlmsg_len. */
    int length() {
        return length;
    }

    /** nlmsg_type. */
    int type() {
        return buf.getShort(offset + 4) & 0xffff;
    }

    /** nlmsg_flags. */
    int flags() {
        return buf.getShort(offset + 6) & 0xffff;
    }

    /** nlmsg_seq. */
    int seq() {
        return buf.getInt(offset + 8);
    }

    /** nlmsg_pid. */
    int pid() {
        return buf.getInt(offset + 12);
    }

    /** Bytes after the header. */
    int payloadLength() {
        return length - Netlink.NLMSG_HDRLEN;
    }

    /** An unsigned byte of the payload. */
    int u8(int at) throws NetlinkProtocolException {
        check(at, 1);
        return buf.get(offset + Netlink.NLMSG_HDRLEN + at) & 0xff;
    }

    /** A native-order unsigned short of the payload. */
    int u16(int at) throws NetlinkProtocolException {
        check(at, 2);
        return buf.getShort(offset + Netlink.NLMSG_HDRLEN + at) & 0xffff;
    }

    /** A native-order int of the payload. */
    int s32(int at) throws NetlinkProtocolException {
        check(at, 4);
        return buf.getInt(offset + Netlink.NLMSG_HDRLEN + at);
    }

    /**
     * The attributes after a family header of {@code headerSize} bytes (ifinfomsg, ifaddrmsg, rtmsg) at payload
     * offset {@code at}.
     */
    Attributes attributes(int at, int headerSize) throws NetlinkProtocolException {
        check(at, headerSize);
        int start = at + Netlink.align(headerSize);
        int payloadLength = payloadLength();
        if (start >= payloadLength) {
            return Attributes.parse(buf, offset + length, 0);
        }
        return Attributes.parse(buf, offset + Netlink.NLMSG_HDRLEN + start, payloadLength - start);
    }

    private void check(int at, int size) throws NetlinkProtocolException {
        if (at < 0 || size > payloadLength() - at) {
            throw new NetlinkProtocolException("netlink message type " + type() + " too short: " + size
                    + " bytes wanted at payload offset " + at + ", payload is " + payloadLength());
        }
    }
}
