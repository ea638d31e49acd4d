package dev.lanyard.dataplane.linux;

/** Little helpers for laying out C structs in byte arrays, in the machine's (little-endian) byte order. */
public final class Structs {
    private Structs() {
    }

    /** A 4-byte native int. */
    public static byte[] intBytes(int value) {
        byte[] b = new byte[4];
        writeInt(b, 0, value);
        return b;
    }

    /** Writes a native-order int. */
    public static void writeInt(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }

    /** Writes a native-order short. */
    public static void writeShort(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
    }

    /** Writes a short in network (big-endian) order. */
    public static void writeShortBe(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    /** Reads a native-order int. */
    public static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16
                | (b[offset + 3] & 0xff) << 24;
    }

    /** Reads a native-order unsigned short. */
    public static int readShort(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }
}
