package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of a running lab's API, and malformed requests answered with a 4xx and a message, while two hosts
 * keep pinging through the switch without losing a packet.
 */
@Tag("netns")
class ApiTest {
    private static TestLab lab;
    private static ApiClient api;
    private static String sw;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        lab = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0");
        lab.up();
        api = new ApiClient(new LabPaths(lab.stateDir).socket(lab.lab));
        sw = "/v1/switches/" + lab.n("docker0");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyEndpointAnswersAndBadRequestsGetA4xxWhileTheSwitchForwards() throws Exception {
        Cmd.Running ping = Cmd.start("ip", "netns", "exec", lab.n("ns0"), "ping", "-q", "-c", "50", "-i", "0.05",
                "-W", "1", "172.17.0.102");
        assertTrue(api.require("GET", "/v1", null).path("endpoints").size() > 10);
        assertTrue(api.require("GET", "/v1/health", null).path("ready").asBoolean());
        assertEquals(1, api.require("GET", "/v1/switches", null).size());
        assertEquals(300, api.require("GET", sw, null).path("agingSeconds").asInt());
        assertEquals(120, api.require("PATCH", sw, Map.of("agingSeconds", 120)).path("agingSeconds").asInt());
        JsonNode ports = api.require("GET", sw + "/ports", null);
        assertEquals(4, ports.size());
        String port = ports.get(1).path("name").asText();
        assertEquals(port, api.require("GET", sw + "/ports/" + port, null).path("name").asText());
        assertEquals(false, api.require("PATCH", sw + "/ports/" + port, Map.of("flood", false))
                .path("settings").path("flood").asBoolean());
        api.require("PATCH", sw + "/ports/" + port, Map.of("flood", true));

        assertEquals(201, api.call("POST", sw + "/fdb", Map.of("mac", "02:00:00:00:aa:01", "port", port)).status());
        assertTrue(api.require("GET", sw + "/fdb", null).toString().contains("02:00:00:00:aa:01"));
        assertEquals(200, api.call("DELETE", sw + "/fdb/0/02:00:00:00:aa:01", null).status());
        assertEquals(404, api.call("DELETE", sw + "/fdb/0/02:00:00:00:aa:01", null).status());
        assertTrue(api.require("DELETE", sw + "/fdb?port=" + port, null).has("removed"));

        String metrics = text("GET", "/metrics");
        assertTrue(metrics.contains("# TYPE lanyard_port_rx_frames_total counter"), metrics);
        assertTrue(metrics.contains("lanyard_port_drops_total{switch=\"" + lab.n("docker0") + "\""), metrics);

        assertEquals(400, api.call("POST", sw + "/ports", "{not json").status());
        assertEquals(400, api.call("PATCH", sw + "/ports/" + port, Map.of("learning", "yes")).status());
        assertEquals(400, api.call("PATCH", sw + "/ports/" + port, Map.of("colour", "red")).status());
        assertEquals(400, api.call("POST", sw + "/fdb", Map.of("mac", "zz:00", "port", port)).status());
        assertEquals(404, api.call("GET", "/v1/switches/nope/ports", null).status());
        assertEquals(404, api.call("GET", sw + "/ports/nope", null).status());
        assertEquals(404, api.call("GET", "/v1/nothing/here", null).status());
        assertEquals(405, api.call("PUT", sw, null).status());
        assertEquals(409, api.call("POST", sw + "/ports", Map.of("name", port)).status());
        assertEquals(400, api.call("POST", sw + "/ports", Map.of("name", "nosuchif0")).status());
        assertEquals(413, rawStatus("POST", sw + "/ports", "x".repeat(200_000)));
        assertEquals(400, rawStatus("BREW", "/v1 HTTP/9.9\r\nbroken", ""));
        assertTrue(api.call("GET", sw + "/ports/nope", null).error().contains("has no port nope"));

        Cmd.Result r = ping.await(30);
        assertTrue(r.out().contains(" 0% packet loss"), "ping through the switch undisturbed: " + r.out());
        assertTrue(api.require("GET", "/v1/health", null).path("ready").asBoolean());
    }

    @Test
    void aPortAddedAtRuntimeForwardsAtOnceAndGoesAway() throws Exception {
        String host = lab.n("x");
        String end = lab.n("xs");
        Cmd.check("ip", "netns", "add", host);
        try {
            Cmd.check("ip", "link", "add", "eth0", "netns", host, "type", "veth", "peer", "name", end);
            Cmd.check("ip", "-n", host, "addr", "add", "172.17.0.110/16", "dev", "eth0");
            Cmd.check("ip", "-n", host, "link", "set", "eth0", "up");
            Cmd.check("ip", "-n", host, "link", "set", "lo", "up");
            Cmd.check("ip", "link", "set", end, "up");
            assertEquals(0, lab.lanyard("port", "add", "--lab", lab.lab, lab.n("docker0"), end));
            assertTrue(Cmd.run(15, "ip", "netns", "exec", host, "ping", "-c", "3", "-i", "0.3", "-W", "2",
                    "172.17.0.101").ok(), "new host reaches ns0 through the new port");
            assertEquals(0, lab.lanyard("port", "set", "--lab", lab.lab, lab.n("docker0"), end, "--learning", "off"));
            assertEquals(0, lab.lanyard("port", "del", "--lab", lab.lab, lab.n("docker0"), end));
            assertEquals(404, api.call("GET", sw + "/ports/" + end, null).status());
        } finally {
            Cmd.run("ip", "netns", "del", host);
            Cmd.run("ip", "link", "del", end);
        }
    }

    private static String text(String method, String path) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        api.exchange(method, path, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Sends raw bytes (for bodies and request lines the client would never make) and returns the status. */
    private static int rawStatus(String method, String path, String body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(new LabPaths(lab.stateDir).socket(lab.lab)));
            OutputStream os = Channels.newOutputStream(ch);
            os.write((method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            os.flush();
            InputStream in = Channels.newInputStream(ch);
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
