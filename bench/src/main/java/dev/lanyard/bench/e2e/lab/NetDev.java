package dev.lanyard.bench.e2e.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The interface counters of one network namespace as /proc/net/dev lists them: read from a thread inside the
 * namespace (/proc/thread-self/net/dev), which is cheaper than a process per reading and sees exactly what the
 * kernel counts at the interface.
 */
public final class NetDev {
    private NetDev() {
    }

    /**
     * The counters of one interface that the benchmark uses.
     *
     * @param rxPackets frames received
     * @param rxDropped frames dropped on receive
     * @param txPackets frames sent
     * @param txDropped frames dropped on send (for a veth: the peer's backlog was full)
     */
    public record Counters(long rxPackets, long rxDropped, long txPackets, long txDropped) {
        /** The counters accumulated since {@code earlier}. */
        public Counters minus(Counters earlier) {
            return new Counters(rxPackets - earlier.rxPackets, rxDropped - earlier.rxDropped,
                    txPackets - earlier.txPackets, txDropped - earlier.txDropped);
        }
    }

    /**
     * Parses /proc/net/dev: two header lines, then "name: rx_bytes rx_packets rx_errs rx_drop rx_fifo rx_frame
     * rx_compressed rx_multicast tx_bytes tx_packets tx_errs tx_drop ...".
     */
    public static Map<String, Counters> parse(String text) {
        Map<String, Counters> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (f.length < 12) {
                throw new IllegalArgumentException("/proc/net/dev: too few fields for " + name + ": " + line);
            }
            try {
                out.put(name, new Counters(Long.parseLong(f[1]), Long.parseLong(f[3]), Long.parseLong(f[9]),
                        Long.parseLong(f[11])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("/proc/net/dev: not a number for " + name + ": " + line, e);
            }
        }
        return out;
    }
}
