package dev.lanyard.bench.e2e.probe;

import dev.lanyard.bench.e2e.lab.Commands;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transmit offloads of a host interface: {@code ethtool -K DEV tx off} turns checksum offload off, and with it
 * TSO (which needs it), so the host sends finished, MTU-sized frames, the only kind OVS's userspace datapath
 * forwards intact. Restored with {@code tx on}: the kernel keeps TSO "wanted" and turns it back on with checksums.
 */
public final class Offloads {
    private Offloads() {
    }

    /** The features this harness reports: name as ethtool -k prints it, to "on"/"off". */
    public static Map<String, String> read(String ns, String dev) throws IOException {
        String out = Commands.run(10, Commands.inNamespace(ns, -1, "ethtool", "-k", dev)).check().out();
        return parse(out);
    }

    /** Parses the lines of {@code ethtool -k} this harness cares about. */
    static Map<String, String> parse(String ethtoolK) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : ethtoolK.split("\n")) {
            String l = line.strip();
            for (String key : new String[] {"tx-checksumming", "tcp-segmentation-offload",
                "generic-segmentation-offload"}) {
                if (l.startsWith(key + ":")) {
                    String v = l.substring(key.length() + 1).strip();
                    out.put(key, v.startsWith("on") ? "on" : "off");
                }
            }
        }
        return out;
    }

    /** Sets transmit checksum offload of {@code dev} on or off. */
    public static void setTx(String ns, String dev, boolean on) throws IOException {
        Commands.run(10, Commands.inNamespace(ns, -1, "ethtool", "-K", dev, "tx", on ? "on" : "off")).check();
    }
}
