package dev.lanyard.dataplane.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Checks segments against the frame they came from, reading fields by the builder's known layout. */
final class SegmentAssertions {
    private SegmentAssertions() {
    }

    static byte[] bytes(BufferArraySink sink, int i) {
        byte[] out = new byte[sink.length(i)];
        ByteBuffer b = sink.buffer(i);
        b.get(0, out);
        return out;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    static int expectedCount(int payload, int gsoSize) {
        return payload == 0 ? 1 : (payload + gsoSize - 1) / gsoSize;
    }

    /** TCP segmentation or USO: every segment a complete, checksummed packet carrying its share of the payload. */
    static void assertSegments(TestFrame f, byte[] original, BufferArraySink sink, int gsoSize) {
        int count = expectedCount(f.payload.length, gsoSize);
        assertEquals(count, sink.count(), "segment count");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] s = bytes(sink, i);
            String where = "segment " + i + " of " + count;
            int chunk = Math.min(gsoSize, f.payload.length - i * gsoSize);
            assertEquals(f.headerLength + chunk, s.length, where + " length");
            assertArrayEquals(Arrays.copyOf(original, f.l3), Arrays.copyOf(s, f.l3), where + " L2 header");
            assertIpHeader(f, original, s, where, f.ipId + i, f.dontFragment ? 0x4000 : 0);
            int l4Length = s.length - f.l4;
            assertTrue(RefChecksum.transportVerifies(s, f.l3, f.protocol, f.l4, l4Length), where + " L4 checksum");
            if (f.protocol == TestFrame.TCP) {
                assertEquals((f.seq + (long) i * gsoSize) & 0xFFFF_FFFFL, u32(s, f.l4 + 4), where + " seq");
                int flags = f.tcpFlags;
                if (i < count - 1) {
                    flags &= ~(TestFrame.FIN | TestFrame.PSH);
                }
                if (i > 0) {
                    flags &= ~TestFrame.CWR;
                }
                assertEquals(flags, s[f.l4 + 13] & 0xFF, where + " flags");
                assertArrayEquals(Arrays.copyOfRange(original, f.l4 + 8, f.l4 + 13),
                        Arrays.copyOfRange(s, f.l4 + 8, f.l4 + 13), where + " ack and data offset");
                assertArrayEquals(Arrays.copyOfRange(original, f.l4 + 14, f.l4 + 16),
                        Arrays.copyOfRange(s, f.l4 + 14, f.l4 + 16), where + " window");
                assertArrayEquals(Arrays.copyOfRange(original, f.l4 + 18, f.headerLength),
                        Arrays.copyOfRange(s, f.l4 + 18, f.headerLength), where + " urgent pointer and options");
            } else {
                assertEquals(l4Length, u16(s, f.l4 + 4), where + " UDP length");
                assertNotEquals(0, u16(s, f.l4 + 6), where + " UDP checksum must not be 0");
            }
            payload.write(s, f.headerLength, chunk);
        }
        assertArrayEquals(f.payload, payload.toByteArray(), "payloads concatenated");
    }

    /** Legacy UFO: IP fragments of the datagram that reassemble into it with a complete UDP checksum. */
    static void assertFragments(TestFrame f, byte[] original, BufferArraySink sink, int fragmentSize) {
        int data = original.length - f.l4;
        int count = expectedCount(data, fragmentSize);
        assertEquals(count, sink.count(), "fragment count");
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] s = bytes(sink, i);
            String where = "fragment " + i + " of " + count;
            int chunk = Math.min(fragmentSize, data - i * fragmentSize);
            assertEquals(f.l4 + chunk, s.length, where + " length");
            assertArrayEquals(Arrays.copyOf(original, f.l3), Arrays.copyOf(s, f.l3), where + " L2 header");
            int expectedField = count == 1 ? u16(original, f.l3 + 6)
                    : i * fragmentSize / 8 | (i < count - 1 ? 0x2000 : 0);
            assertIpHeader(f, original, s, where, f.ipId, expectedField);
            datagram.write(s, f.l4, chunk);
        }
        byte[] d = datagram.toByteArray();
        byte[] expected = Arrays.copyOfRange(original, f.l4, original.length);
        if (f.partial) {
            assertNotEquals(0, u16(d, 6), "UDP checksum must not be 0");
            expected[6] = d[6];
            expected[7] = d[7];
            byte[] whole = Arrays.copyOf(original, original.length);
            System.arraycopy(d, 0, whole, f.l4, d.length);
            assertTrue(RefChecksum.transportVerifies(whole, f.l3, TestFrame.UDP, f.l4, d.length), "UDP checksum");
        }
        assertArrayEquals(expected, d, "fragments reassembled");
    }

    private static void assertIpHeader(TestFrame f, byte[] original, byte[] s, String where, int id, int fragField) {
        if (f.ipv6) {
            assertEquals(s.length - f.l3 - 40, u16(s, f.l3 + 4), where + " IPv6 payload length");
            assertArrayEquals(Arrays.copyOfRange(original, f.l3 + 6, f.l4), Arrays.copyOfRange(s, f.l3 + 6, f.l4),
                    where + " IPv6 header and extensions");
        } else {
            assertEquals(s.length - f.l3, u16(s, f.l3 + 2), where + " IPv4 total length");
            assertEquals(id & 0xFFFF, u16(s, f.l3 + 4), where + " IPv4 ID");
            assertEquals(fragField, u16(s, f.l3 + 6), where + " IPv4 flags and fragment offset");
            assertTrue(RefChecksum.ipv4HeaderVerifies(s, f.l3), where + " IPv4 header checksum");
            assertArrayEquals(Arrays.copyOfRange(original, f.l3 + 8, f.l3 + 10),
                    Arrays.copyOfRange(s, f.l3 + 8, f.l3 + 10), where + " TTL and protocol");
            assertArrayEquals(Arrays.copyOfRange(original, f.l3 + 12, f.l4), Arrays.copyOfRange(s, f.l3 + 12, f.l4),
                    where + " addresses and options");
        }
    }
}
