package dev.lanyard.bench.e2e.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol counters of /proc/net/snmp ("Udp: InDatagrams ... InCsumErrors" header lines, each followed by a
 * line of values), keyed "Udp.InCsumErrors". A receiver's checksum errors show a switch that forwarded frames
 * whose checksum offload it did not finish.
 */
public final class Snmp {
    private Snmp() {
    }

    /** Parses /proc/net/snmp. */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].strip().split("\\s+");
            String[] values = lines[i + 1].strip().split("\\s+");
            if (names.length != values.length || !names[0].equals(values[0]) || !names[0].endsWith(":")) {
                throw new IllegalArgumentException("/proc/net/snmp: lines " + (i + 1) + " and " + (i + 2)
                        + " do not pair up: " + lines[i]);
            }
            String proto = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < names.length; k++) {
                try {
                    out.put(proto + "." + names[k], Long.parseLong(values[k]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("/proc/net/snmp: " + proto + "." + names[k] + " is not a "
                            + "number: " + values[k], e);
                }
            }
        }
        return out;
    }
}
