package dev.lanyard.dataplane.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.dataplane.linux.VirtioNet;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second opinion from Wireshark's dissectors: segments written to a classic pcap file and checked by tshark. */
class TsharkChecksumTest {
    @TempDir
    Path dir;

    private static boolean tsharkInstalled() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    /** Classic libpcap: 24-byte global header, then a 16-byte record header before each frame. */
    private static byte[] pcap(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
                .putInt(1);
        out.writeBytes(header.array());
        int i = 0;
        for (byte[] f : frames) {
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(1_700_000_000).putInt(i++).putInt(f.length).putInt(f.length);
            out.writeBytes(record.array());
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static void collect(TestFrame f, int type, int gsoSize, List<byte[]> into) {
        byte[] frame = f.build();
        BufferArraySink sink = BufferArraySink.allocate(64, 2048);
        int n = new GsoSegmenter().segment(ByteBuffer.wrap(frame), 0, frame.length, type, gsoSize, f.csumStart(),
                f.csumOffset(), sink);
        assertTrue(n > 0, "segmenting: " + n);
        for (int i = 0; i < n; i++) {
            into.add(SegmentAssertions.bytes(sink, i));
        }
    }

    @Test
    void tsharkFindsEverySegmentsChecksumsGood() throws IOException, InterruptedException {
        Assumptions.assumeTrue(tsharkInstalled(), "tshark is not installed");
        List<byte[]> frames = new ArrayList<>();
        collect(new TestFrame().payload(60000, 1), VirtioNet.GSO_TCPV4, 1448, frames);
        collect(new TestFrame().ipv6().tag(0x8100).extension(0, 0, 0).payload(20000, 2), VirtioNet.GSO_TCPV6, 1428,
                frames);
        collect(new TestFrame().udp().tag(0x88A8).tag(0x8100).payload(9000, 3), VirtioNet.GSO_UDP_L4, 1200, frames);
        collect(new TestFrame().udp().ipv6().payload(5000, 4), VirtioNet.GSO_UDP_L4, 1200, frames);
        int beforeUfo = frames.size();
        collect(new TestFrame().udp().payload(9000, 5), VirtioNet.GSO_UDP, 1480, frames);
        int fragments = frames.size() - beforeUfo;
        byte[] broken = frames.get(3).clone();
        broken[broken.length - 1] ^= 0x40;
        frames.add(broken);
        Path file = dir.resolve("segments.pcap");
        Files.write(file, pcap(frames));

        Process p = new ProcessBuilder("tshark", "-n", "-o", "tcp.check_checksum:TRUE", "-o",
                "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-r", file.toString(), "-T", "fields",
                "-E", "separator=,", "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e",
                "udp.checksum.status")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        String[] lines = output.strip().split("\n");
        assertEquals(frames.size(), lines.length, output);
        int transportGood = 0;
        for (int i = 0; i < lines.length; i++) {
            String[] status = lines[i].split(",", -1);
            boolean broke = i == lines.length - 1;
            for (int column = 0; column < status.length; column++) {
                // The frame broken on purpose is a TCP segment: its TCP checksum, and only that, must be bad.
                assertEquals(broke && column == 1, isBad(status[column]), "frame " + (i + 1) + ": " + lines[i]);
            }
            assertTrue(broke || isGood(status[0]) || isGood(status[1]) || isGood(status[2]), lines[i]);
            transportGood += isGood(status[1]) || isGood(status[2]) ? 1 : 0;
        }
        // Every segment's TCP or UDP checksum, and the UFO datagram's once, on its reassembled last fragment.
        assertEquals(frames.size() - 1 - fragments + 1, transportGood, output);
    }

    // tshark 4.0 prints the enum's number (1 good, 0 bad) where later versions print its name.
    private static boolean isGood(String status) {
        return status.equals("Good") || status.equals("1");
    }

    private static boolean isBad(String status) {
        return status.equals("Bad") || status.equals("0");
    }
}
