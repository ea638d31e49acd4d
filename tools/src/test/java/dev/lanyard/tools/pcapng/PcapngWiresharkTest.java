package dev.lanyard.tools.pcapng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.dataplane.lab.OwnThread;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What we write, as tshark and tcpdump read it: interface names, directions, lengths, times, and streaming. */
class PcapngWiresharkTest {
    private static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;

    /** Writes six frames over three ports, alternating directions, with the last frames cut short. */
    private Path writeCapture() throws IOException {
        Path file = dir.resolve("ports.pcapng");
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface("sw-h1", 0);
            writer.addInterface("sw-h2", 0);
            writer.addInterface("sw-uplink0", 0);
            for (int i = 0; i < 6; i++) {
                byte[] frame = frame(60 + i);
                writer.writePacket(i % 3, T0 + i, ByteBuffer.wrap(frame), 0, i < 4 ? frame.length : 40, frame.length,
                        i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND);
            }
        }
        return file;
    }

    /** A broadcast frame of a local experimental ethertype, so the dissectors have nothing to say about it. */
    private static byte[] frame(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) 0xFF;
        }
        b[6] = 2;
        b[11] = 1;
        b[12] = (byte) 0x88;
        b[13] = (byte) 0xB5;
        return b;
    }

    @Test
    void tsharkSeesInterfaceNamesDirectionsLengthsAndNanosecondTimes() throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed");
        Path file = writeCapture();
        List<String> lines = run("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.interface_name",
                "-e", "frame.packet_flags_direction", "-e", "frame.len", "-e", "frame.cap_len", "-e",
                "frame.time_epoch", "-E", "separator=,");
        String[] names = {"sw-h1", "sw-h2", "sw-uplink0"};
        assertEquals(6, lines.size(), String.join("\n", lines));
        for (int i = 0; i < 6; i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(names[i % 3], f[0]);
            assertEquals(i % 2 == 0 ? 1 : 2, Integer.decode(f[1]), "packet_flags_direction of " + lines.get(i));
            assertEquals(60 + i, Integer.parseInt(f[2]));
            assertEquals(i < 4 ? 60 + i : 40, Integer.parseInt(f[3]));
            long t = T0 + i;
            assertEquals(String.format("%d.%09d", t / 1_000_000_000L, t % 1_000_000_000L), f[4]);
        }
    }

    @Test
    void tcpdumpReadsTheFileAndFromAPipe() throws Exception {
        assumeTrue(onPath("tcpdump"), "tcpdump is not installed");
        Path file = writeCapture();
        assertEquals(6, packetLines(run("tcpdump", "-r", file.toString(), "-nn")));
        assertEquals(6, packetLines(run("sh", "-c", "cat '" + file + "' | tcpdump -r - -nn")));
    }

    @Test
    void tsharkReadsAPipedFile() throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed");
        Path file = writeCapture();
        assertEquals(List.of("1", "2", "3", "4", "5", "6"),
                run("sh", "-c", "cat '" + file + "' | tshark -r - -T fields -e frame.number"));
    }

    @Test
    void tsharkOnAPipeSeesEachPacketAsSoonAsItIsFlushed() throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed");
        Process tshark = new ProcessBuilder("tshark", "-l", "-r", "-", "-T", "fields", "-e", "frame.interface_name",
                "-e", "frame.len").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(tshark.getInputStream(),
                StandardCharsets.UTF_8))) {
            PcapngWriter writer = new PcapngWriter(Channels.newChannel(tshark.getOutputStream()));
            int port = writer.addInterface("sw-live", 0);
            for (int i = 0; i < 3; i++) {
                byte[] frame = frame(70 + i);
                writer.writePacket(port, T0, ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                        Direction.INBOUND);
                writer.flush();
                tshark.getOutputStream().flush();
                CompletableFuture<String> line = OwnThread.supply("test-tshark-reader", () -> readLine(out));
                assertEquals("sw-live\t" + (70 + i), line.get(20, TimeUnit.SECONDS),
                        "packet " + i + " reached tshark while the stream stays open");
            }
            writer.close();
            assertNull(out.readLine(), "tshark ends with the stream");
            assertTrue(tshark.waitFor(20, TimeUnit.SECONDS));
        } finally {
            tshark.destroyForcibly();
        }
    }

    /** tcpdump's lines for packets; the hex dump of an unknown ethertype follows on indented lines. */
    private static long packetLines(List<String> lines) {
        return lines.stream().filter(l -> !Character.isWhitespace(l.charAt(0))).count();
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> run(String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "timed out: " + List.of(command));
        assertEquals(0, process.exitValue(), Files.readString(err));
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }
}
