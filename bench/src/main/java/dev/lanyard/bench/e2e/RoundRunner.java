package dev.lanyard.bench.e2e;

import dev.lanyard.bench.e2e.lab.Cleanup;
import dev.lanyard.bench.e2e.lab.Lab;
import dev.lanyard.bench.e2e.probe.FrameRateProbe;
import dev.lanyard.bench.e2e.probe.Iperf3Result;
import dev.lanyard.bench.e2e.probe.LatencyProbe;
import dev.lanyard.bench.e2e.probe.Offloads;
import dev.lanyard.bench.e2e.probe.PingProbe;
import dev.lanyard.bench.e2e.probe.PingSummary;
import dev.lanyard.bench.e2e.probe.TcpProbe;
import dev.lanyard.bench.e2e.report.Metric;
import dev.lanyard.bench.e2e.report.Metrics;
import dev.lanyard.bench.e2e.report.RunReport;
import dev.lanyard.bench.e2e.report.Sample;
import dev.lanyard.bench.e2e.system.SwitchSystem;
import dev.lanyard.bench.e2e.system.TestPath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One system in one round: attach it, check the hosts reach each other, warm it up, run every test, detach it.
 * A test that fails is recorded as failed with its reason and the next test runs; a system that does not start
 * gets every test recorded as failed.
 */
final class RoundRunner {
    private static final int HOST = BenchConfig.HOST_CPU;

    private final BenchConfig cfg;
    private final Lab lab;
    private final Cleanup cleanup;
    private final FrameRateProbe frames;
    private final Progress progress;
    private final List<String> notes;

    RoundRunner(BenchConfig cfg, Lab lab, Cleanup cleanup, FrameRateProbe frames, Progress progress,
                List<String> notes) {
        this.cfg = cfg;
        this.lab = lab;
        this.cleanup = cleanup;
        this.frames = frames;
        this.progress = progress;
        this.notes = notes;
    }

    static String key(int round, String system, String step) {
        return round + "/" + system + "/" + step;
    }

    /** Runs every test of {@code sys} in {@code round}; adds what the switch reported on stopping to {@code logs}. */
    List<Sample> run(SwitchSystem sys, int round, List<RunReport.SwitchLog> logs) throws InterruptedException {
        Recorder rec = new Recorder(sys, round);
        String where = "round " + round + "/" + cfg.rounds() + " · " + sys.name();
        progress.step(key(round, sys.name(), "start"), where + " · attaching and warming up");
        try {
            boolean rps = sys.switched() && (sys.needsPortRps() || cfg.portRps().equals("all"));
            lab.setSwitchPortRps(rps ? Lab.cpuMask(BenchConfig.SWITCH_CPU) : "0");
            sys.start();
            checkReach(sys);
            warmUp(sys);
        } catch (IOException | RuntimeException e) {
            progress.note(sys.name() + " did not start: " + e.getMessage());
            for (String test : cfg.tests()) {
                rec.fail(test, "did not start: " + e.getMessage());
            }
            stop(sys, round, logs);
            return rec.samples;
        }
        TcpProbe tcp = null;
        try {
            for (String test : cfg.tests()) {
                if (cleanup.closed()) {
                    break;
                }
                if (test.equals("flood") && !sys.switched()) {
                    continue;
                }
                progress.step(key(round, sys.name(), test), where + " · " + Metrics.describe(test));
                Map<String, Long> before = snmp(sys);
                try {
                    if (test.startsWith("tcp") && tcp == null) {
                        tcp = TcpProbe.start(sys.path(), HOST, cleanup);
                    }
                    runTest(sys, test, rec, tcp);
                } catch (IOException | RuntimeException e) {
                    String why = (e.getMessage() == null ? e.toString() : e.getMessage())
                            + checksumErrors(sys, before);
                    progress.note(sys.name() + " " + test + " failed: " + why);
                    rec.fail(test, why);
                }
                rec.explainFailures(test, checksumErrors(sys, before));
            }
        } finally {
            if (tcp != null) {
                tcp.close();
            }
            progress.step(key(round, sys.name(), "stop"), where + " · detaching");
            stop(sys, round, logs);
        }
        return rec.samples;
    }

