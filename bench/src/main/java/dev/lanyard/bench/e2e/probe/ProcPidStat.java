package dev.lanyard.bench.e2e.probe;

/** The CPU time a process has used, from /proc/PID/stat. */
public final class ProcPidStat {
    private ProcPidStat() {
    }

    /**
     * utime + stime (fields 14 and 15, in USER_HZ ticks) of all the process's threads. The command name (field 2)
     * is in parentheses and may itself hold spaces and parentheses, so fields are counted from the last ')'.
     */
    public static long cpuTicks(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("/proc/PID/stat: no command name in: " + text.strip());
        }
        String[] f = text.substring(close + 1).strip().split("\\s+");
        // f[0] is field 3 (state); utime is field 14, stime field 15.
        if (f.length < 13) {
            throw new IllegalArgumentException("/proc/PID/stat: too few fields in: " + text.strip());
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("/proc/PID/stat: utime/stime not numbers in: " + text.strip(), e);
        }
    }
}
