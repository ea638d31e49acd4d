package dev.lanyard.dataplane.offload;

/** The Internet checksum the slow, obvious way, byte by byte over arrays: the yardstick for the fast code. */
final class RefChecksum {
    private RefChecksum() {
    }

    /** Unfolded sum of big-endian 16-bit words of {@code b[from, from + len)}; an odd last byte is padded. */
    static long words(byte[] b, int from, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[from + i] & 0xFF;
            int lo = i + 1 < len ? b[from + i + 1] & 0xFF : 0;
            s += hi << 8 | lo;
        }
        return s;
    }

    static int fold(long s) {
        while (s >>> 16 != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** Pseudo-header sum for the IP header at {@code ip} (IPv4 or IPv6 by its version nibble). */
    static long pseudo(byte[] b, int ip, int protocol, int l4Length) {
        boolean v6 = (b[ip] & 0xF0) == 0x60;
        long s = v6 ? words(b, ip + 8, 32) : words(b, ip + 12, 8);
        return s + protocol + (l4Length >>> 16) + (l4Length & 0xFFFF);
    }

    /** True when the transport checksum of {@code [l4, l4 + l4Length)} verifies against its pseudo-header. */
    static boolean transportVerifies(byte[] b, int ip, int protocol, int l4, int l4Length) {
        return fold(pseudo(b, ip, protocol, l4Length) + words(b, l4, l4Length)) == 0xFFFF;
    }

    /** True when the IPv4 header at {@code ip} verifies. */
    static boolean ipv4HeaderVerifies(byte[] b, int ip) {
        int ihl = (b[ip] & 0xF) * 4;
        return fold(words(b, ip, ihl)) == 0xFFFF;
    }

    /** The checksum to store over a region whose checksum field is zero. */
    static int checksum(long sum) {
        return ~fold(sum) & 0xFFFF;
    }
}
