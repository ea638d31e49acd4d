package dev.lanyard.tools.pcapng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PcapngReaderTest {
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final byte[] DATA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void readsBigEndianSectionsAndEveryTimestampResolution() throws IOException {
        Blocks b = new Blocks(BE);
        b.shb(BE, 1)
                .idb(0, b.name("eth0"), b.end())
                .idb(0, b.name("eth1"), b.tsresol(0x80 | 10), b.tsoffset(100), b.end())
                .idb(64, b.tsresol(3))
                .block(0x00000BAD, new byte[] {1, 2, 3})
                .block(0x40000BAD, new byte[8])
                .epb(0, 1_700_000_000_123_456L, DATA, 60, b.flags(1), b.end())
                .epb(1, (5L << 10) + 512, DATA, 17, b.flags(2))
                .epb(2, 1234, DATA, 17)
                .opb(1, 1024, DATA, 17, b.flags(2), b.end())
                .spb(100, Arrays.copyOf(DATA, 60));
        try (PcapngReader reader = PcapngBytes.reader(b.bytes())) {
            PcapngPacket p = reader.read();
            assertEquals("eth0", p.interfaceName());
            assertEquals(1_700_000_000_123_456_000L, p.epochNanos(), "microseconds when if_tsresol is absent");
            assertEquals(Direction.INBOUND, p.direction());
            assertEquals(60, p.originalLength());
            assertArrayEquals(DATA, p.data());
            p = reader.read();
            assertEquals(1, p.interfaceId());
            assertEquals(105_500_000_000L, p.epochNanos(), "5.5 s in 2^-10 s ticks, plus if_tsoffset of 100 s");
            assertEquals(Direction.OUTBOUND, p.direction());
            p = reader.read();
            assertEquals("", p.interfaceName());
            assertEquals(1_234_000_000L, p.epochNanos(), "milliseconds");
            assertEquals(Direction.UNKNOWN, p.direction());
            p = reader.read();
            assertEquals(1, p.interfaceId(), "obsolete packet block");
            assertEquals(101_000_000_000L, p.epochNanos());
            assertEquals(Direction.OUTBOUND, p.direction());
            p = reader.read();
            assertEquals(0, p.interfaceId(), "simple packet block");
            assertEquals(100, p.originalLength());
            assertEquals(60, p.capturedLength(), "what the block holds, below the original length");
            assertNull(reader.read());
            assertEquals(List.of(new PcapngInterface(0, "eth0", 1, 0, 1_000_000L, 0),
                    new PcapngInterface(1, "eth1", 1, 0, 1024, 100),
                    new PcapngInterface(2, "", 1, 64, 1000, 0)), reader.interfaces());
        }
    }

    @Test
    void simplePacketIsCutToTheFirstInterfacesSnaplen() throws IOException {
        Blocks b = new Blocks(LE);
        b.shb(LE, 1).idb(8).spb(17, DATA);
        try (PcapngReader reader = PcapngBytes.reader(b.bytes())) {
            assertEquals(8, reader.read().capturedLength());
        }
    }

    @Test
    void aNewSectionStartsWithNoInterfacesAndItsOwnByteOrder() throws IOException {
        Blocks b = new Blocks(LE);
        b.shb(LE, 1).idb(0, b.name("a0")).idb(0, b.name("a1")).epb(1, 0, DATA, 17);
        b.shb(BE, 1).idb(0, b.name("b0")).epb(0, 0, DATA, 17).epb(1, 0, DATA, 17);
        try (PcapngReader reader = PcapngBytes.reader(b.bytes())) {
            assertEquals("a1", reader.read().interfaceName());
            assertEquals("b0", reader.read().interfaceName());
            PcapngFormatException e = assertThrows(PcapngFormatException.class, reader::read);
            assertTrue(e.getMessage().contains("refers to interface 1 but the section describes 1"), e.getMessage());
        }
    }

    @Test
    void iteratesAsAnIterable() throws IOException {
        Blocks b = new Blocks(LE);
        b.shb(LE, 1).idb(0).epb(0, 1, DATA, 17).epb(0, 2, DATA, 17).epb(0, 3, DATA, 17);
        List<Long> times = new ArrayList<>();
        try (PcapngReader reader = PcapngBytes.reader(b.bytes())) {
            for (PcapngPacket p : reader) {
                times.add(p.epochNanos());
            }
        }
        assertEquals(List.of(1000L, 2000L, 3000L), times);
    }

    @Test
    void emptyInputHasNoPackets() throws IOException {
        assertNull(PcapngBytes.reader(new byte[0]).read());
    }

    @Test
    void corruptInputGetsAnErrorSayingWhatAndWhere() {
        Blocks ok = new Blocks(LE);
        ok.shb(LE, 1).idb(0);
        byte[] good = ok.bytes(); // SHB of 28 bytes, then IDB of 20
        assertError("(a classic pcap file)", new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0,
            4, 0, 0, 0, 0, 0});
        assertError("not a pcapng stream: it starts with bytes 06 00 00 00",
                new Blocks(LE).epb(0, 0, DATA, 17).bytes());
        assertError("bad byte-order magic 0x12345678", patch(good, 8, BE, 0x12345678));
        assertError("pcapng version 2.0 is not supported", new Blocks(LE).shb(LE, 2).bytes());
        assertError("total length 30 (must be a multiple of 4", patch(good, 4, LE, 30));
        assertError("total length 8 (must be", patch(good, 32, LE, 8));
        assertError("total length 2147483644", patch(good, 32, LE, 0x7FFFFFFC));
        assertError("total length 28 at the start but 99 at the end", patch(good, 28 - 4, LE, 99));
        assertError("block at byte 28: block type 0x00000001 of 20 bytes is truncated: the stream ends after 19",
                Arrays.copyOf(good, good.length - 1));
        assertError("inside a block header (5 of 8 bytes)", Blocks.concat(good, new byte[5]));
        Blocks b = new Blocks(LE);
        b.shb(LE, 1).idb(0).block(Pcapng.EPB, b.buffer(20).putInt(0).putLong(0).putInt(4).putInt(4).array());
        assertError("captured length 4 runs past the end of the block (0 bytes of data)", b.bytes());
        b = new Blocks(LE);
        b.shb(LE, 1).idb(0).epb(3, 0, DATA, 17);
        assertError("packet refers to interface 3 but the section describes 1 interface(s)", b.bytes());
        b = new Blocks(LE);
        b.shb(LE, 1).block(Pcapng.IDB, Blocks.concat(b.buffer(8).putInt(1).putInt(0).array(),
                b.buffer(4).putShort((short) 2).putShort((short) 9).array()));
        assertError("option 2 of 9 bytes runs past the end of the block", b.bytes());
        b = new Blocks(LE);
        b.shb(LE, 1).idb(0, b.tsresol(19));
        assertError("if_tsresol 10^-19 is finer than this reader supports", b.bytes());
        b = new Blocks(LE);
        b.shb(LE, 1).idb(0, b.option(Pcapng.IF_TSOFFSET, new byte[4]));
        assertError("if_tsoffset option is 4 bytes, below 8", b.bytes());
        b = new Blocks(LE);
        b.shb(LE, 1).idb(0, b.tsresol(0)).epb(0, -1L, DATA, 17);
        assertError("timestamp 18446744073709551615 does not fit", b.bytes());
    }

    private static byte[] patch(byte[] bytes, int at, ByteOrder order, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(order).putInt(at, value);
        return copy;
    }

    private static void assertError(String expected, byte[] stream) {
        PcapngFormatException e = assertThrows(PcapngFormatException.class, () -> {
            try (PcapngReader reader = PcapngBytes.reader(stream)) {
                while (reader.read() != null) {
                    continue;
                }
            }
        });
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void everyTruncationEndsCleanlyAtABlockBoundaryOrWithAFormatError() throws IOException {
        byte[] stream = validStream();
        List<Integer> boundaries = PcapngBytes.blockBoundaries(stream);
        for (int cut = 0; cut <= stream.length; cut++) {
            byte[] prefix = Arrays.copyOf(stream, cut);
            if (boundaries.contains(cut)) {
                int packets = PcapngBytes.count(prefix);
                assertTrue(packets >= 0);
            } else {
                assertThrows(PcapngFormatException.class, () -> PcapngBytes.count(prefix), "cut at " + cut);
            }
        }
    }

    @Test
    void randomCorruptionEndsInPacketsOrAFormatErrorNeverAHangOrAnotherException() throws IOException {
        byte[] stream = validStream();
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 3000; round++) {
                byte[] mutated = stream.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                try {
                    PcapngBytes.count(mutated);
                } catch (PcapngFormatException expected) {
                    continue;
                }
            }
        });
    }

    /** A stream from PcapngWriter with two interfaces and a few packets. */
    private static byte[] validStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(Channels.newChannel(out))) {
            int a = writer.addInterface("sw-h1", 0);
            int c = writer.addInterface("sw-h2", 128);
            for (int i = 0; i < 4; i++) {
                writer.writePacket(i % 2 == 0 ? a : c, 1_700_000_000_000_000_000L + i, ByteBuffer.wrap(DATA), 0,
                        DATA.length - i, DATA.length, Direction.values()[i % 3]);
            }
        }
        return out.toByteArray();
    }
}
