package dev.lanyard.tools.trace;

import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the frame that {@code lanyard trace SWITCH --in PORT FRAME...} describes on its command line: fields
 * separated by commas or spaces, such as {@code src=02:00:00:00:00:01,dst=02:00:00:00:00:02,vlan=10,pcp=3,
 * type=0x0800}; a shortcut {@code arp}, {@code icmp} or {@code udp} with {@code sip=}, {@code dip=} (and for UDP
 * {@code sport=}, {@code dport=}); or the raw bytes as a hex string ({@code hex=ffff...} or the digits alone).
 * Unset addresses default to 02:00:00:00:00:01 (source), ff:ff:ff:ff:ff:ff (destination), 10.0.0.1 and 10.0.0.2;
 * frames are padded to Ethernet's 60-byte minimum (64 when tagged) unless {@code len=} gives their length.
 */
public final class FrameSpec {
    /** The fields understood, for help texts and errors. */
    public static final List<String> FIELDS = List.of("src", "dst", "vlan", "pcp", "svlan", "type", "len", "sip",
            "dip", "sport", "dport", "hex");
    /** The protocol shortcuts. */
    public static final List<String> SHORTCUTS = List.of("arp", "icmp", "udp");

    private static final Pattern BARE_HEX = Pattern.compile("(0x)?[0-9a-fA-F]{12,}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final int MIN_FRAME = 60;

    private FrameSpec() {
    }

    /** Parses the words of a command line (each may itself hold several comma-separated fields). */
    public static byte[] parse(List<String> words) {
        return parse(String.join(" ", words));
    }

    /** Parses a description; throws IllegalArgumentException saying what is wrong with which field. */
    public static byte[] parse(String description) {
        String[] tokens = SEPARATORS.split(description == null ? "" : description.trim());
        if (tokens.length == 0 || tokens[0].isEmpty()) {
            throw bad("it is empty; give fields such as src=02:00:00:00:00:01 dst=02:00:00:00:00:02 vlan=10, "
                    + "a shortcut (arp, icmp, udp) with sip= and dip=, or the frame as a hex string");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String protocol = null;
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                String word = token.toLowerCase();
                if (SHORTCUTS.contains(word)) {
                    if (protocol != null) {
                        throw bad("\"" + protocol + "\" and \"" + word + "\" both given; pick one protocol");
                    }
                    protocol = word;
                } else if (BARE_HEX.matcher(token).matches()) {
                    put(fields, "hex", token);
                } else {
                    throw bad("\"" + token + "\" is neither a field (" + String.join(", ", FIELDS)
                            + "), a shortcut (" + String.join(", ", SHORTCUTS) + ") nor a hex string");
                }
                continue;
            }
            String key = token.substring(0, eq).toLowerCase();
            if (!FIELDS.contains(key)) {
                throw bad("unknown field \"" + key + "\"; known fields: " + String.join(", ", FIELDS));
            }
            put(fields, key, token.substring(eq + 1));
        }
        if (fields.containsKey("hex")) {
            if (fields.size() > 1 || protocol != null) {
                throw bad("a hex string describes the whole frame; give no other field with it");
            }
            return hex(fields.get("hex"));
        }
        return build(fields, protocol);
    }

    private static byte[] build(Map<String, String> f, String protocol) {
        FrameBuilder b = new FrameBuilder();
        long src = f.containsKey("src") ? mac(f, "src") : 0x02_00_00_00_00_01L;
        b.src(src).dst(f.containsKey("dst") ? mac(f, "dst") : MacAddress.BROADCAST);
        int tags = 0;
        if (f.containsKey("svlan")) {
            b.tag(EtherType.QINQ, number(f, "svlan", 0, 4095), 0);
            tags++;
        }
        if (f.containsKey("vlan")) {
            b.vlan(number(f, "vlan", 0, 4095), f.containsKey("pcp") ? number(f, "pcp", 0, 7) : 0);
            tags++;
        } else if (f.containsKey("pcp")) {
            throw bad("pcp=" + f.get("pcp") + " needs a vlan= to go with it");
        }
        if (protocol == null) {
            for (String k : List.of("sip", "dip", "sport", "dport")) {
                if (f.containsKey(k)) {
                    throw bad(k + "= needs a protocol shortcut (" + String.join(", ", SHORTCUTS) + ")");
                }
            }
            int type = f.containsKey("type") ? number(f, "type", 0, 0xFFFF) : 0x88B5;
            b.payload(type, new byte[0]);
        } else {
            if (f.containsKey("type")) {
                throw bad("type= cannot go with \"" + protocol + "\", which sets the EtherType itself");
            }
            if (!protocol.equals("udp") && (f.containsKey("sport") || f.containsKey("dport"))) {
                throw bad("sport= and dport= go with udp, not " + protocol);
            }
            int sip = ip(f, "sip", "10.0.0.1");
            int dip = ip(f, "dip", "10.0.0.2");
            switch (protocol) {
                case "arp":
                    b.arpRequest(sip, dip);
                    break;
                case "icmp":
                    b.icmp4Echo(sip, dip, true, 1, 1, 0);
                    break;
                default:
                    b.udp4(sip, dip, number(f, "sport", 0, 65535, 12345), number(f, "dport", 0, 65535, 12345), 0);
                    break;
            }
        }
        byte[] frame = b.build();
        int length = f.containsKey("len") ? number(f, "len", 1, 65535)
                : Math.max(frame.length, MIN_FRAME + 4 * tags);
        return Arrays.copyOf(frame, length);
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (fields.putIfAbsent(key, value) != null) {
            throw bad(key + " given twice");
        }
        if (value.isEmpty()) {
            throw bad(key + "= has no value");
        }
    }

    private static long mac(Map<String, String> f, String key) {
        try {
            return MacAddress.parse(f.get(key));
        } catch (IllegalArgumentException e) {
            throw bad(key + ": " + e.getMessage());
        }
    }

    private static int ip(Map<String, String> f, String key, String fallback) {
        String v = f.getOrDefault(key, fallback);
        try {
            return FrameBuilder.ipv4(v);
        } catch (IllegalArgumentException e) {
            throw bad(key + ": " + e.getMessage());
        }
    }

    private static int number(Map<String, String> f, String key, int min, int max, int fallback) {
        return f.containsKey(key) ? number(f, key, min, max) : fallback;
    }

    private static int number(Map<String, String> f, String key, int min, int max) {
        String v = f.get(key);
        int n;
        try {
            n = v.toLowerCase().startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key + "=" + v + " is not a number", e);
        }
        if (n < min || n > max) {
            throw bad(key + "=" + v + " is out of range " + min + ".." + max);
        }
        return n;
    }

    private static byte[] hex(String text) {
        String digits = text.replaceAll("[:.\\-]", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || (digits.length() & 1) != 0) {
            throw bad("hex string has " + digits.length() + " digits; it needs an even number, two per byte");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw bad("hex string has a non-hex character near byte " + i + ": \""
                        + digits.substring(2 * i, 2 * i + 2) + "\"");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("bad frame description: " + what);
    }

    private static IllegalArgumentException bad(String what, Throwable cause) {
        return new IllegalArgumentException("bad frame description: " + what, cause);
    }
}
