package dev.lanyard.tools.pcapng;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds pcapng streams by hand, in either byte order, to feed the reader what other writers (or bugs) produce. */
final class Blocks {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    Blocks(ByteOrder order) {
        this.order = order;
    }

    /** A section header, version 1.0, unknown section length; later blocks use {@code sectionOrder}. */
    Blocks shb(ByteOrder sectionOrder, int major) {
        order = sectionOrder;
        return block(Pcapng.SHB, buffer(16).putInt(Pcapng.BYTE_ORDER_MAGIC).putShort((short) major)
                .putShort((short) 0).putLong(-1).array());
    }

    Blocks idb(int snaplen, byte[]... options) {
        return block(Pcapng.IDB, concat(buffer(8).putShort((short) 1).putShort((short) 0).putInt(snaplen).array(),
                concat(options)));
    }

    Blocks epb(int interfaceId, long ticks, byte[] data, int originalLength, byte[]... options) {
        return packet(Pcapng.EPB, buffer(4).putInt(interfaceId).array(), ticks, data, originalLength, options);
    }

    /** An obsolete Packet Block: 16-bit interface id, 16-bit drop count. */
    Blocks opb(int interfaceId, long ticks, byte[] data, int originalLength, byte[]... options) {
        return packet(Pcapng.OPB, buffer(4).putShort((short) interfaceId).putShort((short) 0).array(), ticks, data,
                originalLength, options);
    }

    Blocks spb(int originalLength, byte[] data) {
        return block(Pcapng.SPB, concat(buffer(4).putInt(originalLength).array(), padded(data)));
    }

    private Blocks packet(int type, byte[] id, long ticks, byte[] data, int originalLength, byte[]... options) {
        byte[] fixed = buffer(16).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length)
                .putInt(originalLength).array();
        return block(type, concat(id, fixed, padded(data), concat(options)));
    }

    /** Any block: type, length, body padded to 32 bits, length. */
    Blocks block(int type, byte[] body) {
        byte[] padded = padded(body);
        int length = 12 + padded.length;
        out.writeBytes(buffer(8).putInt(type).putInt(length).array());
        out.writeBytes(padded);
        out.writeBytes(buffer(4).putInt(length).array());
        return this;
    }

    Blocks raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    byte[] option(int code, byte[] value) {
        return concat(buffer(4).putShort((short) code).putShort((short) value.length).array(), padded(value));
    }

    byte[] name(String name) {
        return option(Pcapng.IF_NAME, name.getBytes(StandardCharsets.UTF_8));
    }

    byte[] tsresol(int value) {
        return option(Pcapng.IF_TSRESOL, new byte[] {(byte) value});
    }

    byte[] tsoffset(long seconds) {
        return option(Pcapng.IF_TSOFFSET, buffer(8).putLong(seconds).array());
    }

    byte[] flags(int flags) {
        return option(Pcapng.EPB_FLAGS, buffer(4).putInt(flags).array());
    }

    byte[] end() {
        return new byte[4];
    }

    ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    static byte[] padded(byte[] b) {
        byte[] p = new byte[Pcapng.pad4(b.length)];
        System.arraycopy(b, 0, p, 0, b.length);
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            o.writeBytes(part);
        }
        return o.toByteArray();
    }
}
