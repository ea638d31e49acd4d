package dev.lanyard.control.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 48-bit Ethernet address, written {@code 02:42:ac:11:00:02}. Labs derive their MACs from names with
 * {@link #derive}, so a lab gets the same addresses every time it is built.
 *
 * @param value the address in the low 48 bits, first byte most significant
 */
public record MacAddress(long value) {
    private static final long MASK = 0xffff_ffff_ffffL;

    /** Checks that the value fits in 48 bits. */
    public MacAddress {
        if ((value & ~MASK) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits");
        }
    }

    /**
     * Parses six hex bytes separated by colons.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("a MAC address is six hex bytes like 02:00:00:00:00:01");
        }
        long value = 0;
        for (String part : parts) {
            if (part.length() != 2 || Character.digit(part.charAt(0), 16) < 0
                    || Character.digit(part.charAt(1), 16) < 0) {
                throw new IllegalArgumentException("\"" + part + "\" is not a hex byte");
            }
            value = value << 8 | Integer.parseInt(part, 16);
        }
        return new MacAddress(value);
    }

    /**
     * A locally administered unicast address derived from the given names (SHA-256 of them), the same on every run.
     * Distinct name lists give distinct addresses unless 46 bits of a hash collide.
     */
    public static MacAddress derive(String... names) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha.update("lanyard-mac".getBytes(StandardCharsets.UTF_8));
        for (String name : names) {
            sha.update((byte) 0);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = sha.digest();
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = value << 8 | (digest[i] & 0xff);
        }
        // First byte: clear the group bit (unicast), set the locally administered bit.
        value = value & ~(0x01L << 40) | 0x02L << 40;
        return new MacAddress(value);
    }

    /** Whether the group bit (least significant bit of the first byte) is set: multicast or broadcast. */
    public boolean isMulticast() {
        return (value >> 40 & 1) != 0;
    }

    /** Whether this is 00:00:00:00:00:00, which no interface may carry. */
    public boolean isZero() {
        return value == 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                out.append(':');
            }
            int b = (int) (value >> shift) & 0xff;
            out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
