package dev.lanyard.bench.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of one benchmark run.
 *
 * @param systems         systems to compare, in the order of round 1
 * @param rounds          rounds; every system runs every test once per round
 * @param durationSeconds seconds of each TCP and frame-rate measurement
 * @param warmupSeconds   seconds of 64-byte traffic through each system before it is measured
 * @param tests           tests to run (see {@link dev.lanyard.bench.e2e.report.Metrics#TESTS})
 * @param latencySamples  recorded UDP round trips (after a warm-up of a fifth as many)
 * @param pingCount       pings for the reference figure
 * @param portRps         "all": RPS of the switch ports to the switch core for every system; "bridge": only for
 *                        the kernel bridge
 * @param lanyardArgs     extra options of {@code lanyard switch}
 * @param lanyardJar      the Lanyard jar
 * @param outDir          where results.json, results.md and chart.svg go
 * @param publishDir      where to write RESULTS.md and results-latest.svg as well, null for nowhere
 * @param command         the command line, for the report
 */
public record BenchConfig(List<String> systems, int rounds, double durationSeconds, double warmupSeconds,
                          List<String> tests, int latencySamples, int pingCount, String portRps,
                          List<String> lanyardArgs, Path lanyardJar, Path outDir, Path publishDir, String command) {
    /** The CPU every host-side process runs on (trafgen pins its one sender process to CPU 0 by itself). */
    public static final int HOST_CPU = 0;
    /** The CPU the switch runs on. */
    public static final int SWITCH_CPU = 1;
    /** Every system this harness knows, in the default order. */
    public static final List<String> SYSTEMS = List.of("lanyard", "bridge", "ovs", "direct");

    /** Checks the settings, naming the first bad one. */
    public BenchConfig {
        systems = List.copyOf(systems);
        tests = List.copyOf(tests);
        lanyardArgs = List.copyOf(lanyardArgs);
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("--systems: name at least one of " + SYSTEMS);
        }
        for (String s : systems) {
            if (!SYSTEMS.contains(s)) {
                throw new IllegalArgumentException("--systems: unknown system \"" + s + "\"; known: " + SYSTEMS);
            }
        }
        if (systems.stream().distinct().count() != systems.size()) {
            throw new IllegalArgumentException("--systems: a system is named twice: " + systems);
        }
        for (String t : tests) {
            if (!dev.lanyard.bench.e2e.report.Metrics.TESTS.contains(t)) {
                throw new IllegalArgumentException("--tests: unknown test \"" + t + "\"; known: "
                        + dev.lanyard.bench.e2e.report.Metrics.TESTS);
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("--tests: name at least one of "
                    + dev.lanyard.bench.e2e.report.Metrics.TESTS);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        if (durationSeconds < 0.5 || durationSeconds > 600) {
            throw new IllegalArgumentException("--duration must be between 0.5 and 600 seconds, not "
                    + durationSeconds);
        }
        if (warmupSeconds < 0 || warmupSeconds > 600) {
            throw new IllegalArgumentException("--warmup must be between 0 and 600 seconds, not " + warmupSeconds);
        }
        if (latencySamples < 10 || pingCount < 1) {
            throw new IllegalArgumentException("--samples must be at least 10 and --pings at least 1");
        }
        if (!portRps.equals("all") && !portRps.equals("bridge")) {
            throw new IllegalArgumentException("--port-rps must be \"all\" or \"bridge\", not \"" + portRps + "\"");
        }
    }

    /** Whole seconds of an iperf3 run (at least 1). */
    public int tcpSeconds() {
        return Math.max(1, (int) Math.round(durationSeconds));
    }

    /** Seconds iperf3 leaves out at the start (-O): 1 when runs are long enough to afford it. */
    public int tcpOmitSeconds() {
        return durationSeconds >= 3 ? 1 : 0;
    }

    /** Seconds a frame-rate test runs before its window opens. */
    public double rampSeconds() {
        return durationSeconds >= 3 ? 1.0 : 0.5;
    }
}
