package dev.lanyard.control.lab;

import static dev.lanyard.control.lab.TapTesting.A1;
import static dev.lanyard.control.lab.TapTesting.A2;
import static dev.lanyard.control.lab.TapTesting.awaitTaps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.api.ApiClient;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.OwnThread;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code lanyard capture}, {@code trace}, {@code ports} and {@code latency} against a running lab, with tshark as
 * the reader of what capture writes: to a file, through a pipe, stopped by Ctrl-C or by its reader leaving.
 */
@Tag("netns")
class CaptureCliTest {
    /** A line of {@code lanyard capture} without -w: time, port, direction, summary. */
    private static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} (\\S+) (In |Out) .*, ICMP "
            + "echo (request|reply), length 98");
    private static TestLab lab;
    private static ApiClient api;
    private static String sw;
    private static String p0;
    private static String p1;
    private static String p2;
    private Path dir;

    @BeforeAll
    static void up() throws Exception {
        lab = TapTesting.up();
        api = TapTesting.api(lab);
        sw = lab.n("sw");
        p0 = lab.portFacing("h0");
        p1 = lab.portFacing("h1");
        p2 = lab.portFacing("h2");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void files() throws IOException {
        dir = Files.createTempDirectory("lanyard-capture");
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        assertEquals(0, TapTesting.taps(api, sw), "a capture or trace left running");
    }

    @Test
    void capturesToAFileThatTsharkReadsWithPortNamesAndDirections() throws Exception {
        Path file = dir.resolve("c.pcapng");
        Out done = whileTapping(
                () -> Cmd.check("ip", "netns", "exec", lab.n("h0"), "ping", "-c", "2", "-i", "0.2", A1),
                "capture", "-w", file.toString(), "-c", "8", "icmp");
        assertEquals(0, done.code(), done.err());
        assertEquals("8 frames captured, 0 dropped\n", done.err());
        List<String> lines = Cmd.check("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.interface_name",
                "-e", "frame.packet_flags_direction", "-e", "icmp.type").out().lines().toList();
        // Each request comes in at h0's port and leaves at h1's; each reply the other way round.
        assertEquals(List.of(p0 + "\t0x00000001\t8", p0 + "\t0x00000001\t8", p0 + "\t0x00000002\t0",
                p0 + "\t0x00000002\t0", p1 + "\t0x00000001\t0", p1 + "\t0x00000001\t0", p1 + "\t0x00000002\t8",
                p1 + "\t0x00000002\t8").stream().sorted().toList(), lines.stream().sorted().toList());
    }

    @Test
    void streamsPcapngIntoTsharkThroughStdoutKeepingOnlyTheFilteredHost() throws Exception {
        Cmd.Running pipe = Cmd.start("bash", "-o", "pipefail", "-c", shell(TapTesting.java(lab, "capture", "-w",
                "-", "-c", "4", "icmp", "and", "host", A1)) + " | tshark -l -r - -T fields -e ip.src -e ip.dst");
        awaitTaps(api, sw, 1);
        TapTesting.pingOnce(lab, "h0", A2);
        TapTesting.pingOnce(lab, "h0", A1);
        Cmd.Result piped = pipe.await(20);
        List<String> rows = piped.out().lines().toList();
        assertEquals(0, piped.exit(), piped.err());
        assertEquals(List.of(TapTesting.A0 + "\t" + A1, TapTesting.A0 + "\t" + A1, A1 + "\t" + TapTesting.A0,
                A1 + "\t" + TapTesting.A0), rows.stream().sorted().toList(), piped.out() + piped.err());
        assertTrue(piped.err().contains("4 frames captured, 0 dropped"), piped.err());
    }

    @Test
    void ctrlCEndsALineByLineCaptureWithItsTotals() throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(TapTesting.java(lab, "capture", p0, p1, "icmp"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            awaitTaps(api, sw, 1);
            TapTesting.pingOnce(lab, "h0", A1);
            TapTesting.pingOnce(lab, "h0", A2);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.readAllLines(out).size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            p.destroy();   // SIGTERM: the JVM's shutdown hooks run as on Ctrl-C's SIGINT
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "capture ends");
            assertEquals(0, p.exitValue(), "ended by Ctrl-C, as tcpdump: " + Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out);
        // h0 to h1: four frames at the two ports; h0 to h2: the two at h0's port.
        assertEquals(6, lines.size(), String.join("\n", lines));
        for (String l : lines) {
            var m = LINE.matcher(l);
            assertTrue(m.matches() && List.of(p0, p1).contains(m.group(1)), l);
        }
        assertEquals("6 frames captured, 0 dropped\n", Files.readString(err));
    }

    @Test
    void aCaptureEndsWhenTheReaderOfItsOutputGoesAway() throws Exception {
        Cmd.Running ping = Cmd.start("ip", "netns", "exec", lab.n("h0"), "ping", "-c", "20", "-i", "0.1", A1);
        try {
            Cmd.Result head = Cmd.run(20, "bash", "-o", "pipefail", "-c", shell(TapTesting.java(lab, "capture",
                    "icmp")) + " | head -n 2");
            assertEquals(0, head.exit(), head.err());
            assertEquals(2, head.out().lines().count(), head.out());
            assertTrue(head.err().matches("\\d+ frames captured, 0 dropped\\n"), head.err());
        } finally {
            ping.await(10);
        }
    }

    @Test
    void aBadFilterOrANameTheLabDoesNotHaveExitsTwoAndWritesNothing() throws Exception {
        Path file = dir.resolve("never.pcapng");
        Out bad = cli("capture", "-w", file.toString(), "-c", "1", "tcp", "prot", "80");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("lanyard capture: bad filter \"tcp prot 80\": can't parse filter "
                + "expression: syntax error\n"), bad.err());
        assertFalse(Files.exists(file), "no file for a capture that never started");
        Out port = cli("capture", "--port", "nosuchport", "-c", "1");
        assertEquals(2, port.code());
        assertTrue(port.err().startsWith("lanyard capture: no port named \"nosuchport\""), port.err());
        Out sws = cli("capture", "--switch", "nosuchswitch", "-c", "1");
        assertEquals(2, sws.code());
        assertEquals("lanyard capture: the lab has no switch nosuchswitch; its switches: " + sw + "\n", sws.err());
        assertEquals(2, cli("latency", "nosuchswitch").code());
        assertEquals(2, cli("trace", "src=02:00:00:00:00:01").code(), "no --in");
        assertEquals(2, cli("trace", "--in", p0).code(), "no frame");
        assertEquals(2, cli("trace", "--in", "nosuchport", "src=02:00:00:00:00:01").code());
        assertEquals(2, cli("trace", "--in", p0, "src=zz").code());
    }

    @Test
    void traceExplainsUnicastFloodsBroadcastReflectionAndRunts() throws Exception {
        String mac0 = TapTesting.mac(lab, "h0");
        String mac1 = TapTesting.mac(lab, "h1");
        Out unicast = cli("trace", "--in", p0, "src=" + mac0, "dst=" + mac1);
        assertEquals(0, unicast.code(), unicast.err());
        List<String> lines = unicast.out().lines().toList();
        assertEquals(5, lines.size(), unicast.out());
        assertEquals("Frame: 60 bytes on " + p0 + " (port 0), not sent", lines.get(0));
        assertTrue(lines.get(1).startsWith("decode: " + mac0 + " > " + mac1 + ", untagged"), lines.get(1));
        assertTrue(lines.get(2).matches("learn:  " + mac0 + " in vlan 0 on " + p0 + ": (unchanged|refresh)"),
                lines.get(2));
        assertTrue(lines.get(3).startsWith("lookup: " + mac1 + " in vlan 0: hit on " + p1), lines.get(3));
        assertEquals("action: output to " + p1, lines.get(4));

        String unknown = cli("trace", sw, "--in", p0, "src=" + mac0, "dst=02:99:99:99:99:99").out();
        assertTrue(unknown.contains("lookup: 02:99:99:99:99:99 in vlan 0: miss"), unknown);
        assertTrue(unknown.contains("action: flood") && unknown.contains(p1) && unknown.contains(p2), unknown);
        String broadcast = cli("trace", "--in", p0, "arp", "src=" + mac0, "sip=" + TapTesting.A0, "dip=" + A2).out();
        assertTrue(broadcast.contains("ARP") && broadcast.contains("action: flood (broadcast) to ["), broadcast);
        String reflection = cli("trace", "--in", p1, "src=" + mac0, "dst=" + mac1).out();
        assertTrue(reflection.contains("on " + p1 + ": move"), reflection);
        assertTrue(reflection.contains("action: drop: reflection"), reflection);
        String runt = cli("trace", "--in", p0, "hex=0102030405").out();
        assertTrue(runt.contains("decode: runt: 5 bytes") && runt.contains("action: drop: runt"), runt);
        String json = cli("trace", "--json", "--in", p0, "src=" + mac0, "dst=" + mac1).out();
        assertTrue(json.contains("\"outcome\" : \"output\""), json);
    }

    @Test
    void traceReadsTheFramesOfACaptureFile() throws Exception {
        Path file = dir.resolve("c.pcapng");
        assertEquals(0, whileTapping(() -> TapTesting.pingOnce(lab, "h0", A1),
                "capture", "-w", file.toString(), "-c", "4", "icmp").code());
        // Received frames on the ports they came in at: the request at h0's, the reply at h1's.
        Out read = cli("trace", "--read", file.toString());
        assertEquals(0, read.code(), read.err());
        List<String> frames = read.out().lines().filter(l -> l.startsWith("Frame: ")).toList();
        assertEquals(List.of("Frame: 98 bytes on " + p0 + " (port 0), not sent", "Frame: 98 bytes on " + p1
                + " (port 1), not sent"), frames, read.out());
        assertTrue(read.out().contains("action: output to " + p1) && read.out().contains("action: output to " + p0),
                read.out());
        // With --in, every frame of the file as if it came in there.
        assertEquals(4, cli("trace", "--read", file.toString(), "--in", p2).out().lines()
                .filter(l -> l.startsWith("Frame: 98 bytes on " + p2)).count());
    }

    @Test
    void traceLiveShowsRealFramesWithTheirTime() throws Exception {
        Out out = whileTapping(() -> TapTesting.pingOnce(lab, "h0", A1), "trace", "--live", "-c", "2", "icmp");
        assertEquals(0, out.code(), out.err());
        assertEquals(2, out.out().lines().filter(l -> l.matches("time: +\\d+\\.\\d us in the switch")).count(),
                out.out());
        assertTrue(out.out().contains("ICMP echo request") && out.out().contains("ICMP echo reply"), out.out());
        assertEquals("2 frames traced, 0 missed\n", out.err());
    }

    @Test
    void portsShowLatencyPercentilesThatTheResetClears() throws Exception {
        TapTesting.pingOnce(lab, "h0", A1);
        Out ports = cli("ports");
        assertEquals(0, ports.code(), ports.err());
        List<String> lines = ports.out().lines().toList();
        assertTrue(lines.get(1).contains("latency_us p50/p99/p99.9/max"), ports.out());
        String row = lines.stream().filter(l -> l.startsWith(p0 + " ")).findFirst().orElseThrow();
        var m = Pattern.compile(" (\\d+\\.\\d)/(\\d+\\.\\d)/(\\d+\\.\\d)/(\\d+\\.\\d) ").matcher(row);
        assertTrue(m.find(), row);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(4)) >= Double.parseDouble(
                m.group(2)), row);

        Out reset = cli("latency", "--reset");
        assertEquals(0, reset.code(), reset.err());
        assertEquals("switch " + sw + " (reset)", reset.out().lines().findFirst().orElseThrow());
        assertTrue(reset.out().lines().skip(1).toList().get(0).matches("port +frames +p50_us +p99_us +p99\\.9_us "
                + "+max_us"), reset.out());
        assertEquals(3, reset.out().lines().filter(l -> l.matches("\\S+ +0 +0\\.0 +0\\.0 +0\\.0 +0\\.0")).count(),
                reset.out());
    }

    /** What a command line run in this JVM printed, and its exit code. */
    private record Out(int code, String out, String err) {
    }

    /** Runs a capture or live trace in the background and, once its tap is on, {@code traffic}; what it printed. */
    private static Out whileTapping(Runnable traffic, String... args) throws Exception {
        CompletableFuture<Out> run = OwnThread.supply("test-cli", () -> cli(args));
        awaitTaps(api, sw, 1);
        traffic.run();
        return run.get(10, TimeUnit.SECONDS);
    }

    /** Runs the command line in this JVM against the lab, with stdout and stderr kept apart for the test. */
    private static synchronized Out cli(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = lab.lanyard(args);
            return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** A command line for bash, each word quoted. */
    private static String shell(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            sb.append(sb.length() == 0 ? "" : " ").append('\'').append(a.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }
}
