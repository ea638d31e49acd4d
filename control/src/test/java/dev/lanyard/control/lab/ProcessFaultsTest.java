package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Process faults (RELIABILITY.md case 5): kill -9 of the daemon leaves the hosts and their processes running and
 * the next up re-attaches; SIGTERM stops the daemon cleanly; up --foreground takes the lab down on Ctrl-C.
 */
@Tag("netns")
class ProcessFaultsTest {
    @BeforeEach
    void needRoot() {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
    }

    @Test
    void aRunningIperf3SurvivesKillMinus9AndTheNextUp() throws Exception {
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            Cmd.Running server = Cmd.start("ip", "netns", "exec", t.n("ns1"), "iperf3", "-s", "-1");
            Thread.sleep(500);
            Cmd.Running client = Cmd.start("ip", "netns", "exec", t.n("ns0"), "iperf3", "-c", "172.17.0.102", "-t",
                    "10", "-b", "200M");
            Thread.sleep(2_000);
            long pid = t.daemonPid();
            Cmd.check("kill", "-9", String.valueOf(pid));
            Thread.sleep(1_000);
            assertTrue(client.alive(), "iperf3 keeps running while the switch is gone");
            String linksBefore = Cmd.check("ip", "-n", t.n("ns0"), "-o", "link").out();
            t.up();
            assertEquals(linksBefore, Cmd.check("ip", "-n", t.n("ns0"), "-o", "link").out(), "no link recreated");
            Cmd.Result r = client.await(30);
            System.out.println("RELIABILITY case 5: iperf3 across kill -9 and up: " + r.out().lines()
                    .filter(l -> l.contains("sender") || l.contains("receiver")).toList());
            assertEquals(0, r.exit(), "iperf3 finished: " + r.out() + r.err());
            assertTrue(r.out().contains("receiver"), r.out());
            server.await(10);
            assertTrue(t.ping("ns2", "172.17.0.101"));
        }
    }

    @Test
    void sigtermStopsTheDaemonCleanlyAndLeavesTheLab() throws Exception {
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            t.up();
            long pid = t.daemonPid();
            LabPaths paths = new LabPaths(t.stateDir);
            Cmd.check("kill", "-TERM", String.valueOf(pid));
            long deadline = System.currentTimeMillis() + 10_000;
            while (t.daemonRunning() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(t.daemonRunning());
            assertFalse(Files.exists(paths.pid(t.lab)), "pid file removed");
            assertFalse(Files.exists(paths.socket(t.lab)), "socket removed");
            assertTrue(Cmd.check("ip", "netns", "list").out().contains(t.n("ns0")), "the lab stays");
            t.up();
            assertTrue(t.ping("ns0", "172.17.0.102"), "and up starts its switch again");
            assertEquals(0, t.lanyard("down", t.lab));
            t.assertGone();
        }
    }

    @Test
    void ctrlCOfUpInTheForegroundTakesTheLabDown() throws Exception {
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.lanyard.control.cli.Main", "up", "--state-dir", t.stateDir.toString(), "--foreground",
                    t.file.toString()));
            Process up = new ProcessBuilder(argv).redirectErrorStream(true).start();
            StringBuilder out = new StringBuilder();
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(up.getInputStream()));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.append(line).append('\n');
                if (line.contains("in the foreground")) {
                    break;
                }
            }
            assertTrue(out.toString().contains("in the foreground"), out.toString());
            assertTrue(t.ping("ns0", "172.17.0.103"), "the lab forwards");
            Cmd.check("kill", "-INT", String.valueOf(up.pid()));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.append(line).append('\n');
            }
            assertEquals(0, up.waitFor(), out.toString());
            assertTrue(out.toString().contains("is down"), out.toString());
            t.assertGone();
        }
    }
}
