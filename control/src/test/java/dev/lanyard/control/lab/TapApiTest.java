package dev.lanyard.control.lab;

import static dev.lanyard.control.lab.TapTesting.A1;
import static dev.lanyard.control.lab.TapTesting.A2;
import static dev.lanyard.control.lab.TapTesting.awaitTaps;
import static dev.lanyard.control.lab.TapTesting.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.OwnThread;
import dev.lanyard.tools.pcapng.Direction;
import dev.lanyard.tools.pcapng.PcapngPacket;
import dev.lanyard.tools.pcapng.PcapngReader;
import dev.lanyard.tools.trace.FrameSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The daemon's capture, trace and latency endpoints on a running lab: captures side by side, clients that leave,
 * refusals with their reasons, the outcome of each kind of trace, live traces and latency with its reset.
 */
@Tag("netns")
class TapApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestLab lab;
    private static ApiClient api;
    private static String sw;
    private static String base;
    private static String p0;
    private static String p1;

    @BeforeAll
    static void up() throws Exception {
        lab = TapTesting.up();
        api = TapTesting.api(lab);
        sw = lab.n("sw");
        base = "/v1/switches/" + sw;
        p0 = lab.portFacing("h0");
        p1 = lab.portFacing("h1");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void capturesSideBySideEachKeepOnlyWhatTheirOwnFilterMatches() throws Exception {
        CompletableFuture<Capture> to1 = capture("count=4&filter=" + enc("icmp and host " + A1));
        CompletableFuture<Capture> to2 = capture("count=2&port=" + p0 + "&filter=" + enc("icmp and host " + A2));
        awaitTaps(api, sw, 2);
        TapTesting.pingOnce(lab, "h0", A2);
        TapTesting.pingOnce(lab, "h0", A1);
        Capture one = to1.get(10, TimeUnit.SECONDS);
        Capture two = to2.get(10, TimeUnit.SECONDS);

        assertEquals(4, one.frames().size(), one.frames().toString());
        assertTrue(one.frames().stream().allMatch(f -> f.contains(A1)), one.frames().toString());
        assertEquals("4", one.trailers().get("x-lanyard-captured"));
        assertEquals("0", one.trailers().get("x-lanyard-dropped"));
        // Only at h0's port: the request comes in, the reply goes out.
        assertEquals(List.of(p0 + " In", p0 + " Out"), two.frames().stream().map(f -> f.split(": ")[0]).sorted()
                .toList(), two.frames().toString());
        assertTrue(two.frames().stream().allMatch(f -> f.contains(A2)), two.frames().toString());
        awaitTaps(api, sw, 0);
    }

    @Test
    void aClientThatLeavesEndsItsCaptureOrTraceAndItsThread() throws Exception {
        for (String path : List.of("/capture?filter=" + enc("udp port 9"), "/trace/live?filter=" + enc("udp port 9"))) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(new LabPaths(lab.stateDir).socket(lab.lab)));
                ch.write(ByteBuffer.wrap(("GET " + base + path + " HTTP/1.1\r\nHost: lanyard\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer head = ByteBuffer.allocate(12);
                while (head.hasRemaining() && ch.read(head) >= 0) {
                    continue;
                }
                assertEquals("HTTP/1.1 200", new String(head.array(), StandardCharsets.US_ASCII), path);
                awaitTaps(api, sw, 1);
            }
            awaitTaps(api, sw, 0);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (TapTesting.daemonThreads(lab).contains("lanyard-api-str") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(TapTesting.daemonThreads(lab).contains("lanyard-api-str"), "stream threads left: "
                + TapTesting.daemonThreads(lab));
    }

    @Test
    void badFiltersUnknownPortsAndSwitchesAreRefusedWithTheirReason() throws Exception {
        ApiClient.Reply bad = api.call("GET", base + "/capture?filter=" + enc("tcp prot 80"), null);
        assertEquals(400, bad.status());
        assertEquals("bad filter \"tcp prot 80\": can't parse filter expression: syntax error", bad.error());
        ApiClient.Reply port = api.call("GET", base + "/capture?port=nosuchport", null);
        assertEquals(404, port.status());
        assertTrue(port.error().startsWith("no port named \"nosuchport\" (ports: "), port.error());
        ApiClient.Reply sws = api.call("GET", "/v1/switches/nosuchswitch/capture", null);
        assertEquals(404, sws.status());
        assertTrue(sws.error().endsWith("has no switch nosuchswitch"), sws.error());
        assertEquals(400, api.call("GET", base + "/trace/live?filter=" + enc("ip proto nothing"), null).status());
        assertEquals(400, api.call("GET", base + "/capture?count=-1", null).status());
        assertEquals(400, api.call("GET", base + "/capture?snaplen=0", null).status());
        assertEquals(404, api.call("POST", base + "/trace", Map.of("in", "nosuchport", "frame", "hex=00")).status());
        ApiClient.Reply frame = api.call("POST", base + "/trace", Map.of("in", p0, "frame", "src=zz"));
        assertEquals(400, frame.status());
        assertTrue(frame.error().contains("src: not a MAC address"), frame.error());
        assertEquals(400, api.call("POST", base + "/trace", Map.of("in", p0)).status());
        assertEquals(0, TapTesting.taps(api, sw), "nothing left running");
    }

    @Test
    void tracesSayWhatTheSwitchWouldDoWithEachKindOfFrame() throws Exception {
        String mac0 = TapTesting.mac(lab, "h0");
        String mac1 = TapTesting.mac(lab, "h1");
        // The source is known and on its port: unchanged, or refresh once its entry is a second old.
        Set<String> known = Set.of("unchanged", "refresh");
        List<String> unicast = outcomes(p0, "src=" + mac0 + " dst=" + mac1);
        assertTrue(known.contains(unicast.get(1)), unicast.toString());
        assertEquals(List.of("ok", "hit", "output"), List.of(unicast.get(0), unicast.get(2), unicast.get(3)));
        List<String> unknown = outcomes(p0, "src=" + mac0 + " dst=02:99:99:99:99:99");
        assertEquals(List.of("miss", "flood"), unknown.subList(2, 4), unknown.toString());
        List<String> broadcast = outcomes(p0, "src=" + mac0 + " dst=ff:ff:ff:ff:ff:ff");
        assertEquals(List.of("skipped", "flood"), broadcast.subList(2, 4), broadcast.toString());
        // h0's MAC coming in at h1's port, to h1: it would move, and the frame would go back where it came from.
        assertEquals(List.of("ok", "move", "hit", "drop"), outcomes(p1, "src=" + mac0 + " dst=" + mac1));
        assertEquals("runt", outcomes(p0, "hex=0102030405").get(0));

        JsonNode report = api.require("POST", base + "/trace", Map.of("in", p0, "frame", "src=" + mac0
                + " dst=ff:ff:ff:ff:ff:ff"));
        assertFalse(report.path("live").asBoolean());
        assertEquals(2, report.path("egress").size(), "flooded to the two other ports: " + report);
        assertTrue(report.path("nanosInSwitch").isNull(), report.toString());
    }

    @Test
    void liveTracesFollowRealFramesWithTheirTimeInTheSwitch() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Map<String, String> trailers = new HashMap<>();
        CompletableFuture<Integer> live = OwnThread.supply("test-api-stream", () -> {
            try {
                return api.exchange("GET", base + "/trace/live?count=2&port=" + p0 + "&filter=icmp", null, lines,
                        trailers);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitTaps(api, sw, 1);
        TapTesting.pingOnce(lab, "h0", A1);
        TapTesting.pingOnce(lab, "h0", A2);
        assertEquals(200, live.get(10, TimeUnit.SECONDS));
        List<String> traces = lines.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, traces.size(), traces.toString());
        for (String l : traces) {
            JsonNode r = JSON.readTree(l);
            assertTrue(r.path("live").asBoolean() && r.path("nanosInSwitch").asLong() > 0, l);
            assertEquals(p0, r.path("ingress").asText(), "only frames received on " + p0 + ": " + l);
            assertEquals("output", r.path("steps").get(3).path("outcome").asText(), l);
        }
        assertEquals("0", trailers.get("x-lanyard-dropped"));
    }

    @Test
    void latencyIsInThePortsAndTheMetricsAndResets() throws Exception {
        TapTesting.pingOnce(lab, "h0", A1);
        JsonNode l0 = port(api.require("GET", base + "/ports", null), p0).path("latency");
        assertTrue(l0.path("frames").asLong() > 0 && l0.path("p50Nanos").asLong() > 0, l0.toString());
        assertTrue(l0.path("p50Nanos").asLong() <= l0.path("p99Nanos").asLong()
                && l0.path("p99Nanos").asLong() <= l0.path("p999Nanos").asLong()
                && l0.path("p999Nanos").asLong() <= l0.path("maxNanos").asLong(), l0.toString());
        assertEquals(l0, port(api.require("GET", base + "/latency", null), p0).path("latency"));

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertEquals(200, api.exchange("GET", "/metrics", null, text));
        String metrics = text.toString(StandardCharsets.UTF_8);
        assertTrue(metrics.contains("# TYPE lanyard_port_latency_seconds summary"), metrics);
        String labels = "{switch=\"" + sw + "\",port=\"" + p0 + "\"";
        for (String q : List.of("0.5", "0.99", "0.999", "1")) {
            String sample = metrics.lines().filter(l -> l.startsWith("lanyard_port_latency_seconds" + labels
                    + ",quantile=\"" + q + "\"}")).findFirst().orElseThrow(() -> new AssertionError(q + " " + metrics));
            assertTrue(Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)) > 0, sample);
        }
        for (String part : List.of("_sum", "_count")) {
            String sample = metrics.lines().filter(l -> l.startsWith("lanyard_port_latency_seconds" + part + labels
                    + "}")).findFirst().orElseThrow(() -> new AssertionError(part + " " + metrics));
            assertTrue(Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)) > 0, sample);
        }

        for (JsonNode p : api.require("DELETE", base + "/latency", null)) {
            assertEquals(0, p.path("latency").path("frames").asLong(), p.toString());
            assertEquals(0, p.path("latency").path("maxNanos").asLong(), p.toString());
        }
    }

    /** The outcome of each step of a trace: decode, learn, lookup, action. */
    private static List<String> outcomes(String in, String frame) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("in", in).put("frame", frame);
        return api.require("POST", base + "/trace", body).path("steps").findValuesAsText("outcome");
    }

    /** A capture's frames, each as "PORT In|Out: summary", and its trailers. */
    private record Capture(List<String> frames, Map<String, String> trailers) {
    }

    private static CompletableFuture<Capture> capture(String query) {
        return OwnThread.supply("test-api-stream", () -> {
            try {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                Map<String, String> trailers = new HashMap<>();
                assertEquals(200, api.exchange("GET", base + "/capture?" + query, null, body, trailers));
                List<String> frames = new ArrayList<>();
                try (PcapngReader r = new PcapngReader(Channels.newChannel(new ByteArrayInputStream(
                        body.toByteArray())))) {
                    for (PcapngPacket p : r) {
                        frames.add(p.interfaceName() + (p.direction() == Direction.INBOUND ? " In" : " Out") + ": "
                                + FrameSummary.of(p.data(), p.originalLength()));
                    }
                }
                return new Capture(frames, trailers);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String enc(String s) {
        return s.replace(" ", "%20");
    }
}
