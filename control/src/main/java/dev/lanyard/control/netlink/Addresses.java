package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals and families, without ever asking a resolver. */
final class Addresses {
    private Addresses() {
    }

    /** Parses "10.0.0.1" or "fd00::1" (never a host name), or throws saying what was wrong. */
    static InetAddress parse(String text) {
        String t = text.strip();
        boolean v6 = t.indexOf(':') >= 0;
        boolean ok = !t.isEmpty();
        for (int i = 0; i < t.length() && ok; i++) {
            char c = t.charAt(i);
            ok = c >= '0' && c <= '9' || c == '.' || v6 && (c == ':' || Character.digit(c, 16) >= 0);
        }
        if (!ok || !v6 && t.chars().filter(c -> c == '.').count() != 3) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: \"" + text + "\"");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: \"" + text + "\"", e);
        }
    }

    /** AF_INET or AF_INET6. */
    static int family(InetAddress address) {
        if (address instanceof Inet4Address) {
            return Socket.AF_INET;
        }
        if (address instanceof Inet6Address) {
            return Socket.AF_INET6;
        }
        throw new IllegalArgumentException("neither IPv4 nor IPv6: " + address);
    }

    /** 32 or 128. */
    static int maxPrefix(InetAddress address) {
        return address.getAddress().length * 8;
    }

    /** The address for raw bytes of a family (4 or 16 bytes), or a protocol error naming the attribute. */
    static InetAddress ofBytes(byte[] raw, String what) throws NetlinkProtocolException {
        if (raw == null || raw.length != 4 && raw.length != 16) {
            throw new NetlinkProtocolException(what + " has " + (raw == null ? 0 : raw.length)
                    + " bytes, not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new NetlinkProtocolException(what + ": " + e.getMessage());
        }
    }

    /** The all-zero address of a family: 0.0.0.0 or ::. */
    static InetAddress any(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == Socket.AF_INET6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
