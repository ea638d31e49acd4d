package dev.lanyard.tools.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.SwitchConfig;
import dev.lanyard.dataplane.forward.PortSettings;
import dev.lanyard.dataplane.frame.FrameBuilder;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.MemoryPort;
import dev.lanyard.dataplane.tap.CaptureSession;
import dev.lanyard.dataplane.tap.CaptureSpec;
import dev.lanyard.dataplane.tap.TapSelection;
import dev.lanyard.dataplane.worker.Pipeline;
import dev.lanyard.tools.filter.FilterException;
import dev.lanyard.tools.pcapng.PcapngPacket;
import dev.lanyard.tools.pcapng.PcapngReader;
import dev.lanyard.tools.pcapng.PcapngWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture writer: rings of two workers into one pcapng file, read back. */
class CaptureWriterTest {
    private static final long H0 = MacAddress.parse("02:00:00:00:00:10");
    private static final long H1 = MacAddress.parse("02:00:00:00:00:11");
    private static final int IP0 = FrameBuilder.ipv4("10.0.0.1");
    private static final int IP1 = FrameBuilder.ipv4("10.0.0.2");

    @TempDir
    Path dir;

    private final Switch sw = new Switch(SwitchConfig.defaults("t").withWorkers(2).withFdbCapacity(64));
    private final Pipeline worker0 = new Pipeline(sw, 0);
    private final Pipeline worker1 = new Pipeline(sw, 1);

    CaptureWriterTest() {
        for (String name : List.of("sw-h1", "sw-h2", "sw-h3")) {
            sw.addPort(new MemoryPort(name, 2, false, Integer.MAX_VALUE, 1522), PortSettings.DEFAULT);
        }
    }

    private static void run(Pipeline pipeline, int port, long time, byte[]... frames) {
        FrameBatch batch = new FrameBatch();
        for (byte[] f : frames) {
            batch.add(ByteBuffer.wrap(f), 0, f.length, time);
        }
        pipeline.process(port, batch);
    }

    private static byte[] udp(long src, long dst, int length) {
        return new FrameBuilder().src(src).dst(dst).udp4(IP0, IP1, 1000, 2000, length).build();
    }

    private static byte[] icmp(long src, long dst) {
        return new FrameBuilder().src(src).dst(dst).icmp4Echo(IP0, IP1, true, 1, 1, 56).build();
    }

    private List<PcapngPacket> read(Path file) throws Exception {
        List<PcapngPacket> out = new ArrayList<>();
        try (PcapngReader r = PcapngReader.open(file)) {
            r.forEach(out::add);
        }
        return out;
    }

    private static String describe(PcapngPacket p) {
        return p.interfaceName() + " " + p.direction() + " " + p.originalLength();
    }

    @Test
    void writesBothWorkersFramesMergedByTimeWithPortNamesAndDirections() throws Exception {
        CaptureSession s = Captures.start(sw, List.of(), CaptureSpec.MAX_SNAPLEN, null);
        run(worker0, 1, 2_000, udp(H1, MacAddress.BROADCAST, 100));
        run(worker1, 0, 1_000, udp(H0, H1, 50));
        Path file = dir.resolve("two.pcapng");
        CaptureResult result;
        try (PcapngWriter out = PcapngWriter.create(file)) {
            CaptureWriter w = new CaptureWriter(s, out, Captures.portNames(sw), 0);
            assertEquals(5, w.drainOnce());
            w.stop();
            result = w.run();
        }
        assertEquals(new CaptureResult(5, 0, false), result);
        assertEquals("5 frames captured, 0 dropped", result.summary());
        List<PcapngPacket> got = read(file);
        // Received frames carry their (made-up, early) receive times, sent copies the real time of their kick;
        // worker 0 kicked before worker 1, so its copies come first.
        assertEquals(List.of("sw-h1 INBOUND 92", "sw-h2 INBOUND 142", "sw-h1 OUTBOUND 142", "sw-h3 OUTBOUND 142",
                "sw-h2 OUTBOUND 92"), got.stream().map(CaptureWriterTest::describe).toList());
        assertEquals(1_000, got.get(0).epochNanos());
        assertEquals(2_000, got.get(1).epochNanos());
        assertTrue(got.get(2).epochNanos() <= got.get(4).epochNanos());
        assertArrayEquals(udp(H0, H1, 50), got.get(0).data());
        assertTrue(s.stopped(), "the writer stopped the capture");
    }

    @Test
    void keepsExactlyTheFramesTheFilterMatchesCutAtTheSnaplen() throws Exception {
        CaptureSession s = Captures.start(sw, List.of("sw-h1"), 64, "icmp and host 10.0.0.2");
        run(worker0, 0, 1, udp(H0, MacAddress.BROADCAST, 10), icmp(H0, MacAddress.BROADCAST),
                udp(H0, MacAddress.BROADCAST, 10));
        run(worker0, 1, 2, icmp(H1, H0));
        Path file = dir.resolve("icmp.pcapng");
        try (PcapngWriter out = PcapngWriter.create(file)) {
            CaptureWriter w = new CaptureWriter(s, out, Captures.portNames(sw), 0);
            w.stop();
            assertEquals(2, w.run().written());
        }
        List<PcapngPacket> got = read(file);
        assertEquals(List.of("sw-h1 INBOUND 98", "sw-h1 OUTBOUND 98"),
                got.stream().map(CaptureWriterTest::describe).toList());
        assertEquals(64, got.get(0).capturedLength());
    }

    @Test
    void stopsAfterTheCountAndTheCaptureWithIt() throws Exception {
        CaptureSession s = Captures.start(sw, List.of("sw-h1"), 100, "");
        for (int k = 0; k < 5; k++) {
            run(worker0, 0, k, udp(H0, MacAddress.BROADCAST, 10));
        }
        Path file = dir.resolve("three.pcapng");
        CaptureResult result;
        try (PcapngWriter out = PcapngWriter.create(file)) {
            result = new CaptureWriter(s, out, Captures.portNames(sw), 3).run();
        }
        assertEquals(new CaptureResult(3, 0, true), result);
        assertEquals(3, read(file).size());
        assertTrue(s.stopped());
        assertEquals(List.of(), sw.taps().captures());
    }

    @Test
    void reportsFramesLostToAFullRing() throws Exception {
        CaptureSession s = sw.taps().startCapture(CaptureSpec.of(TapSelection.ports(0), BpfMatcher.compile(""))
                .withRing(4096, 4));
        for (int k = 0; k < 10; k++) {
            run(worker0, 0, k, udp(H0, MacAddress.BROADCAST, 10));
        }
        try (PcapngWriter out = PcapngWriter.create(dir.resolve("lossy.pcapng"))) {
            CaptureWriter w = new CaptureWriter(s, out, Captures.portNames(sw), 0);
            w.stop();
            assertEquals("4 frames captured, 6 dropped", w.run().summary());
        }
    }

    @Test
    void refusesUnknownPortsAndBadFiltersBeforeStarting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Captures.start(sw, List.of("sw-h9"), 100, ""));
        assertEquals("no port named \"sw-h9\" (ports: sw-h1, sw-h2, sw-h3)", e.getMessage());
        FilterException f = assertThrows(FilterException.class, () -> Captures.start(sw, List.of(), 100, "tcp prot 1"));
        assertTrue(f.getMessage().startsWith("bad filter \"tcp prot 1\""), f.getMessage());
        assertEquals(List.of(), sw.taps().captures());
    }
}
