package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;

/**
 * Network-order field access that ignores the buffer's own byte order, so ring memory handed out in native order
 * reads the same as a heap buffer.
 */
final class Wire {
    private Wire() {
    }

    static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    static int u16(ByteBuffer b, int at) {
        return (b.get(at) & 0xFF) << 8 | b.get(at + 1) & 0xFF;
    }

    static long u32(ByteBuffer b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    static void put8(ByteBuffer b, int at, int value) {
        b.put(at, (byte) value);
    }

    static void put16(ByteBuffer b, int at, int value) {
        b.put(at, (byte) (value >>> 8));
        b.put(at + 1, (byte) value);
    }

    static void put32(ByteBuffer b, int at, long value) {
        put16(b, at, (int) (value >>> 16));
        put16(b, at + 2, (int) value);
    }
}
