package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The lab the capture and trace tests share: three hosts on one switch, addresses only inside their namespaces (so
 * that it collides with nothing in the root namespace), and what those tests ask of its daemon.
 */
final class TapTesting {
    static final String A0 = "10.77.0.1";
    static final String A1 = "10.77.0.2";
    static final String A2 = "10.77.0.3";
    private static final String TOPOLOGY = """
            lab: taps
            switches:
              sw: {}
            hosts:
              h0:
                interfaces:
                  eth0: {switch: sw, addresses: [10.77.0.1/24]}
              h1:
                interfaces:
                  eth0: {switch: sw, addresses: [10.77.0.2/24]}
              h2:
                interfaces:
                  eth0: {switch: sw, addresses: [10.77.0.3/24]}
            """;

    private TapTesting() {
    }

    /** The lab, up, with every host's MAC learned (h0 has pinged the others); skips the test without root. */
    static TestLab up() throws IOException {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        TestLab t = TestLab.ofText("taps.yaml", TOPOLOGY, "h0", "h1", "h2", "sw");
        boolean ready = false;
        try {
            t.up();
            assertTrue(t.ping("h0", A1) && t.ping("h0", A2), "the lab forwards");
            ready = true;
            return t;
        } finally {
            if (!ready) {
                t.close();
            }
        }
    }

    static ApiClient api(TestLab t) {
        return new ApiClient(new LabPaths(t.stateDir).socket(t.lab));
    }

    /** Captures and live traces running on the switch. */
    static int taps(ApiClient api, String sw) throws IOException {
        return api.require("GET", "/v1/switches/" + sw, null).path("taps").asInt();
    }

    /** Waits (up to 10 s) until the switch has {@code n} taps running, started or ended by another thread. */
    static void awaitTaps(ApiClient api, String sw, int n) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (taps(api, sw) != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, taps(api, sw), "taps running on " + sw);
    }

    /** Pings once from a host of the lab. */
    static void pingOnce(TestLab t, String host, String address) {
        Cmd.check("ip", "netns", "exec", t.n(host), "ping", "-c", "1", "-W", "2", address);
    }

    /** A host's eth0 MAC address. */
    static String mac(TestLab t, String host) {
        return Cmd.check("ip", "-n", t.n(host), "-br", "link", "show", "eth0").out().trim().split("\\s+")[2];
    }

    /** A port of a ports listing, by name. */
    static JsonNode port(JsonNode ports, String name) {
        for (JsonNode p : ports) {
            if (p.path("name").asText().equals(name) || p.path("port").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no port " + name + " in " + ports);
    }

    /** The names of the daemon's threads (as /proc shows them: 15 characters at most). */
    static List<String> daemonThreads(TestLab t) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(t.daemonPid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException ended) {
                    // A thread that ended while we looked.
                }
            }
        }
        return names;
    }

    /** The java command that runs this JVM, for a command line in a process of its own. */
    static List<String> java(TestLab t, String... args) {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.lanyard.control.cli.Main", args[0], "--state-dir", t.stateDir.toString()));
        argv.addAll(List.of(args).subList(1, args.length));
        return argv;
    }
}
