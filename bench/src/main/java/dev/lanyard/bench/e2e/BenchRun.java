package dev.lanyard.bench.e2e;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.lab.Lab;
import dev.lanyard.bench.e2e.probe.CpuMeter;
import dev.lanyard.bench.e2e.probe.FrameRateProbe;
import dev.lanyard.bench.e2e.report.Machine;
import dev.lanyard.bench.e2e.report.Median;
import dev.lanyard.bench.e2e.report.Reports;
import dev.lanyard.bench.e2e.report.RunReport;
import dev.lanyard.bench.e2e.report.Sample;
import dev.lanyard.bench.e2e.system.BridgeSystem;
import dev.lanyard.bench.e2e.system.DirectSystem;
import dev.lanyard.bench.e2e.system.LanyardSystem;
import dev.lanyard.bench.e2e.system.OvsSystem;
import dev.lanyard.bench.e2e.system.SwitchSystem;
import dev.lanyard.bench.e2e.system.SystemContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark run: builds the lab, runs every system through every test round after round, writes
 * results.json after each system (so an interrupted run keeps what it measured) and the Markdown report and
 * chart at the end, and tears down everything it made on every way out, Ctrl-C included.
 */
public final class BenchRun {
    private static final List<String> TOOLS = List.of("ip", "taskset", "trafgen", "iperf3", "ping", "ethtool",
            "lscpu", "getconf");
    private static final List<String> OVS_TOOLS = List.of("ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl",
            "ovs-appctl");

    private final BenchConfig cfg;
    private final PrintStream out;
    private final Progress progress;
    private final List<Sample> samples = new ArrayList<>();
    private final List<RunReport.SwitchLog> logs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> systemPlacement = new ArrayList<>();
    private Machine machine;
    private String started;

    /** A run with these settings, reporting progress on {@code out}. */
    public BenchRun(BenchConfig cfg, PrintStream out) {
        this.cfg = cfg;
        this.out = out;
        this.progress = new Progress(out);
    }

