package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * MAC addresses as the low 48 bits of a long, first octet most significant, so that frames can be decoded and
 * looked up without objects.
 */
public final class MacAddress {
    /** ff:ff:ff:ff:ff:ff. */
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    /** The 48 bits a MAC occupies. */
    public static final long MASK = 0xFFFF_FFFF_FFFFL;
    /** 01:80:c2:00:00:00 to 0f: IEEE 802.1D link-local group addresses, never forwarded by a bridge. */
    public static final long LINK_LOCAL_PREFIX = 0x0180_C200_0000L;
    private static final long LINK_LOCAL_MASK = 0xFFFF_FFFF_FFF0L;
    /** The I/G bit: set in the first octet of every group (multicast or broadcast) address. */
    private static final long GROUP_BIT = 1L << 40;
    /** The U/L bit: set for locally administered addresses. */
    private static final long LOCAL_BIT = 1L << 41;

    private MacAddress() {
    }

    /** Reads 6 bytes at an absolute index of a big-endian buffer. */
    public static long read(ByteBuffer buffer, int index) {
        return (buffer.getInt(index) & 0xFFFF_FFFFL) << 16 | (buffer.getShort(index + 4) & 0xFFFFL);
    }

    /** Writes 6 bytes at an absolute index of a big-endian buffer. */
    public static void write(ByteBuffer buffer, int index, long mac) {
        buffer.putInt(index, (int) (mac >>> 16));
        buffer.putShort(index + 4, (short) mac);
    }

    /** True for multicast and broadcast addresses. */
    public static boolean isGroup(long mac) {
        return (mac & GROUP_BIT) != 0;
    }

    /** True for ff:ff:ff:ff:ff:ff. */
    public static boolean isBroadcast(long mac) {
        return mac == BROADCAST;
    }

    /** True for 01:80:c2:00:00:00 to 01:80:c2:00:00:0f. */
    public static boolean isLinkLocal(long mac) {
        return (mac & LINK_LOCAL_MASK) == LINK_LOCAL_PREFIX;
    }

    /** True for an address a frame may carry as its source: unicast and not all zeros. */
    public static boolean isValidSource(long mac) {
        return mac != 0 && (mac & GROUP_BIT) == 0;
    }

    /** True for locally administered addresses. */
    public static boolean isLocallyAdministered(long mac) {
        return (mac & LOCAL_BIT) != 0;
    }

    /** The six octets, first octet first. */
    public static byte[] toBytes(long mac) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return b;
    }

    /** The long form of six octets. */
    public static long fromBytes(byte[] b) {
        if (b.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 octets, not " + b.length);
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | (b[i] & 0xFF);
        }
        return mac;
    }

    /** Parses aa:bb:cc:dd:ee:ff (also with '-' separators). */
    public static long parse(String text) {
        String s = text.trim();
        String[] parts = s.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: \"" + text
                    + "\" (want six hex octets as aa:bb:cc:dd:ee:ff)");
        }
        long mac = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("not a MAC address: \"" + text + "\" (octet \"" + p + "\")");
            }
            int octet;
            try {
                octet = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a MAC address: \"" + text + "\" (octet \"" + p + "\")", e);
            }
            mac = mac << 8 | octet;
        }
        return mac;
    }

    /** aa:bb:cc:dd:ee:ff. */
    public static String toString(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int octet = (int) (mac >>> (40 - 8 * i)) & 0xFF;
            sb.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
        }
        return sb.toString();
    }
}
