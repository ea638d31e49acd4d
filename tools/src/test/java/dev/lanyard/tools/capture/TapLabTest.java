package dev.lanyard.tools.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.latency.LatencySummary;
import dev.lanyard.dataplane.port.packet.PacketPortConfig;
import dev.lanyard.dataplane.port.packet.VethPort;
import dev.lanyard.dataplane.tap.CaptureSession;
import dev.lanyard.dataplane.tap.CaptureSpec;
import dev.lanyard.dataplane.tap.LiveTrace;
import dev.lanyard.dataplane.tap.TapSelection;
import dev.lanyard.dataplane.worker.Dataplane;
import dev.lanyard.dataplane.worker.DataplaneOptions;
import dev.lanyard.dataplane.lab.Cmd;
import dev.lanyard.dataplane.lab.HandLab;
import dev.lanyard.tools.pcapng.Direction;
import dev.lanyard.tools.pcapng.PcapngPacket;
import dev.lanyard.tools.pcapng.PcapngReader;
import dev.lanyard.tools.pcapng.PcapngWriter;
import dev.lanyard.tools.trace.LiveTracer;
import dev.lanyard.tools.trace.TraceReport;
import dev.lanyard.tools.trace.TraceText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures and live traces on a switch of real veth ports (LABS.md lab 3 built by hand, two workers), with the
 * hosts' ping as the traffic and tshark as the reader.
 */