    private void stop(SwitchSystem sys, int round, List<RunReport.SwitchLog> logs) throws InterruptedException {
        try {
            String report = sys.stop();
            if (!report.isBlank()) {
                logs.add(new RunReport.SwitchLog(sys.name(), round, report));
            }
        } catch (IOException e) {
            notes.add("round " + round + ": stopping " + sys.name() + " failed: " + e.getMessage());
        }
    }

    /** " (h2 counted N UDP checksum errors: ...)" when the receiver saw any since {@code before}, else "". */
    private String checksumErrors(SwitchSystem sys, Map<String, Long> before) {
        Map<String, Long> now = snmp(sys);
        List<String> parts = new ArrayList<>();
        for (String proto : List.of("Udp", "Tcp")) {
            String k = proto + ".InCsumErrors";
            long d = now.getOrDefault(k, 0L) - before.getOrDefault(k, 0L);
            if (d > 0) {
                parts.add(d + " " + proto.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return parts.isEmpty() ? "" : " (the receiver counted " + String.join(" and ", parts) + " checksum errors: "
                + "frames arrived with the checksum the sender's offload left unfinished)";
    }

    /** The receiver's protocol counters; none when they cannot be read (the diagnosis is then left out). */
    private Map<String, Long> snmp(SwitchSystem sys) {
        try {
            return lab.snmp(sys.path().dstNs());
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private void checkReach(SwitchSystem sys) throws IOException {
        TestPath p = sys.path();
        if (!PingProbe.reach(p.srcNs(), p.dstIp(), 10, HOST)) {
            throw new IOException("h1 cannot ping " + p.dstIp() + " across " + sys.name());
        }
        if (sys.switched()) {
            for (int i = 1; i <= Lab.HOSTS; i++) {
                int to = i % Lab.HOSTS + 1;
                if (!PingProbe.reach(lab.hostNs(i), Lab.hostIp(to), 10, HOST)) {
                    throw new IOException("h" + i + " cannot ping h" + to + " across " + sys.name());
                }
            }
        }
    }

    private void warmUp(SwitchSystem sys) throws InterruptedException {
        if (cfg.warmupSeconds() <= 0) {
            return;
        }
        try {
            frames.run(sys.path(), 60, false, cfg.warmupSeconds(), 0.2, sys.cpuPid());
        } catch (IOException e) {
            progress.note(sys.name() + " warm-up failed: " + e.getMessage());
        }
    }

    private void runTest(SwitchSystem sys, String test, Recorder rec, TcpProbe tcp) throws IOException,
            InterruptedException {
        TestPath p = sys.path();
        switch (test) {
            case "latency" -> {
                LatencyProbe.Result r = LatencyProbe.run(p, Math.max(2000, cfg.latencySamples() / 2),
                        cfg.latencySamples());
                rec.put("udp_rtt_p50_us", r.percentileUs(50));
                rec.put("udp_rtt_p99_us", r.percentileUs(99));
                rec.put("udp_rtt_p999_us", r.percentileUs(99.9));
                rec.put("udp_rtt_max_us", r.maxUs());
                rec.put("udp_rtt_lost", r.lost());
            }
            case "ping" -> {
                PingSummary s = PingProbe.run(p, cfg.pingCount(), HOST);
                rec.put("ping_loss_pct", s.lossPercent());
                rec.putOrFail("ping_avg_us", s.avgUs(), "no replies");
                rec.putOrFail("ping_max_us", s.maxUs(), "no replies");
            }
            case "tcp" -> tcpPair(tcp, rec, "");
            case "tcp-txoff" -> {
                Map<String, String> srcBefore = Offloads.read(p.srcNs(), p.srcDev());
                Map<String, String> dstBefore = Offloads.read(p.dstNs(), p.dstDev());
                try {
                    Offloads.setTx(p.srcNs(), p.srcDev(), false);
                    Offloads.setTx(p.dstNs(), p.dstDev(), false);
                    tcpPair(tcp, rec, "_txoff");
                } finally {
                    restore(p.srcNs(), p.srcDev(), srcBefore);
                    restore(p.dstNs(), p.dstDev(), dstBefore);
                }
            }
            case "rate64" -> frameRate(sys, rec, test, 60, false);
            case "rate1514" -> frameRate(sys, rec, test, 1514, false);
            case "flood" -> frameRate(sys, rec, test, 60, true);
            default -> throw new IllegalArgumentException("unknown test " + test);
        }
    }

    private void restore(String ns, String dev, Map<String, String> before) throws IOException {
        Offloads.setTx(ns, dev, "on".equals(before.get("tx-checksumming")));
        Map<String, String> after = Offloads.read(ns, dev);
        if (!after.equals(before)) {
            notes.add("offloads of " + dev + " in " + ns + " not restored: " + before + " became " + after);
        }
    }

    private void tcpPair(TcpProbe tcp, Recorder rec, String suffix) throws IOException, InterruptedException {
        for (int streams : new int[] {1, 4}) {
            String base = "tcp" + streams + suffix;
            Iperf3Result r = tcp.run(streams, cfg.tcpSeconds(), cfg.tcpOmitSeconds());
            if (r.ok()) {
                rec.put(base + "_gbps", r.gbps());
                if (r.retransmits() >= 0) {
                    rec.put(base + "_retransmits", r.retransmits());
                }
            } else {
                rec.failMetric(base + "_gbps", r.error());
                rec.failMetric(base + "_retransmits", r.error());
            }
        }
    }

    private void frameRate(SwitchSystem sys, Recorder rec, String test, int size, boolean flood) throws IOException,
            InterruptedException {
        TestPath p = sys.path();
        // The receiver speaks first so that the switch has learned where it is.
        PingProbe.reach(p.dstNs(), p.srcIp(), 2, HOST);
        FrameRateProbe.Result r = frames.run(p, size, flood, cfg.durationSeconds(), cfg.rampSeconds(),
                sys.cpuPid());
        rec.put(test + "_mpps", r.deliveredPps() / 1e6);
        rec.put(test + "_offered_mpps", r.offeredPps() / 1e6);
        rec.put(test + "_loss_pct", r.lossPercent());
        rec.put(test + "_host_core_busy_pct", r.hostCoreBusy());
        rec.put(test + "_switch_core_busy_pct", r.switchCoreBusy());
        if (sys.switched()) {
            rec.put(test + "_ingress_drop_pct", r.ingressDropPercent());
            rec.put(test + "_egress_drop_pct", r.egressDropPercent());
            double cpu = sys.cpuPid() > 0 ? r.switchCpuPerMframe() : r.switchCorePerMframe();
            rec.putOrFail(test + "_switch_cpu", cpu, "no frames delivered");
            rec.putOrFail(test + "_switch_core", r.switchCorePerMframe(), "no frames delivered");
        } else {
            // Without a switch the sender's tx_dropped is the receiver's backlog refusing frames.
            rec.put(test + "_egress_drop_pct", r.ingressDropPercent());
        }
    }

    /** The samples of one system in one round. */
    private final class Recorder {
        private final SwitchSystem sys;
        private final int round;
        private final List<Sample> samples = new ArrayList<>();

        Recorder(SwitchSystem sys, int round) {
            this.sys = sys;
            this.round = round;
        }

        void put(String key, double value) {
            Metrics.get(key);
            samples.add(Sample.of(sys.name(), round, key, value));
        }

        void putOrFail(String key, double value, String why) {
            if (Double.isFinite(value)) {
                put(key, value);
            } else {
                failMetric(key, why);
            }
        }

        void failMetric(String key, String why) {
            Metrics.get(key);
            samples.removeIf(s -> s.metric().equals(key));
            samples.add(Sample.failed(sys.name(), round, key, why == null ? "failed" : why));
        }

        /** Appends {@code why} to the failures of {@code test} that do not say it yet ("" changes nothing). */
        void explainFailures(String test, String why) {
            if (why.isEmpty()) {
                return;
            }
            samples.replaceAll(s -> s.failure() == null || s.failure().endsWith(why)
                    || !Metrics.get(s.metric()).test().equals(test) ? s
                    : Sample.failed(s.system(), s.round(), s.metric(), s.failure() + why));
        }

        /** Every metric of {@code test} that applies to this system is failed (keeping none half-measured). */
        void fail(String test, String why) {
            if (test.equals("flood") && !sys.switched()) {
                return;
            }
            for (Metric m : Metrics.ALL) {
                if (m.test().equals(test) && applies(m)) {
                    failMetric(m.key(), why);
                }
            }
        }

        private boolean applies(Metric m) {
            return sys.switched() || !(m.key().endsWith("_switch_cpu") || m.key().endsWith("_switch_core")
                    || m.key().endsWith("_ingress_drop_pct"));
        }
    }
}
