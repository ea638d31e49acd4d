package dev.lanyard.bench.e2e;

import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.report.JsonReport;
import dev.lanyard.bench.e2e.report.Median;
import dev.lanyard.bench.e2e.report.RunReport;
import dev.lanyard.control.netns.NetNamespaces;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness for real, as short as it goes: bridge, direct and (when built) Lanyard, one round of 1-second tests. */
@Tag("netns")
class BenchSmokeTest {
    private static final List<String> MUST_HAVE = List.of("udp_rtt_p50_us", "udp_rtt_p99_us", "ping_avg_us",
            "tcp1_gbps", "tcp4_gbps", "tcp1_txoff_gbps", "rate64_mpps", "rate64_loss_pct", "rate1514_mpps");

    @Test
    void runsBridgeDirectAndLanyardAndLeavesNothingBehind(@TempDir Path out) throws Exception {
        assumeLabPossible();
        Path jar = BenchMain.repositoryRoot().resolve("control/target/lanyard.jar");
        List<String> systems = new ArrayList<>(List.of("bridge", "direct"));
        if (Files.isRegularFile(jar)) {
            systems.add(0, "lanyard");
        }
        BenchConfig cfg = new BenchConfig(systems, 1, 1, 0.5, dev.lanyard.bench.e2e.report.Metrics.TESTS, 300, 10,
                "all", List.of(), jar, out, null, "./lanyard bench (smoke test)");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunReport report;
        try (PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            report = new BenchRun(cfg, ps).run();
        }
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(report.complete(), progress);
        assertTrue(progress.contains("torn down: no namespace of"), progress);
        Matcher lab = Pattern.compile("lab (lb[0-9a-f]{4}) built").matcher(progress);
        assertTrue(lab.find(), progress);
        String prefix = lab.group(1) + "-";
        assertEquals(List.of(), new NetNamespaces().list().stream().filter(n -> n.startsWith(prefix)).toList());

        RunReport written = JsonReport.parse(Files.readString(out.resolve("results.json")));
        assertEquals(report.samples(), written.samples());
        assertTrue(Files.readString(out.resolve("results.md")).contains("| metric | unit | better |"));
        assertTrue(Files.readString(out.resolve("chart.svg")).contains("class=\"panel\""));
        Map<String, Map<String, Median>> medians = Median.index(written.medians());
        for (String system : systems) {
            for (String metric : MUST_HAVE) {
                Median m = medians.get(system).get(metric);
                assertNotNull(m, system + " " + metric + " missing\n" + progress);
                assertNotNull(m.value(), system + " " + metric + " failed: " + m.failure() + "\n" + progress);
            }
        }
        for (String system : systems) {
            if (!system.equals("direct")) {
                assertNotNull(medians.get(system).get("flood_mpps").value(), system + " flood");
                assertNotNull(medians.get(system).get("rate64_switch_core").value(), system + " switch core");
            }
        }
        assertTrue(medians.get("direct").get("flood_mpps") == null, "direct has no switch to flood");
    }

    private static void assumeLabPossible() throws IOException {
        for (String tool : List.of("trafgen", "iperf3", "ethtool", "taskset")) {
            Assumptions.assumeTrue(Commands.run(5, "sh", "-c", "command -v " + tool).ok(), tool + " not installed");
        }
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        NetNamespaces ns = new NetNamespaces();
        String probe = String.format("lbprobe%04x", new SecureRandom().nextInt(0x10000));
        try {
            ns.create(probe);
        } catch (IOException | RuntimeException e) {
            Assumptions.abort("cannot create a network namespace: " + e.getMessage());
        } finally {
            ns.delete(probe);
        }
    }
}