@Tag("netns")
class TapLabTest {
    private static HandLab lab;
    private static Switch sw;
    private static Dataplane dataplane;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildLab() throws Exception {
        Assumptions.assumeTrue(HandLab.canCreateNamespaces(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Cmd.run(10, "tshark", "--version").ok(), "needs tshark");
        lab = HandLab.build(3);
        boolean ready = false;
        try {
            sw = new Switch(SwitchConfig.defaults("t").withWorkers(2));
            dataplane = new Dataplane(sw, DataplaneOptions.defaults("t"));
            for (int i = 1; i <= 3; i++) {
                dataplane.attach(VethPort.open(lab.switchEnd(i), HandLab.nsPath(lab.switchNs()), sw.workers(),
                        PacketPortConfig.DEFAULT), PortSettings.DEFAULT);
            }
            // Learn every host once, so that the captures below see only the frames the tests send.
            for (int i = 2; i <= 3; i++) {
                assertTrue(lab.ping(lab.hostNs(1), lab.ip(i), 1));
            }
            ready = true;
        } finally {
            if (!ready) {
                tearDown();
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (dataplane != null) {
                dataplane.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    /** A writer draining a session on its own thread. */
    private record Background(CaptureWriter writer, CompletableFuture<CaptureResult> result) {
        CaptureResult finish() throws Exception {
            writer.stop();
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    private static Background write(CaptureSession s, PcapngWriter out, long count) {
        CaptureWriter w = new CaptureWriter(s, out, Captures.portNames(sw), count);
        CompletableFuture<CaptureResult> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(w.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "capture-writer");
        t.setDaemon(true);
        t.start();
        return new Background(w, result);
    }

    private static List<String> tshark(Path file) {
        Cmd.Result r = Cmd.run(30, "tshark", "-r", file.toString(), "-T", "fields", "-E", "separator=,", "-e",
                "frame.interface_name", "-e", "frame.packet_flags_direction", "-e", "ip.src", "-e", "ip.dst", "-e",
                "icmp.type").check();
        List<String> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(normalise(line));
            }
        }
        return lines;
    }

    /** "sw-end,0x00000001,..." with the direction as "in" or "out". */
    private static String normalise(String line) {
        String[] f = line.split(",", -1);
        f[1] = Integer.decode(f[1]) == 1 ? "in" : Integer.decode(f[1]) == 2 ? "out" : f[1];
        return String.join(",", f);
    }

    private static Map<String, Integer> histogram(List<String> lines) {
        Map<String, Integer> m = new TreeMap<>();
        for (String l : lines) {
            m.merge(l, 1, Integer::sum);
        }
        return m;
    }

    private static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aCaptureWhileHostsPingHoldsExactlyWhatWasSentOnTheRightPortsAndDirections() throws Exception {
        Path file = dir.resolve("ping.pcapng");
        String s1 = lab.switchEnd(1);
        String s2 = lab.switchEnd(2);
        int p1 = sw.ports().indexOf(s1);
        sw.latency().reset(p1);
        CaptureResult result;
        try (PcapngWriter out = PcapngWriter.create(file)) {
            Background bg = write(Captures.start(sw, List.of(), CaptureSpec.MAX_SNAPLEN, "icmp"), out, 0);
            assertTrue(lab.ping(lab.hostNs(1), lab.ip(2), 3));
            await(() -> bg.writer().written() >= 12, 3_000, "12 frames");
            result = bg.finish();
        }
        assertEquals(new CaptureResult(12, 0, false), result);
        String a = lab.ip(1);
        String b = lab.ip(2);
        assertEquals(Map.of(s1 + ",in," + a + "," + b + ",8", 3, s2 + ",out," + a + "," + b + ",8", 3,
                s2 + ",in," + b + "," + a + ",0", 3, s1 + ",out," + b + "," + a + ",0", 3), histogram(tshark(file)));
        List<PcapngPacket> packets = new ArrayList<>();
        try (PcapngReader r = PcapngReader.open(file)) {
            r.forEach(packets::add);
        }
        assertEquals(12, packets.size());
        assertEquals(2, packets.stream().map(PcapngPacket::interfaceName).distinct().count());
        for (PcapngPacket p : packets) {
            assertEquals(98, p.originalLength());
            assertEquals(p.interfaceName().equals(s1) == (p.data()[34] == 8) ? Direction.INBOUND
                    : Direction.OUTBOUND, p.direction(), "echo requests enter on " + s1);
            assertTrue(Math.abs(p.epochNanos() / 1_000_000 - System.currentTimeMillis()) < 60_000,
                    "a CLOCK_REALTIME timestamp: " + p.epochNanos());
        }
        LatencySummary latency = sw.latency().summary(p1);
        assertTrue(latency.count() >= 3, "latency of the requests into " + s1 + ": " + latency);
        assertTrue(latency.p50() > 0 && latency.max() < 100_000_000, "time in switch: " + latency);
    }

    @Test
    void aCaptureStreamsIntoTsharkReadingItsStandardInputLive() throws Exception {
        Process tshark = new ProcessBuilder("tshark", "-l", "-r", "-", "-T", "fields", "-E", "separator=,", "-e",
                "frame.interface_name", "-e", "frame.packet_flags_direction", "-e", "ip.src", "-e", "ip.dst", "-e",
                "icmp.type").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(tshark.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(normalise(line));
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "tshark-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Background bg;
            try (PcapngWriter out = new PcapngWriter(new FlushingChannel(tshark.getOutputStream()))) {
                bg = write(Captures.start(sw, List.of(lab.switchEnd(3)), CaptureSpec.MAX_SNAPLEN, "icmp"), out, 0);
                assertTrue(lab.ping(lab.hostNs(1), lab.ip(3), 2));
                await(() -> lines.size() >= 4, 10_000, "tshark to print 4 frames while the capture still runs");
                assertTrue(!bg.result().isDone(), "the capture was still running");
                assertEquals(4, bg.finish().written());
            }
            assertTrue(tshark.waitFor(10, TimeUnit.SECONDS), "tshark ends at the end of the stream");
            reader.join(5_000);
        } finally {
            tshark.destroyForcibly();
        }
        String s3 = lab.switchEnd(3);
        assertEquals(Map.of(s3 + ",out," + lab.ip(1) + "," + lab.ip(3) + ",8", 2,
                s3 + ",in," + lab.ip(3) + "," + lab.ip(1) + ",0", 2), histogram(lines));
    }

    @Test
    void twoCapturesAtOnceEachKeepExactlyTheFramesOfTheirFilter() throws Exception {
        Path to2 = dir.resolve("to2.pcapng");
        Path to3 = dir.resolve("to3.pcapng");
        try (PcapngWriter out2 = PcapngWriter.create(to2); PcapngWriter out3 = PcapngWriter.create(to3)) {
            Background bg2 = write(Captures.start(sw, List.of(), CaptureSpec.MAX_SNAPLEN,
                    "icmp and host " + lab.ip(2)), out2, 0);
            Background bg3 = write(Captures.start(sw, List.of(), CaptureSpec.MAX_SNAPLEN,
                    "icmp and host " + lab.ip(3)), out3, 0);
            Cmd.Running ping3 = lab.start(lab.hostNs(1), "ping", "-q", "-c", "2", "-i", "0.2", lab.ip(3));
            assertTrue(lab.ping(lab.hostNs(1), lab.ip(2), 3));
            assertTrue(ping3.await(10).ok());
            await(() -> bg2.writer().written() >= 12 && bg3.writer().written() >= 8, 3_000, "both captures");
            assertEquals(12, bg2.finish().written());
            assertEquals(8, bg3.finish().written());
        }
        List<String> two = tshark(to2);
        List<String> three = tshark(to3);
        assertEquals(12, two.size());
        assertEquals(8, three.size());
        assertTrue(two.stream().allMatch(l -> l.contains("," + lab.ip(2) + ",")), String.join("\n", two));
        assertTrue(three.stream().allMatch(l -> l.contains("," + lab.ip(3) + ",")), String.join("\n", three));
    }

    @Test
    void aCaptureThatFallsBehindCountsItsDropsAndForwardingDoesNotNotice() throws Exception {
        String flood = "ping -f -q -c 3000 -s 1000 " + lab.ip(2);
        long start = System.nanoTime();
        Cmd.Result alone = lab.exec(60, lab.hostNs(1), "sh", "-c", flood);
        long aloneNanos = System.nanoTime() - start;
        assertTrue(alone.out().contains(" 0% packet loss"), alone.out());
        CaptureSession s = sw.taps().startCapture(CaptureSpec.of(TapSelection.ALL, BpfMatcher.compile(""))
                .withRing(1 << 16, 256));
        CaptureResult result;
        Cmd.Result captured;
        long capturedNanos;
        try (PcapngWriter out = new PcapngWriter(new SlowChannel(), 4096)) {
            Background bg = write(s, out, 0);
            start = System.nanoTime();
            captured = lab.exec(60, lab.hostNs(1), "sh", "-c", flood);
            capturedNanos = System.nanoTime() - start;
            result = bg.finish();
        }
        System.out.println("flood ping alone " + aloneNanos / 1_000_000 + " ms, with a falling-behind capture "
                + capturedNanos / 1_000_000 + " ms: " + result.summary());
        assertTrue(captured.out().contains(" 0% packet loss"), captured.out());
        assertTrue(result.dropped() > 0 && result.written() > 0, "the slow writer kept some and lost some: "
                + result.summary());
        assertTrue(capturedNanos < 3 * aloneNanos + 2_000_000_000L, "12000 frames took "
                + capturedNanos / 1_000_000 + " ms with the capture, " + aloneNanos / 1_000_000 + " ms without");
    }

    @Test
    void aLiveTraceShowsAPingsStepsAndItsTimeInTheSwitch() throws Exception {
        LiveTrace trace = LiveTracer.start(sw, List.of(), "icmp and src host " + lab.ip(1));
        LiveTracer tracer = new LiveTracer(sw, trace, 1);
        List<TraceReport> reports = new ArrayList<>();
        Thread t = new Thread(() -> tracer.run(reports::add), "live-tracer");
        t.start();
        assertTrue(lab.ping(lab.hostNs(1), lab.ip(2), 1));
        t.join(5_000);
        assertEquals(1, reports.size());
        TraceReport r = reports.get(0);
        String text = TraceText.render(r);
        String h1 = MacAddress.toString(lab.mac(1));
        String h2 = MacAddress.toString(lab.mac(2));
        assertTrue(text.contains("decode: " + h1 + " > " + h2 + ", untagged, ethertype 0x0800 (IPv4): " + lab.ip(1)
                + " > " + lab.ip(2) + ", ICMP echo request\n"), text);
        assertTrue(text.contains("learn:  " + h1 + " in vlan 0 on " + lab.switchEnd(1) + ": "), text);
        assertTrue(text.contains("lookup: " + h2 + " in vlan 0: hit on " + lab.switchEnd(2) + " (dynamic"), text);
        assertTrue(text.contains("action: output to " + lab.switchEnd(2) + "\n"), text);
        assertTrue(text.matches("(?s).*\ntime:   \\d+\\.\\d us in the switch\n"), text);
        assertTrue(r.nanosInSwitch() > 0 && r.nanosInSwitch() < 100_000_000L, "time in switch " + r.nanosInSwitch());
        assertTrue(trace.stopped());
    }

    /** A process's standard input, which Java buffers, as a channel that hands every write on at once. */
    private static final class FlushingChannel implements WritableByteChannel {
        private final OutputStream out;
        private final WritableByteChannel channel;

        FlushingChannel(OutputStream out) {
            this.out = out;
            this.channel = Channels.newChannel(out);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = channel.write(src);
            out.flush();
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A reader that takes 20 ms per write: a terminal, a slow disk, a pipe to a busy tshark. */
    private static final class SlowChannel implements WritableByteChannel {
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
