package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mixed traffic for a while (RELIABILITY.md case 7): TCP streams, pings, a broadcast flood, a port removed and
 * added back every few seconds, with Netty's leak detection at paranoid in the daemon. 60 s in every build;
 * {@code -Dlanyard.soak.seconds=600} for the ten-minute run.
 */
@Tag("netns")
class SoakTest {
    private static final String LAB = String.join("\n",
            "lab: soak",
            "switches:",
            "  sw: {}",
            "hosts:",
            "  ns0: {interfaces: {eth0: {switch: sw, addresses: [10.77.0.1/24]}}}",
            "  ns1: {interfaces: {eth0: {switch: sw, addresses: [10.77.0.2/24]}}}",
            "  ns2: {interfaces: {eth0: {switch: sw, addresses: [10.77.0.3/24]}}}",
            "  ns3: {interfaces: {eth0: {switch: sw, addresses: [10.77.0.4/24]}}}",
            "");

    @Test
    void mixedTrafficWithPortChurnLeaksNothingAndLosesNothing() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Cmd.run("which", "trafgen").ok(), "needs trafgen (netsniff-ng)");
        int seconds = Integer.getInteger("lanyard.soak.seconds", 60);
        try (TestLab t = TestLab.ofText("soak.yaml", LAB, "ns0", "ns1", "ns2", "ns3", "sw")) {
            t.up();
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            String ports = "/v1/switches/" + t.n("sw") + "/ports";
            String churned = t.portFacing("ns3");
            Cmd.Running server = Cmd.start("ip", "netns", "exec", t.n("ns1"), "iperf3", "-s");
            Path flood = Files.createTempFile(t.stateDir, "flood", ".cfg");
            Files.writeString(flood, "{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 0x33, c16(0x88b5), "
                    + "fill(0x00, 46), }\n", StandardCharsets.US_ASCII);
            Cmd.Running broadcast = Cmd.start("ip", "netns", "exec", t.n("ns2"), "timeout", String.valueOf(seconds),
                    "trafgen", "--dev", "eth0", "--conf", flood.toString(), "--cpus", "1", "--no-sock-mem", "--gap",
                    "1ms");
            Cmd.Running ping = Cmd.start("ip", "netns", "exec", t.n("ns2"), "ping", "-q", "-c",
                    String.valueOf(seconds * 10), "-i", "0.1", "-W", "1", "10.77.0.1");
            Thread.sleep(10_000);
            JsonNode start = api.require("GET", "/v1/health", null).path("memory");
            long deadline = System.currentTimeMillis() + (seconds - 12) * 1000L;
            int streams = 0;
            int churns = 0;
            Cmd.Running stream = null;
            while (System.currentTimeMillis() < deadline) {
                if (stream == null || !stream.alive()) {
                    if (stream != null) {
                        Cmd.Result r = stream.await(5);
                        assertEquals(0, r.exit(), "iperf3 stream " + streams + ": " + r.err());
                    }
                    stream = Cmd.start("ip", "netns", "exec", t.n("ns0"), "iperf3", "-c", "10.77.0.2", "-t", "8");
                    streams++;
                }
                assertEquals(200, api.call("DELETE", ports + "/" + churned, null).status());
                Thread.sleep(1_000);
                assertEquals(201, api.call("POST", ports, Map.of("name", churned)).status());
                churns++;
                Thread.sleep(2_000);
            }
            if (stream != null) {
                assertEquals(0, stream.await(20).exit(), "last iperf3 stream");
            }
            Cmd.Result pinged = ping.await(seconds + 30);
            broadcast.await(20);
            server.stop(5);
            JsonNode end = api.require("GET", "/v1/health", null).path("memory");
            String log = Files.readString(new LabPaths(t.stateDir).log(t.lab), StandardCharsets.UTF_8);
            System.out.println("RELIABILITY case 7: " + seconds + " s, " + streams + " TCP streams, " + churns
                    + " port removals and re-adds; rss " + start.path("rssBytes").asLong() / 1024 + " -> "
                    + end.path("rssBytes").asLong() / 1024 + " kB; heap after GC " + start.path("heapAfterGcBytes")
                    .asLong() / 1024 + " -> " + end.path("heapAfterGcBytes").asLong() / 1024 + " kB; ping "
                    + pinged.out().lines().filter(l -> l.contains("packet loss")).findFirst().orElse(""));
            assertFalse(log.contains("LEAK"), "Netty reported a leak:\n" + log);
            assertTrue(pinged.out().contains(" 0% packet loss"), "ns2 -> ns0 lost nothing: " + pinged.out());
            assertTrue(end.path("rssBytes").asLong() <= start.path("rssBytes").asLong() * 1.1, "resident memory flat");
            assertTrue(end.path("heapAfterGcBytes").asLong() <= start.path("heapAfterGcBytes").asLong() * 1.2
                    + (16 << 20), "live heap flat");
        }
    }
}
