package dev.lanyard.dataplane.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private final Random random = new Random(42);

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static ByteBuffer[] views(byte[] data) {
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
        direct.put(0, data);
        ByteBuffer directLe = ByteBuffer.allocateDirect(data.length).order(ByteOrder.LITTLE_ENDIAN);
        directLe.put(0, data);
        return new ByteBuffer[] {ByteBuffer.wrap(data), ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), direct,
            directLe};
    }

    @Test
    void sumMatchesTheReferenceForEveryLengthOffsetAndByteOrder() {
        byte[] data = new byte[70000];
        random.nextBytes(data);
        ByteBuffer[] buffers = views(data);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length < 80; length++) {
                int expected = RefChecksum.fold(RefChecksum.words(data, offset, length));
                for (ByteBuffer b : buffers) {
                    assertEquals(expected, Checksums.sum(b, offset, length), b + " at " + offset + " len " + length);
                }
            }
        }
        for (int i = 0; i < 50; i++) {
            int offset = random.nextInt(100);
            int length = random.nextInt(data.length - offset);
            int expected = RefChecksum.fold(RefChecksum.words(data, offset, length));
            for (ByteBuffer b : buffers) {
                assertEquals(expected, Checksums.sum(b, offset, length));
            }
        }
    }

    @Test
    void sumOfAllOnesFoldsWithoutLosingCarries() {
        byte[] ones = new byte[65536 + 6];
        Arrays.fill(ones, (byte) 0xFF);
        for (ByteBuffer b : views(ones)) {
            assertEquals(0xFFFF, Checksums.sum(b, 0, ones.length));
        }
        assertEquals(0xFFFF, Checksums.fold(0xFFFF_FFFF_FFFF_FFFFL));
        assertEquals(1, Checksums.fold(0x1_0000L));
        assertEquals(0, Checksums.fold(0));
    }

    @Test
    void ipv4HeaderChecksumMatchesAKnownHeader() {
        byte[] header = HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7");
        assertEquals(0xB861, Checksums.ipv4HeaderChecksum(ByteBuffer.wrap(header), 0));
        header[10] = (byte) 0x12;
        assertEquals(0xB861, Checksums.ipv4HeaderChecksum(ByteBuffer.wrap(header), 0), "ignores the stored value");
    }

    @Test
    void pseudoHeaderSumsMatchTheReference() {
        TestFrame v4 = new TestFrame().payload(100, 1);
        byte[] f4 = v4.build();
        assertEquals(RefChecksum.fold(RefChecksum.pseudo(f4, v4.l3, 6, 1234)),
                Checksums.ipv4PseudoHeaderSum(ByteBuffer.wrap(f4), v4.l3, 6, 1234));
        TestFrame v6 = new TestFrame().ipv6().payload(100, 1);
        byte[] f6 = v6.build();
        assertEquals(RefChecksum.fold(RefChecksum.pseudo(f6, v6.l3, 17, 70000)),
                Checksums.ipv6PseudoHeaderSum(ByteBuffer.wrap(f6), v6.l3, 17, 70000));
    }

    @Test
    void completePartialMatchesAChecksumComputedFromScratch() {
        TestFrame[] frames = {new TestFrame().payload(1000, 2), new TestFrame().udp().payload(999, 3),
            new TestFrame().ipv6().tag(0x8100).payload(1401, 4), new TestFrame().ipv6().udp().payload(0, 5),
            new TestFrame().ipv6().udp().extension(0, 0, 0).payload(77, 6)};
        for (TestFrame f : frames) {
            byte[] partial = f.build();
            f.partial = false;
            byte[] scratch = f.build();
            int stored = Checksums.completePartial(ByteBuffer.wrap(partial), 0, partial.length, f.csumStart(),
                    f.csumOffset());
            assertEquals(u16(scratch, f.l4 + f.csumOffset()), stored);
            assertArrayEquals(scratch, partial);
            assertTrue(RefChecksum.transportVerifies(partial, f.l3, f.protocol, f.l4, partial.length - f.l4));
        }
    }

    @Test
    void completePartialWorksInsideALargerLittleEndianBuffer() {
        TestFrame f = new TestFrame().ipv6().payload(3001, 7);
        byte[] partial = f.build();
        ByteBuffer ring = ByteBuffer.allocateDirect(8192).order(ByteOrder.LITTLE_ENDIAN);
        ring.put(101, partial);
        Checksums.completePartial(ring, 101, partial.length, f.csumStart(), f.csumOffset());
        byte[] out = new byte[partial.length];
        ring.get(101, out);
        assertTrue(RefChecksum.transportVerifies(out, f.l3, f.protocol, f.l4, out.length - f.l4));
    }

    @Test
    void completePartialStoresAComputedZeroAsAllOnesForUdp() {
        TestFrame f = new TestFrame().udp().payload(64, 8);
        byte[] frame = f.build();
        // Choose the last payload word so that the datagram's checksum comes out as 0.
        int last = frame.length - 2;
        frame[last] = 0;
        frame[last + 1] = 0;
        long sum = RefChecksum.pseudo(frame, f.l3, TestFrame.UDP, frame.length - f.l4)
                + RefChecksum.words(frame, f.l4, frame.length - f.l4) - u16(frame, f.l4 + 6);
        int word = ~RefChecksum.fold(sum) & 0xFFFF;
        frame[last] = (byte) (word >>> 8);
        frame[last + 1] = (byte) word;
        assertEquals(0xFFFF, Checksums.completePartial(ByteBuffer.wrap(frame), 0, frame.length, f.csumStart(),
                f.csumOffset()));
        assertEquals(0xFFFF, u16(frame, f.l4 + 6));
        assertTrue(RefChecksum.transportVerifies(frame, f.l3, TestFrame.UDP, f.l4, frame.length - f.l4));
    }

    @Test
    void completePartialRefusesOffsetsOutsideTheFrameWithoutThrowing() {
        byte[] frame = new TestFrame().payload(10, 9).build();
        ByteBuffer b = ByteBuffer.wrap(frame);
        int n = frame.length;
        int oob = OffloadError.CSUM_OUT_OF_BOUNDS.code();
        assertEquals(oob, Checksums.completePartial(b, 0, n, n, 0));
        assertEquals(oob, Checksums.completePartial(b, 0, n, n - 1, 0));
        assertEquals(oob, Checksums.completePartial(b, 0, n, 34, n));
        assertEquals(oob, Checksums.completePartial(b, 0, n, -1, 16));
        assertEquals(oob, Checksums.completePartial(b, 0, n, 34, -16));
        assertEquals(oob, Checksums.completePartial(b, 0, n, Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(oob, Checksums.completePartial(b, 0, 1, 0, 0));
        assertEquals(OffloadError.BAD_BOUNDS.code(), Checksums.completePartial(b, 1, n, 34, 16));
        assertEquals(OffloadError.BAD_BOUNDS.code(), Checksums.completePartial(b, -1, 10, 0, 0));
        assertEquals(OffloadError.BAD_BOUNDS.code(), Checksums.completePartial(b, 0, -1, 0, 0));
        assertTrue(Checksums.completePartial(b, 0, n, n - 2, 0) >= 0, "the last two bytes are a legal field");
    }

    @Test
    void errorCodesRoundTripWithTheirLabels() {
        for (OffloadError e : OffloadError.values()) {
            assertTrue(e.code() < 0);
            assertEquals(e, OffloadError.of(e.code()));
            assertTrue(!e.key().isEmpty() && !e.label().isEmpty());
        }
    }
}
