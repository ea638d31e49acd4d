package dev.lanyard.bench.e2e.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small but complete report: three systems, two rounds, a failure and a metric that does not apply. */
final class Fixtures {
    private Fixtures() {
    }

    static RunReport report() {
        List<String> systems = List.of("lanyard", "bridge", "direct");
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            samples.add(Sample.of("lanyard", round, "tcp1_gbps", 10 + round));
            samples.add(Sample.of("bridge", round, "tcp1_gbps", 20 + round));
            samples.add(Sample.of("direct", round, "tcp1_gbps", 30 + round));
            samples.add(Sample.of("lanyard", round, "udp_rtt_p50_us", 20 * round));
            samples.add(Sample.of("bridge", round, "udp_rtt_p50_us", 10 * round));
            samples.add(Sample.of("direct", round, "udp_rtt_p50_us", 5));
            samples.add(Sample.of("lanyard", round, "rate64_mpps", 0.25));
            samples.add(Sample.of("bridge", round, "rate64_mpps", 0.5));
            samples.add(Sample.of("direct", round, "rate64_mpps", 0.75));
            samples.add(Sample.of("lanyard", round, "rate64_switch_cpu", 3.5));
            samples.add(Sample.of("bridge", round, "rate64_switch_cpu", 1.75));
            samples.add(Sample.failed("lanyard", round, "rate64_loss_pct", "trafgen stopped: <oops> & \"why\""));
            samples.add(Sample.of("bridge", round, "rate64_loss_pct", 0.1));
        }
        RunReport.Settings settings = new RunReport.Settings(systems, 2, 5, 3, List.of("latency", "tcp", "rate64"),
                5000, 200, "all", List.of("--busy-poll"));
        Machine machine = new Machine("AMD EPYC", 2, "6.18.44", "17.0.15", Map.of("iperf3", "3.12"), "0.5 0.4 0.3");
        return new RunReport("2026-11-22T08:00:00Z", "2026-11-22T08:10:00Z", "./lanyard bench", machine, settings,
                List.of("hosts on CPU 0", "switch on CPU 1"), List.of("a note | with a pipe"), samples,
                Median.summarize(samples, systems),
                List.of(new RunReport.SwitchLog("lanyard", 1, "port rx tx\n0 sw-h1 10 0")), true);
    }
}