    /** Runs the benchmark and writes its reports; returns the report. */
    public RunReport run() throws IOException, InterruptedException {
        checkPrerequisites();
        machine = MachineInfo.read();
        if (machine.cpus() <= BenchConfig.SWITCH_CPU) {
            throw new IOException("lanyard bench needs CPUs " + BenchConfig.HOST_CPU + " and " + BenchConfig.SWITCH_CPU
                    + " (hosts on one, the switch on the other); this machine has " + machine.cpus());
        }
        started = now();
        Files.createDirectories(cfg.outDir());
        Cleanup cleanup = new Cleanup(out);
        Thread hook = new Thread(() -> {
            if (!cleanup.closed()) {
                out.println("lanyard bench: interrupted; tearing down");
                cleanup.runAll();
                writeQuietly(report(false), false);
            }
        }, "bench-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        byte[] affinity = Affinity.current();
        Affinity.applyToAllThreads(Affinity.only(BenchConfig.HOST_CPU));
        boolean complete = false;
        Lab lab = null;
        try {
            Path work = Files.createTempDirectory("lanyard-bench-");
            cleanup.add("remove " + work, () -> Cleanup.deleteTree(work));
            lab = Lab.build(Lab.newPrefix(), BenchConfig.HOST_CPU, cleanup);
            out.println("lanyard bench: lab " + lab.prefix() + " built (namespaces " + lab.prefix() + "-h1..h3, "
                    + lab.switchNs() + "); results go to " + cfg.outDir());
            CpuMeter meter = new CpuMeter(Long.parseLong(Commands.check("getconf", "CLK_TCK").strip()));
            FrameRateProbe frames = new FrameRateProbe(lab, meter, work, cleanup, BenchConfig.HOST_CPU,
                    BenchConfig.SWITCH_CPU);
            SystemContext ctx = new SystemContext(lab, cleanup, BenchConfig.SWITCH_CPU, work, cfg.lanyardJar(),
                    cfg.lanyardArgs());
            List<SwitchSystem> systems = new ArrayList<>();
            for (String name : cfg.systems()) {
                SwitchSystem s = create(name, ctx);
                systems.add(s);
                systemPlacement.add(s.placement());
            }
            plan(systems);
            out.println("lanyard bench: about " + Progress.duration(progress.plannedSeconds()) + " planned");
            RoundRunner runner = new RoundRunner(cfg, lab, cleanup, frames, progress, notes);
            for (int round = 1; round <= cfg.rounds() && !cleanup.closed(); round++) {
                for (SwitchSystem s : order(systems, round)) {
                    if (cleanup.closed()) {
                        break;
                    }
                    List<Sample> got = runner.run(s, round, logs);
                    synchronized (samples) {
                        samples.addAll(got);
                    }
                    writeQuietly(report(false), false);
                }
            }
            complete = !cleanup.closed();
        } finally {
            boolean interrupted = cleanup.closed();
            cleanup.runAll();
            Affinity.applyToAllThreads(affinity);
            verifyTeardown(cleanup, lab);
            if (!interrupted) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM is shutting down already: the hook has nothing left to do.
                    complete = false;
                }
            }
        }
        RunReport report = report(complete);
        write(report, true);
        return report;
    }

    private void verifyTeardown(Cleanup cleanup, Lab lab) throws IOException {
        List<String> left = new ArrayList<>(cleanup.survivors());
        if (lab != null) {
            left.addAll(lab.leftoverNamespaces().stream().map(ns -> "namespace " + ns).toList());
        }
        if (left.isEmpty()) {
            out.println("lanyard bench: torn down: no namespace of " + (lab == null ? "this run" : lab.prefix())
                    + " left, none of the " + cleanup.processesStarted() + " processes started still running");
        } else {
            String text = "teardown left behind: " + String.join(", ", left);
            out.println("lanyard bench: " + text);
            synchronized (samples) {
                notes.add(text);
            }
        }
    }

    private static SwitchSystem create(String name, SystemContext ctx) {
        return switch (name) {
            case "lanyard" -> new LanyardSystem(ctx);
            case "bridge" -> new BridgeSystem(ctx);
            case "ovs" -> new OvsSystem(ctx);
            case "direct" -> new DirectSystem(ctx);
            default -> throw new IllegalArgumentException("unknown system " + name);
        };
    }

    /** The systems in round {@code round}'s order: the list rotated by one place per round. */
    static List<SwitchSystem> order(List<SwitchSystem> systems, int round) {
        List<SwitchSystem> o = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            o.add(systems.get((i + round - 1) % systems.size()));
        }
        return o;
    }

    private void plan(List<SwitchSystem> systems) {
        double d = cfg.durationSeconds();
        for (int round = 1; round <= cfg.rounds(); round++) {
            for (SwitchSystem s : order(systems, round)) {
                String n = s.name();
                double start = switch (n) {
                    case "lanyard" -> 1.5;
                    case "ovs" -> 1;
                    default -> 0.4;
                };
                progress.plan(RoundRunner.key(round, n, "start"), start + cfg.warmupSeconds() + 0.3);
                for (String t : cfg.tests()) {
                    if (t.equals("flood") && !s.switched()) {
                        continue;
                    }
                    double est = switch (t) {
                        case "latency" -> 0.2 + Math.max(2000, cfg.latencySamples() * 1.5) * 60e-6;
                        case "ping" -> 0.3 + cfg.pingCount() * 0.0105;
                        case "tcp" -> 2 * (cfg.tcpSeconds() + cfg.tcpOmitSeconds() + 0.4);
                        case "tcp-txoff" -> 2 * (cfg.tcpSeconds() + cfg.tcpOmitSeconds() + 0.4) + 0.3;
                        default -> cfg.rampSeconds() + d + 0.4;
                    };
                    progress.plan(RoundRunner.key(round, n, t), est);
                }
                progress.plan(RoundRunner.key(round, n, "stop"), n.equals("lanyard") || n.equals("ovs") ? 1 : 0.2);
            }
        }
    }

    private RunReport report(boolean complete) {
        List<Sample> copy;
        List<String> notesCopy;
        synchronized (samples) {
            copy = List.copyOf(samples);
            notesCopy = new ArrayList<>(MethodNotes.method(cfg));
            notesCopy.addAll(notes);
        }
        RunReport.Settings settings = new RunReport.Settings(cfg.systems(), cfg.rounds(), cfg.durationSeconds(),
                cfg.warmupSeconds(), cfg.tests(), cfg.latencySamples(), cfg.pingCount(), cfg.portRps(),
                cfg.lanyardArgs());
        return new RunReport(started, now(), cfg.command(), machine, settings,
                MethodNotes.placement(cfg, systemPlacement), notesCopy, copy, Median.summarize(copy, cfg.systems()),
                List.copyOf(logs), complete);
    }

    private void writeQuietly(RunReport report, boolean all) {
        try {
            write(report, all);
        } catch (IOException e) {
            out.println("lanyard bench: cannot write results: " + e.getMessage());
        }
    }

    private void write(RunReport report, boolean all) throws IOException {
        Reports.write(report, cfg.outDir());
        if (all) {
            out.println("lanyard bench: wrote " + cfg.outDir().resolve("results.md") + ", results.json, chart.svg");
        }
        if (all && cfg.publishDir() != null && report.complete()) {
            Reports.publish(report, cfg.publishDir());
            out.println("lanyard bench: published " + cfg.publishDir().resolve(Reports.PUBLISHED) + " and "
                    + Reports.PUBLISHED_CHART);
        }
    }

    private void checkPrerequisites() throws IOException {
        if (!Commands.check("id", "-u").strip().equals("0")) {
            throw new IOException("lanyard bench needs root: it creates namespaces, sets RPS and offloads");
        }
        List<String> needed = new ArrayList<>(TOOLS);
        if (cfg.systems().contains("ovs")) {
            needed.addAll(OVS_TOOLS);
        }
        List<String> missing = new ArrayList<>();
        for (String tool : needed) {
            if (!Commands.run(5, "sh", "-c", "command -v " + tool).ok()) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("missing tools: " + String.join(", ", missing)
                    + (missing.stream().anyMatch(OVS_TOOLS::contains) ? " (OVS comes with openvswitch-switch; or "
                    + "leave ovs out with --systems)" : ""));
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
