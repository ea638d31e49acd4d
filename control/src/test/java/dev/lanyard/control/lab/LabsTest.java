package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.control.cli.Main;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each LABS.md lab from its examples/ file: up, the lab's own checks with real tools, down, and nothing left. Also up
 * twice, kill -9 then down, and up refused when a name is taken.
 */
@Tag("netns")
class LabsTest {
    @BeforeAll
    static void needRoot() {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
    }

    @Test
    void lab1BringsUpLoopbackInAListedNamespace() throws Exception {
        try (TestLab t = TestLab.of("lab1-loopback.yaml", "ns0")) {
            t.up();
            assertTrue(Cmd.check("ip", "netns", "list").out().contains(t.n("ns0")), "ip netns list shows it");
            assertTrue(Cmd.run("ip", "netns", "exec", t.n("ns0"), "ping", "-c", "1", "-W", "1", "127.0.0.1").ok(),
                    "lo is up");
            assertEquals(0, t.lanyard("exec", "--lab", t.lab, t.n("ns0"), "--", "true"), "lanyard exec runs in it");
            assertEquals(3, t.lanyard("exec", "--lab", t.lab, t.n("ns0"), "--", "sh", "-c", "exit 3"),
                    "with the command's exit code");
            assertEquals(0, t.lanyard("down", t.lab));
            t.assertGone();
        }
    }

    @Test
    void lab2JoinsTwoNamespacesWithOneVethPairAndItsVariants() throws Exception {
        try (TestLab t = TestLab.of("lab2-veth-pair.yaml", "ns0", "ns1")) {
            t.up();
            assertTrue(t.ping("ns0", "192.168.1.2"));
            assertTrue(t.ping("ns1", "192.168.1.1"));
            assertEquals(0, t.lanyard("down", t.file.toString()));
            t.assertGone();
        }
        try (TestLab t = TestLab.of("lab2c-veth-root.yaml", "ns0", "veth1")) {
            t.up();
            assertTrue(t.ping("ns0", "10.1.1.2"), "namespace to the root namespace");
            assertTrue(Cmd.run(10, "ping", "-q", "-c", "2", "-i", "0.2", "-W", "2", "10.1.1.1").ok(), "and back");
            assertEquals(0, t.lanyard("down", t.lab));
            t.assertGone();
        }
    }

    @Test
    void lab3SwitchesThreeHostsWithAGatewayAndLearnsThem() throws Exception {
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            for (String from : new String[] {"ns0", "ns1", "ns2"}) {
                assertTrue(t.ping(from, "172.17.0.1"), from + " -> gateway");
            }
            assertTrue(t.ping("ns0", "172.17.0.102"));
            assertTrue(t.ping("ns1", "172.17.0.103"));
            assertTrue(t.ping("ns2", "172.17.0.101"));
            assertTrue(Cmd.check("ip", "-n", t.n("ns0"), "route").out().contains("default via 172.17.0.1"));
            String port = t.portFacing("ns0");
            assertTrue(Cmd.check("ip", "-d", "link", "show", port).out().contains("addrgenmode none"),
                    "a switch port gets no IPv6 address of its own");
            assertEquals("", Cmd.check("ip", "-6", "addr", "show", "dev", port).out().trim(), "and has none");
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            JsonNode ports = api.require("GET", "/v1/switches/" + t.n("docker0") + "/ports", null);
            assertEquals(4, ports.size());
            for (JsonNode p : ports) {
                assertEquals("forwarding", p.path("state").asText(), p.toString());
            }
            assertTrue(api.require("GET", "/v1/switches/" + t.n("docker0") + "/fdb", null).size() >= 4,
                    "every host and the gateway learned");
            assertEquals(0, t.lanyard("status", t.lab));
            assertEquals(0, t.lanyard("down", t.lab));
            t.assertGone();
        }
    }

    @Test
    void lab4ListsItsPortsLikeBridgeLink() throws Exception {
        try (TestLab t = TestLab.of("lab4-two-hosts-switch.yaml", "a1", "a2", "wq", "wq2a1", "wq2a2")) {
            t.up();
            assertTrue(t.ping("a1", "192.168.1.101"));
            assertTrue(t.ping("a2", "192.168.1.100"));
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            JsonNode ports = api.require("GET", "/v1/switches/" + t.n("wq") + "/ports", null);
            assertEquals(t.n("wq2a1"), ports.get(0).path("name").asText());
            assertEquals(t.n("wq2a2"), ports.get(1).path("name").asText());
            assertEquals(0, t.lanyard("ports", t.lab));
            assertEquals(0, t.lanyard("down", t.lab));
            t.assertGone();
        }
    }

    @Test
    void upTwiceChangesNothing() throws Exception {
        try (TestLab t = TestLab.of("lab2d-veth-a1-a2.yaml", "a1", "a2")) {
            t.up();
            String before = Cmd.check("ip", "-n", t.n("a1"), "-o", "link").out();
            t.up();
            assertEquals(before, Cmd.check("ip", "-n", t.n("a1"), "-o", "link").out());
            assertTrue(t.ping("a1", "192.168.1.101"));
        }
    }

    @Test
    void killMinus9ThenDownRemovesEverything() throws Exception {
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            long pid = t.daemonPid();
            Cmd.check("kill", "-9", String.valueOf(pid));
            long deadline = System.currentTimeMillis() + 5_000;
            while (t.daemonRunning() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(t.daemonRunning());
            assertEquals(0, t.lanyard("down", t.lab));
            t.assertGone();
        }
    }

    @Test
    void theDaemonTakesItsLabDownThroughTheApiAndExits() throws Exception {
        try (TestLab t = TestLab.of("lab4-two-hosts-switch.yaml", "a1", "a2", "wq", "wq2a1", "wq2a2")) {
            t.up();
            long pid = t.daemonPid();
            ApiClient api = new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            assertEquals(405, api.exchange("GET", "/v1/lab/down", null, body), "only POST takes a lab down");
            assertTrue(t.ping("a1", "192.168.1.101"), "and that changed nothing");
            body.reset();
            assertEquals(200, api.exchange("POST", "/v1/lab/down", null, body));
            String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("ip netns delete " + t.n("a1")) && text.endsWith("lab " + t.lab + " is down\n"),
                    text);
            long deadline = System.currentTimeMillis() + 10_000;
            while (TestLab.running(pid) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            t.assertGone();
            assertEquals(0, t.lanyard("down", t.lab), "a second down finds nothing to do");
        }
    }

    @Test
    void upIsRefusedWhenANameIsTakenBySomethingNotOurs() throws Exception {
        try (TestLab t = TestLab.of("lab2-veth-pair.yaml", "ns0", "ns1")) {
            Cmd.check("ip", "netns", "add", t.n("ns1"));
            try {
                assertEquals(Main.USAGE, t.lanyard("up", t.file.toString()));
                assertFalse(Cmd.check("ip", "netns", "list").out().contains(t.n("ns0")), "nothing was created");
                assertTrue(Cmd.check("ip", "netns", "list").out().contains(t.n("ns1")), "and theirs is untouched");
                try (Stream<Path> s = Files.list(t.stateDir)) {
                    assertEquals(List.of(t.file.getFileName().toString()),
                            s.map(p -> p.getFileName().toString()).toList(), "state left by the refused up");
                }
            } finally {
                Cmd.run("ip", "netns", "del", t.n("ns1"));
            }
        }
    }
}
