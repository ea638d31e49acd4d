package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Captures, traces and latency through a running lab's daemon and the command line, with tshark as the reader: the
 * docker0 lab, ns0 pinging the others.
 */
@Tag("netns")
class CaptureCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void capturesToAFileAndThroughAPipeWithFiltersTracesAndMeasuresLatency() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            String sw = t.n("docker0");
            String p0 = t.portFacing("ns0");
            String p1 = t.portFacing("ns1");
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            assertTrue(t.ping("ns0", "172.17.0.102"), "the lab works");

            // A capture to a file: two pings are 8 frames at the two ports (each request and reply in and out).
            Path file = Files.createTempFile("lanyard-capture", ".pcapng");
            try {
                CompletableFuture<Integer> capture = CompletableFuture.supplyAsync(() -> t.lanyard("capture",
                        "-w", file.toString(), "-c", "8", "icmp"));
                awaitCaptures(api, sw, 1);
                Cmd.check("ip", "netns", "exec", t.n("ns0"), "ping", "-c", "2", "-i", "0.2", "172.17.0.102");
                assertEquals(0, capture.get(20, TimeUnit.SECONDS), "lanyard capture -c 8 ends by itself");
                String fields = Cmd.check("tshark", "-r", file.toString(), "-T", "fields", "-e",
                        "frame.interface_name", "-e", "frame.packet_flags_direction", "-e", "icmp.type").out();
                List<String> lines = fields.lines().toList();
                assertEquals(8, lines.size(), fields);
                long in0 = lines.stream().filter(l -> l.split("\t")[0].equals(p0)
                        && Integer.decode(l.split("\t")[1]) == 1 && l.endsWith("\t8")).count();
                long out1 = lines.stream().filter(l -> l.split("\t")[0].equals(p1)
                        && Integer.decode(l.split("\t")[1]) == 2 && l.endsWith("\t8")).count();
                assertEquals(2, in0, "the requests come in at ns0's port: " + fields);
                assertEquals(2, out1, "and leave at ns1's port: " + fields);
            } finally {
                Files.deleteIfExists(file);
            }

            // Streamed to stdout into tshark, filtered on one host: the pings to .103 are not there.
            String cp = System.getProperty("java.class.path");
            Cmd.Running pipe = Cmd.start("bash", "-c", "java --enable-native-access=ALL-UNNAMED -cp '" + cp
                    + "' dev.lanyard.control.cli.Main capture --state-dir " + t.stateDir + " -w - -c 4 "
                    + "icmp and host 172.17.0.102 | tshark -l -r - -T fields -e ip.src -e ip.dst");
            awaitCaptures(api, sw, 1);
            Cmd.check("ip", "netns", "exec", t.n("ns0"), "ping", "-c", "1", "172.17.0.103");
            Cmd.check("ip", "netns", "exec", t.n("ns0"), "ping", "-c", "1", "172.17.0.102");
            Cmd.Result piped = pipe.await(30);
            List<String> rows = piped.out().lines().toList();
            assertEquals(4, rows.size(), piped.out() + piped.err());
            assertTrue(rows.stream().allMatch(r -> r.contains("172.17.0.102")), piped.out());
            assertTrue(piped.err().contains("4 frames captured, 0 dropped"), piped.err());

            // A bad filter: libpcap's words, exit code 2, nothing started.
            assertEquals(2, t.lanyard("capture", "-c", "1", "tcp", "prot", "80"));
            assertEquals(0, captures(api, sw), "no capture left running");

            // Traces, without sending anything.
            String mac0 = mac(t, "ns0");
            String mac1 = mac(t, "ns1");
            assertEquals(List.of("ok", "unchanged", "hit", "output"),
                    outcomes(api, sw, p0, "src=" + mac0 + " dst=" + mac1));
            assertEquals(List.of("ok", "unchanged", "miss", "flood"),
                    outcomes(api, sw, p0, "src=" + mac0 + " dst=02:99:99:99:99:99"));
            assertEquals(List.of("ok", "unchanged", "skipped", "flood"),
                    outcomes(api, sw, p0, "src=" + mac0 + " dst=ff:ff:ff:ff:ff:ff"));
            assertEquals(List.of("ok", "move", "hit", "drop"), outcomes(api, sw, p1, "src=" + mac0 + " dst=" + mac1));
            assertEquals("runt", outcomes(api, sw, p0, "hex=0102030405").get(0));
            assertEquals(0, t.lanyard("trace", "--in", p0, "src=" + mac0, "dst=" + mac1));
            assertEquals(2, t.lanyard("trace", "--in", "nosuchport", "src=" + mac0, "dst=" + mac1));

            // Live traces of real frames carry their time in the switch.
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            CompletableFuture<Integer> live = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.exchange("GET", "/v1/switches/" + sw + "/trace/live?count=2&filter=icmp", null,
                            lines, new HashMap<>());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitCaptures(api, sw, 1);
            Cmd.check("ip", "netns", "exec", t.n("ns0"), "ping", "-c", "1", "172.17.0.102");
            assertEquals(200, live.get(20, TimeUnit.SECONDS));
            List<String> traces = lines.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(2, traces.size(), lines.toString(StandardCharsets.UTF_8));
            for (String l : traces) {
                JsonNode r = JSON.readTree(l);
                assertTrue(r.path("live").asBoolean() && r.path("nanosInSwitch").asLong() > 0, l);
            }

            // Latency per port, and its reset.
            JsonNode ports = api.require("GET", "/v1/switches/" + sw + "/ports", null);
            JsonNode l0 = port(ports, p0).path("latency");
            assertTrue(l0.path("frames").asLong() > 0 && l0.path("p50Nanos").asLong() > 0
                    && l0.path("maxNanos").asLong() >= l0.path("p99Nanos").asLong(), l0.toString());
            String metrics = new String(metrics(api), StandardCharsets.UTF_8);
            assertTrue(metrics.contains("lanyard_port_latency_seconds{switch=\"" + sw + "\",port=\"" + p0
                    + "\",quantile=\"0.99\"}"), metrics);
            assertEquals(0, t.lanyard("latency", "--reset"));
            JsonNode after = port(api.require("GET", "/v1/switches/" + sw + "/ports", null), p0).path("latency");
            assertEquals(0, after.path("frames").asLong(), after.toString());
        }
    }

    private static List<String> outcomes(ApiClient api, String sw, String in, String frame) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("in", in).put("frame", frame);
        JsonNode report = api.require("POST", "/v1/switches/" + sw + "/trace", body);
        return report.path("steps").findValuesAsText("outcome").stream().limit(4).toList();
    }

    private static String mac(TestLab t, String host) {
        return Cmd.check("ip", "-n", t.n(host), "-br", "link", "show", "eth0").out().trim().split("\\s+")[2];
    }

    private static JsonNode port(JsonNode ports, String name) {
        for (JsonNode p : ports) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no port " + name + " in " + ports);
    }

    private static byte[] metrics(ApiClient api) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        api.exchange("GET", "/metrics", null, out, new HashMap<>());
        return out.toByteArray();
    }

    private static int captures(ApiClient api, String sw) throws Exception {
        Map<?, ?> health = JSON.convertValue(api.require("GET", "/v1/switches/" + sw, null), Map.class);
        Object n = health.get("taps");
        return n == null ? 0 : ((Number) n).intValue();
    }

    /** Waits until the switch has {@code n} taps running (a capture or trace started by another thread). */
    private static void awaitCaptures(ApiClient api, String sw, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (captures(api, sw) < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, captures(api, sw), "taps running on " + sw);
    }
}
