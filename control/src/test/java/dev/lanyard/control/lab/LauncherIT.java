package dev.lanyard.control.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.dataplane.lab.Cmd;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ./lanyard} launcher as a user runs it, after the package phase has built the jar: {@code up} returns
 * once the lab forwards, and the JVM that built the lab is its daemon from then on; a bad file fails with the
 * parser's message and status; {@code down} through the launcher leaves nothing.
 */
class LauncherIT {
    private static final Path LAUNCHER = TestLab.repoRoot().resolve("lanyard");

    @BeforeAll
    static void needRoot() {
        assumeTrue(Cmd.run("id", "-u").out().trim().equals("0"), "needs root");
        assumeTrue(Files.isExecutable(LAUNCHER), "needs the launcher at " + LAUNCHER);
    }

    private static Cmd.Result launcher(TestLab t, String... args) {
        List<String> argv = new ArrayList<>(List.of(LAUNCHER.toString(), args[0], "--state-dir",
                t.stateDir.toString()));
        argv.addAll(List.of(args).subList(1, args.length));
        return Cmd.run(120, argv.toArray(String[]::new));
    }

    @Test
    void upReturnsWithTheBuildingJvmLeftAsTheDaemonAndDownRemovesEverything() throws Exception {
        try (TestLab t = TestLab.of("lab3-docker0.yaml", "ns0", "ns1", "ns2", "docker0")) {
            Cmd.Result up = launcher(t, "up", t.file.toString());
            assertEquals(0, up.exit(), "up: " + up.err());
            assertTrue(up.out().contains("lab " + t.lab + " is up"), up.out());
            long pid = t.daemonPid();
            assertTrue(up.out().contains("daemon pid " + pid), "the pid it printed is the daemon's: " + up.out());
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"),
                    StandardCharsets.UTF_8).replace('\0', ' ');
            assertTrue(cmdline.contains(" up --notify "), "the daemon is the JVM that ran up: " + cmdline);
            String sid = Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).split("\\) ")[1]
                    .split(" ")[3];
            assertEquals(String.valueOf(pid), sid, "it leads its own session");
            assertTrue(t.ping("ns0", "172.17.0.1"), "ns0 -> gateway");
            assertTrue(t.ping("ns2", "172.17.0.102"), "ns2 -> ns1");
            assertTrue(Files.readString(t.stateDir.resolve(t.lab).resolve("daemon.log")).contains("serving"),
                    "its log went to the lab's daemon.log");
            Cmd.Result status = launcher(t, "status", t.lab);
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("forwarding"), status.out());

            Cmd.Result down = launcher(t, "down", t.lab);
            assertEquals(0, down.exit(), "down: " + down.err());
            assertFalse(TestLab.running(pid), "daemon gone");
            t.assertGone();
        }
    }

    @Test
    void aBrokenFileFailsWithItsMessageAndNothingIsLeft() throws Exception {
        try (TestLab t = TestLab.ofText("broken.yaml", "lab: lab\nhosts:\n  x: {bogus: 1}\n")) {
            Cmd.Result up = launcher(t, "up", t.file.toString());
            assertEquals(2, up.exit(), "usage-error status");
            assertTrue(up.err().contains("broken.yaml:3:7: unknown key \"bogus\""), up.err());
            t.assertGone();
        }
    }
}
