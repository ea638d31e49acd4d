package dev.lanyard.bench.e2e.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Readings of every core's idle time and of one process's CPU time, taken together with the wall clock, to
 * subtract later (see {@link ProcStat} for why a core's busy time is its wall time minus its idle time).
 */
public final class CpuMeter {
    private final long ticksPerSecond;

    /** A meter for a kernel whose /proc counts {@code ticksPerSecond} (USER_HZ, getconf CLK_TCK). */
    public CpuMeter(long ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * One reading.
     *
     * @param nanos    {@link System#nanoTime()} when taken
     * @param cores    per-CPU times
     * @param pidTicks the process's utime + stime, -1 when there is no process
     */
    public record Reading(long nanos, Map<Integer, ProcStat.CpuTimes> cores, long pidTicks) {
    }

    /** Reads /proc/stat and, when {@code pid} > 0, /proc/PID/stat. */
    public Reading read(long pid) throws IOException {
        long ticks = -1;
        if (pid > 0) {
            try {
                ticks = ProcPidStat.cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            } catch (NoSuchFileException e) {
                throw new IOException("the switch process " + pid + " is gone", e);
            }
        }
        Map<Integer, ProcStat.CpuTimes> cores = ProcStat.parse(Files.readString(Path.of("/proc/stat")));
        return new Reading(System.nanoTime(), cores, ticks);
    }

    /** Seconds of CPU the process used between two readings. */
    public double processSeconds(Reading from, Reading to) {
        return (double) (to.pidTicks() - from.pidTicks()) / ticksPerSecond;
    }

    /** Seconds core {@code cpu} was busy between two readings: the wall time minus its measured idle time. */
    public double coreBusySeconds(Reading from, Reading to, int cpu) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        return Math.max(0, wall - (double) delta(from, to, cpu).idle() / ticksPerSecond);
    }

    /** The busy share (0..1) of core {@code cpu} between two readings. */
    public double busyShare(Reading from, Reading to, int cpu) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        return wall <= 0 ? 0 : Math.min(1, coreBusySeconds(from, to, cpu) / wall);
    }

    private static ProcStat.CpuTimes delta(Reading from, Reading to, int cpu) {
        ProcStat.CpuTimes a = from.cores().get(cpu);
        ProcStat.CpuTimes b = to.cores().get(cpu);
        if (a == null || b == null) {
            throw new IllegalArgumentException("no CPU " + cpu + " in /proc/stat");
        }
        return b.minus(a);
    }
}
