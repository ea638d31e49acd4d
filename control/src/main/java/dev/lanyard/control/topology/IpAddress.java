package dev.lanyard.control.topology;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address, parsed strictly from its literal form (never resolved through DNS, unlike
 * {@link java.net.InetAddress#getByName}) and printed in canonical form (RFC 5952 for IPv6).
 */
public final class IpAddress {
    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** An address from its 4 (IPv4) or 16 (IPv6) bytes in network order. */
    public static IpAddress of(byte[] bytes) {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        return new IpAddress(bytes.clone());
    }

    /**
     * Parses a literal such as {@code 172.17.0.1} or {@code fe80::1}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the text
     */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            return new IpAddress(parseV6(text));
        }
        return new IpAddress(parseV4(text));
    }

    /** The address bytes in network order (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bits: 32 or 128. */
    public int bits() {
        return bytes.length * 8;
    }

    /** Whether this is an IPv4 address. */
    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** Whether this is an IPv6 link-local address (fe80::/10), which the kernel adds to every interface. */
    public boolean isLinkLocal() {
        return bytes.length == 16 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
    }

    /** The bit at position {@code index}, counted from the most significant bit of the first byte. */
    boolean bit(int index) {
        return (bytes[index >> 3] & (0x80 >> (index & 7))) != 0;
    }

    /** This address with every bit from {@code prefix} on cleared. */
    IpAddress masked(int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff00 >> keep);
        }
        return new IpAddress(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        if (isIpv4()) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the first longest run of two or more zero groups.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has four numbers separated by dots");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) octet(parts[i]);
        }
        return out;
    }

    private static int octet(String part) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + part + "\" is not a number from 0 to 255");
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new IllegalArgumentException("\"" + part + "\" has a leading zero");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new IllegalArgumentException(value + " is above 255");
        }
        return value;
    }

    private static byte[] parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("\"::\" may appear only once in an IPv6 address");
        }
        byte[] out = new byte[16];
        if (gap < 0) {
            int n = groups(text, out);
            if (n != 16) {
                throw new IllegalArgumentException("an IPv6 address has eight groups (or \"::\" for zeros)");
            }
            return out;
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int headLength = gap == 0 ? 0 : groups(text.substring(0, gap), head);
        String tailText = text.substring(gap + 2);
        int tailLength = tailText.isEmpty() ? 0 : groups(tailText, tail);
        if (headLength + tailLength > 14) {
            throw new IllegalArgumentException("an IPv6 address has at most eight groups");
        }
        System.arraycopy(head, 0, out, 0, headLength);
        System.arraycopy(tail, 0, out, 16 - tailLength, tailLength);
        return out;
    }

    /** Parses colon-separated groups (the last may be a dotted IPv4 address) into out; returns the byte count. */
    private static int groups(String text, byte[] out) {
        String[] parts = text.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (n > 12) {
                    throw new IllegalArgumentException("an IPv6 address has at most eight groups");
                }
                System.arraycopy(parseV4(part), 0, out, n, 4);
                return n + 4;
            }
            if (part.isEmpty() || part.length() > 4
                    || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                throw new IllegalArgumentException("\"" + part + "\" is not a group of one to four hex digits");
            }
            if (n >= 16) {
                throw new IllegalArgumentException("an IPv6 address has at most eight groups");
            }
            int value = Integer.parseInt(part, 16);
            out[n++] = (byte) (value >> 8);
            out[n++] = (byte) value;
        }
        return n;
    }
}
