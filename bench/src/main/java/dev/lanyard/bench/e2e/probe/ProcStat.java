package dev.lanyard.bench.e2e.probe;

import java.util.Map;
import java.util.TreeMap;

/** The per-CPU time counters of /proc/stat, in USER_HZ ticks, and the busy share of each CPU between two readings. */
public final class ProcStat {
    private ProcStat() {
    }

    /**
     * One CPU's counters.
     *
     * @param busy  user + nice + system + irq + softirq ticks (guest time is already inside user and nice)
     * @param total busy + idle + iowait + steal ticks
     */
    public record CpuTimes(long busy, long total) {
        /** The counters accumulated since {@code earlier}. */
        public CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(busy - earlier.busy, total - earlier.total);
        }

        /** The busy share, 0..1 (0 when no time passed). */
        public double busyShare() {
            return total <= 0 ? 0 : (double) busy / total;
        }
    }

    /**
     * Parses the "cpuN user nice system idle iowait irq softirq steal guest guest_nice" lines of /proc/stat, by CPU
     * number; the aggregate "cpu" line is left out.
     */
    public static Map<Integer, CpuTimes> parse(String text) {
        Map<Integer, CpuTimes> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 8) {
                throw new IllegalArgumentException("/proc/stat: too few fields: " + line);
            }
            try {
                int cpu = Integer.parseInt(f[0].substring(3));
                long user = Long.parseLong(f[1]);
                long nice = Long.parseLong(f[2]);
                long system = Long.parseLong(f[3]);
                long idle = Long.parseLong(f[4]);
                long iowait = Long.parseLong(f[5]);
                long irq = Long.parseLong(f[6]);
                long softirq = Long.parseLong(f[7]);
                long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                long busy = user + nice + system + irq + softirq;
                out.put(cpu, new CpuTimes(busy, busy + idle + iowait + steal));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("/proc/stat: not a number in: " + line, e);
            }
        }
        return out;
    }
}
