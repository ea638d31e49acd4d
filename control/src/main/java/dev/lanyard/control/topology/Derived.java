package dev.lanyard.control.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The names and MACs a lab gets when the file does not give them, derived from the lab, host and interface names
 * only, so the same file builds the same lab every time. The lab name is part of every input, so two labs with the
 * same host names get different switch-side names and MACs in the shared root namespace.
 */
public final class Derived {
    private Derived() {
    }

    /** The MAC of a host's interface. */
    public static MacAddress hostMac(String lab, String host, String iface) {
        return MacAddress.derive(lab, "host", host, iface);
    }

    /** The MAC of the switch-side end of a host's veth to a switch. */
    public static MacAddress portMac(String lab, String host, String iface) {
        return MacAddress.derive(lab, "port", host, iface);
    }

    /** The MAC of a switch's internal port (its gateway TAP). */
    public static MacAddress gatewayMac(String lab, String switchName) {
        return MacAddress.derive(lab, "gateway", switchName);
    }

    /**
     * The name of the switch-side veth end of a host's interface, as Docker names them: "veth" and seven hex digits,
     * 11 bytes, well under the kernel's 15.
     */
    public static String portName(String lab, String host, String iface) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] digest = sha.digest(("lanyard-port\0" + lab + "\0" + host + "\0" + iface)
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder("veth");
        for (int i = 0; out.length() < 11; i++) {
            out.append(Character.forDigit(digest[i / 2] >> (i % 2 == 0 ? 4 : 0) & 0xf, 16));
        }
        return out.toString();
    }
}
