package dev.lanyard.tools.pcapng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanyard.tools.AllocationMeter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PcapngRoundTripTest {
    private static final long T0 = 1_700_000_000_123_456_789L;

    /** What a test wrote, to compare with what the reader gives back. */
    private record Written(int interfaceId, long epochNanos, byte[] data, int originalLength, Direction direction) {
    }

    @Test
    void packetsComeBackWithInterfaceTimestampDirectionAndLengths() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Written> written = new ArrayList<>();
        Random random = new Random(7);
        // A small buffer so that blocks straddle drains and a 64 KiB frame makes the buffer grow.
        try (PcapngWriter writer = new PcapngWriter(Channels.newChannel(out), 1024)) {
            int h1 = writer.addInterface("sw-h1", 0);
            int h2 = writer.addInterface("sw-h2", 262144);
            int[] sizes = {14, 60, 64, 1514, 9000, 65535, 65536, 15, 1023, 1024};
            Direction[] directions = Direction.values();
            for (int i = 0; i < sizes.length; i++) {
                byte[] frame = new byte[sizes[i]];
                random.nextBytes(frame);
                int captured = i % 3 == 0 ? sizes[i] : Math.max(14, sizes[i] - 7);
                int port = i % 2 == 0 ? h1 : h2;
                Written w = new Written(port, T0 + i * 1_000_001L, Arrays.copyOf(frame, captured),
                        sizes[i], directions[i % 3]);
                ByteBuffer buffer = ByteBuffer.allocate(frame.length + 5);
                buffer.put(5, frame);
                writer.writePacket(port, w.epochNanos, buffer, 5, captured, sizes[i], w.direction);
                written.add(w);
            }
            int late = writer.addInterface("sw-late", 0);
            byte[] frame = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
            writer.writePacket(late, T0, ByteBuffer.wrap(frame), 0, 14, 14, Direction.OUTBOUND);
            written.add(new Written(late, T0, frame, 14, Direction.OUTBOUND));
            assertEquals(3, writer.interfaceCount());
            assertEquals(written.size(), writer.packetCount());
        }
        String[] names = {"sw-h1", "sw-h2", "sw-late"};
        try (PcapngReader reader = PcapngBytes.reader(out.toByteArray())) {
            for (Written w : written) {
                PcapngPacket p = reader.read();
                assertEquals(w.interfaceId, p.interfaceId());
                assertEquals(names[w.interfaceId], p.interfaceName());
                assertEquals(w.epochNanos, p.epochNanos());
                assertEquals(w.direction, p.direction());
                assertEquals(w.originalLength, p.originalLength());
                assertArrayEquals(w.data, p.data());
            }
            assertNull(reader.read());
            assertNull(reader.read(), "the end stays the end");
            List<PcapngInterface> interfaces = reader.interfaces();
            assertEquals(3, interfaces.size());
            assertEquals(new PcapngInterface(1, "sw-h2", 1, 262144, 1_000_000_000L, 0), interfaces.get(1));
        }
    }

    @Test
    void framesLongerThanTheSnaplenAreCutButKeepTheirOriginalLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(Channels.newChannel(out))) {
            int port = writer.addInterface("sw-h1", 100);
            writer.writePacket(port, T0, ByteBuffer.allocate(300), 0, 200, 300, Direction.INBOUND);
        }
        try (PcapngReader reader = PcapngBytes.reader(out.toByteArray())) {
            PcapngPacket p = reader.read();
            assertEquals(100, p.capturedLength());
            assertEquals(300, p.originalLength());
        }
    }

    @Test
    void sectionHeaderNamesLanyardAndTheFileIsWrittenLittleEndian() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapngWriter(Channels.newChannel(out)).close();
        byte[] b = out.toByteArray();
        assertEquals(44, b.length, "SHB: 24 fixed + shb_userappl (4 + 8) + opt_endofopt 4 + trailer 4");
        ByteBuffer shb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, shb.getInt(0));
        assertEquals(0x1A2B3C4D, shb.getInt(8));
        assertEquals(-1L, shb.getLong(16));
        assertEquals(4, shb.getShort(24));
        assertEquals("lanyard", new String(b, 28, 7, StandardCharsets.US_ASCII));
        assertEquals(0, shb.getInt(36), "opt_endofopt");
        assertEquals(44, shb.getInt(40));
    }

    @Test
    void writesAreBatchedUntilTheBufferFillsOrFlush() throws IOException {
        CountingChannel channel = new CountingChannel();
        PcapngWriter writer = new PcapngWriter(channel, 4096);
        int port = writer.addInterface("sw-h1", 0);
        ByteBuffer frame = ByteBuffer.allocate(60);
        // SHB 44 + IDB 44 bytes, then EPBs of 28 + 60 + 12 (epb_flags, opt_endofopt) + 4 = 104: 38 fit in 4096.
        for (int i = 0; i < 38; i++) {
            writer.writePacket(port, T0, frame, 0, 60, 60, Direction.INBOUND);
        }
        assertEquals(0, channel.writes, "38 blocks fit the buffer");
        writer.writePacket(port, T0, frame, 0, 60, 60, Direction.INBOUND);
        assertEquals(1, channel.writes, "the 39th block no longer fits: one write of what came before");
        writer.flush();
        assertEquals(2, channel.writes);
        assertEquals(44 + 44 + 39 * 104, channel.bytes);
        writer.flush();
        assertEquals(2, channel.writes, "nothing new, nothing written");
        writer.close();
        assertThrows(IOException.class, () -> writer.writePacket(port, T0, frame, 0, 60, 60, Direction.INBOUND));
    }

    @Test
    void writingPacketsAllocatesNothing() throws IOException {
        PcapngWriter writer = new PcapngWriter(new CountingChannel(), 64 * 1024);
        int port = writer.addInterface("sw-h1", 0);
        ByteBuffer small = ByteBuffer.allocateDirect(64);
        ByteBuffer large = ByteBuffer.allocate(9000);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            try {
                for (int i = 0; i < 50_000; i++) {
                    writer.writePacket(port, T0 + i, small, 0, 64, 64, Direction.INBOUND);
                    writer.writePacket(port, T0 + i, large, 0, 9000, 9000, Direction.OUTBOUND);
                }
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(0, allocated, "bytes allocated by 100,000 packets and their drains");
    }

    @Test
    void writerRefusesImpossiblePackets() throws IOException {
        try (PcapngWriter writer = new PcapngWriter(new CountingChannel())) {
            ByteBuffer frame = ByteBuffer.allocate(60);
            assertThrows(IllegalArgumentException.class,
                    () -> writer.writePacket(0, T0, frame, 0, 60, 60, Direction.INBOUND), "no interface yet");
            int port = writer.addInterface("sw-h1", 0);
            assertThrows(IllegalArgumentException.class,
                    () -> writer.writePacket(port, T0, frame, 0, 60, 59, Direction.INBOUND), "captured > original");
            assertThrows(IllegalArgumentException.class, () -> writer.addInterface("sw-h2", -1));
        }
    }

    /** A sink that counts write calls and bytes. */
    static final class CountingChannel implements WritableByteChannel {
        int writes;
        long bytes;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            writes++;
            bytes += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
