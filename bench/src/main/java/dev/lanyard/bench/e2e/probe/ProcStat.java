package dev.lanyard.bench.e2e.probe;

import java.util.Map;
import java.util.TreeMap;

/**
 * The per-CPU time counters of /proc/stat, in USER_HZ ticks. Only the idle time is exact: the kernel measures
 * each idle period with a clock, while user, system, irq and softirq are sampled by the tick, and a CPU woken
 * from tickless idle for short softirq bursts (a kernel bridge behind RPS) is busy without a tick ever seeing it.
 * On this kind of machine the counted ticks of such a CPU fell short of the wall time by half. So a CPU's busy
 * time is taken as wall time minus idle time.
 */
public final class ProcStat {
    private ProcStat() {
    }

    /**
     * One CPU's counters.
     *
     * @param sampledBusy user + nice + system + irq + softirq ticks, as the tick sampled them (for reference)
     * @param idle        idle + iowait + steal ticks: the time the CPU did not work for anyone here
     */
    public record CpuTimes(long sampledBusy, long idle) {
        /** The counters accumulated since {@code earlier}. */
        public CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(sampledBusy - earlier.sampledBusy, idle - earlier.idle);
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
                out.put(cpu, new CpuTimes(user + nice + system + irq + softirq, idle + iowait + steal));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("/proc/stat: not a number in: " + line, e);
            }
        }
        return out;
    }
}
