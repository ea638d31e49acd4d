package dev.lanyard.dataplane.offload;

import dev.lanyard.dataplane.linux.VirtioNet;
import java.nio.ByteBuffer;

/**
 * Segments a GSO frame in software for a port that cannot take it whole, as the kernel's {@code skb_gso_segment}
 * does: TCP (gso_type TCPV4, TCPV6) into MSS-sized segments, UDP_L4 (USO) into datagrams, and legacy UFO (gso_type
 * UDP over IPv4) into IP fragments. Every segment leaves with complete checksums, nothing left to offload.
 *
 * <p>Each segment gets the frame's L2 header with its tags and its IP header, then for TCP: IPv4 total length, the IP
 * ID plus the segment's index (DF kept), the IPv4 header checksum, or the IPv6 payload length; the sequence number
 * advanced by the bytes before it; FIN and PSH only on the last segment and CWR only on the first; a complete TCP
 * checksum. USO segments get their own UDP length and checksum (0 sent as 0xffff). UFO fragments share the IP ID,
 * carry MF and their offset, and the datagram's UDP checksum is completed over the whole datagram first.
 *
 * <p>Header positions come from walking the frame ({@link FrameHeaders}), not from the sender's hdr_len; the source
 * is only read, so the same frame can go whole to a port that takes the offload. Transport checksums are computed
 * from the addresses, so a sender's partial sum with or without the length (Linux vs DPDK-style TSO) does not matter.
 *
 * <p>One instance per worker thread; nothing is allocated per frame.
 */
public final class GsoSegmenter {
    /** The most segments one frame may become unless told otherwise. */
    public static final int DEFAULT_MAX_SEGMENTS = 256;
    /** Pass as csumStart when the frame's checksum is not partial (virtio F_NEEDS_CSUM clear). */
    public static final int NO_PARTIAL_CSUM = -1;

    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;
    private static final int IPV4_MF = 0x2000;
    private static final int MAX_IP_LENGTH = 0xFFFF;

    private final FrameHeaders headers = new FrameHeaders();
    private final int maxSegments;
    private int written;

    /** A segmenter that turns a frame into at most {@link #DEFAULT_MAX_SEGMENTS} segments. */
    public GsoSegmenter() {
        this(DEFAULT_MAX_SEGMENTS);
    }

    /** A segmenter that turns a frame into at most {@code maxSegments} segments. */
    public GsoSegmenter(int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be at least 1, not " + maxSegments);
        }
        this.maxSegments = maxSegments;
    }

    /**
     * Writes the segments of the GSO frame at {@code [offset, offset + length)} of {@code src} into {@code sink}.
     * Every check of the frame runs before the first segment is claimed, so such an error leaves the sink untouched.
     * Only the sink's own errors, {@link OffloadError#SINK_FULL} (and {@link OffloadError#SINK_TOO_SMALL} from a sink
     * with slots of different sizes), can come after some segments went out; {@link #segmentsWritten()} says how
     * many did.
     *
     * @param gsoType    virtio gso_type, the ECN bit (0x80) allowed
     * @param gsoSize    virtio gso_size: payload bytes per segment (for UFO: IP payload bytes per fragment, rounded
     *                   down to a multiple of 8)
     * @param csumStart  virtio csum_start relative to the frame's start when F_NEEDS_CSUM is set, else
     *                   {@link #NO_PARTIAL_CSUM}; when given it must point at the TCP or UDP header
     * @param csumOffset virtio csum_offset: 16 for TCP, 6 for UDP (ignored without csumStart)
     * @return the number of segments written, or a negative {@link OffloadError#code()}
     */
    public int segment(ByteBuffer src, int offset, int length, int gsoType, int gsoSize, int csumStart,
            int csumOffset, SegmentSink sink) {
        written = 0;
        if (offset < 0 || length < 0 || offset > src.limit() - length) {
            return OffloadError.BAD_BOUNDS.code();
        }
        int type = gsoType & ~VirtioNet.GSO_ECN;
        if (type == VirtioNet.GSO_NONE) {
            return OffloadError.NOT_GSO.code();
        }
        if (type != VirtioNet.GSO_TCPV4 && type != VirtioNet.GSO_TCPV6 && type != VirtioNet.GSO_UDP_L4
                && type != VirtioNet.GSO_UDP) {
            return OffloadError.UNSUPPORTED_GSO_TYPE.code();
        }
        if (gsoSize <= 0 || type == VirtioNet.GSO_UDP && gsoSize < 8) {
            return OffloadError.ZERO_GSO_SIZE.code();
        }
        int r = headers.parse(src, offset, length);
        if (r < 0) {
            return r;
        }
        r = checkType(type);
        if (r < 0) {
            return r;
        }
        boolean partial = csumStart >= 0;
        if (partial && (csumStart != headers.l4Offset - offset || csumOffset != headers.checkOffset())) {
            return OffloadError.CSUM_MISMATCH.code();
        }
        if (type == VirtioNet.GSO_UDP) {
            return fragment(src, offset, gsoSize & ~7, partial, sink);
        }
        return segmentTransport(src, offset, gsoSize, sink);
    }

    /** Segments committed by the last {@link #segment} call, also when it returned an error. */
    public int segmentsWritten() {
        return written;
    }

    private int checkType(int type) {
        FrameHeaders h = headers;
        switch (type) {
            case VirtioNet.GSO_TCPV4:
                return !h.ipv6 && h.protocol == Checksums.PROTO_TCP ? 0 : OffloadError.GSO_TYPE_MISMATCH.code();
            case VirtioNet.GSO_TCPV6:
                return h.ipv6 && h.protocol == Checksums.PROTO_TCP ? 0 : OffloadError.GSO_TYPE_MISMATCH.code();
            case VirtioNet.GSO_UDP_L4:
                return h.protocol == Checksums.PROTO_UDP ? 0 : OffloadError.GSO_TYPE_MISMATCH.code();
            case VirtioNet.GSO_UDP:
                if (h.protocol != Checksums.PROTO_UDP) {
                    return OffloadError.GSO_TYPE_MISMATCH.code();
                }
                return h.ipv6 ? OffloadError.IPV6_UFO.code() : 0;
            default:
                return OffloadError.UNSUPPORTED_GSO_TYPE.code();
        }
    }

    /** TCP segmentation and USO: the transport header repeats in every segment. */
    private int segmentTransport(ByteBuffer src, int offset, int mss, SegmentSink sink) {
        FrameHeaders h = headers;
        boolean tcp = h.protocol == Checksums.PROTO_TCP;
        int headerLength = h.headerLength(offset);
        int payloadAt = h.payloadOffset();
        int payload = h.end - payloadAt;
        int segments = segmentCount(payload, mss);
        if (segments > maxSegments) {
            return OffloadError.TOO_MANY_SEGMENTS.code();
        }
        int l3 = h.l3Offset - offset;
        int l4 = h.l4Offset - offset;
        if (ipLength(headerLength - l3 + Math.min(mss, payload)) > MAX_IP_LENGTH) {
            return OffloadError.SEGMENT_TOO_LARGE.code();
        }
        int pseudo = addressSum(src) + h.protocol;
        int checkAt = h.checkOffset();
        long seq = tcp ? Wire.u32(src, h.l4Offset + 4) : 0;
        int id = h.ipv6 ? 0 : Wire.u16(src, h.l3Offset + 4);
        for (int i = 0; i < segments; i++) {
            int chunk = Math.min(mss, payload - i * mss);
            int segmentLength = headerLength + chunk;
            ByteBuffer dst = sink.claim(segmentLength);
            int r = checkClaim(dst, segmentLength);
            if (r < 0) {
                return r;
            }
            int p = dst.position();
            dst.put(p, src, offset, headerLength);
            dst.put(p + headerLength, src, payloadAt + i * mss, chunk);
            writeIpLengths(dst, p + l3, segmentLength - l3, id + i);
            int t = p + l4;
            int l4Length = segmentLength - l4;
            if (tcp) {
                Wire.put32(dst, t + 4, seq + (long) i * mss);
                int flags = Wire.u8(dst, t + 13);
                if (i < segments - 1) {
                    flags &= ~(TCP_FIN | TCP_PSH);
                }
                if (i > 0) {
                    flags &= ~TCP_CWR;
                }
                Wire.put8(dst, t + 13, flags);
            } else {
                Wire.put16(dst, t + 4, l4Length);
            }
            Wire.put16(dst, t + checkAt, 0);
            int check = Checksums.finish((long) pseudo + l4Length + Checksums.sum(dst, t, l4Length));
            Wire.put16(dst, t + checkAt, !tcp && check == 0 ? 0xFFFF : check);
            sink.commit(segmentLength);
            written++;
        }
        return written;
    }

    /** Legacy UFO: IP fragments of one UDP datagram, its checksum completed over the whole datagram first. */
    private int fragment(ByteBuffer src, int offset, int fragmentSize, boolean partial, SegmentSink sink) {
        FrameHeaders h = headers;
        int headerLength = h.l4Offset - offset;
        int dataAt = h.l4Offset;
        int data = h.end - dataAt;
        int segments = segmentCount(data, fragmentSize);
        if (segments > maxSegments) {
            return OffloadError.TOO_MANY_SEGMENTS.code();
        }
        int l3 = h.l3Offset - offset;
        if (headerLength - l3 + Math.min(fragmentSize, data) > MAX_IP_LENGTH) {
            return OffloadError.SEGMENT_TOO_LARGE.code();
        }
        int udpCheck = -1;
        if (partial) {
            udpCheck = Checksums.finish(Checksums.sum(src, dataAt, data));
            if (udpCheck == 0) {
                udpCheck = 0xFFFF;
            }
        }
        int id = Wire.u16(src, h.l3Offset + 4);
        int fragmentField = Wire.u16(src, h.l3Offset + 6);
        for (int i = 0; i < segments; i++) {
            int chunk = Math.min(fragmentSize, data - i * fragmentSize);
            int segmentLength = headerLength + chunk;
            ByteBuffer dst = sink.claim(segmentLength);
            int r = checkClaim(dst, segmentLength);
            if (r < 0) {
                return r;
            }
            int p = dst.position();
            dst.put(p, src, offset, headerLength);
            dst.put(p + headerLength, src, dataAt + i * fragmentSize, chunk);
            if (i == 0 && partial) {
                Wire.put16(dst, p + headerLength + FrameHeaders.UDP_CHECK, udpCheck);
            }
            // A datagram that fits one fragment goes out as it came (DF kept); fragments get offset and MF, and DF
            // cleared, as the kernel's UFO path writes them.
            if (segments > 1) {
                int field = (i * fragmentSize) >>> 3 | (i < segments - 1 ? IPV4_MF : 0);
                Wire.put16(dst, p + l3 + 6, field);
            } else {
                Wire.put16(dst, p + l3 + 6, fragmentField);
            }
            writeIpLengths(dst, p + l3, segmentLength - l3, id);
            sink.commit(segmentLength);
            written++;
        }
        return written;
    }

    private static int segmentCount(int payload, int size) {
        return payload <= size ? 1 : (int) (((long) payload + size - 1) / size);
    }

    private int ipLength(int l3Length) {
        return headers.ipv6 ? l3Length - FrameHeaders.IPV6_HEADER : l3Length;
    }

    /** Sum of the pseudo-header's addresses, the part every segment shares. */
    private int addressSum(ByteBuffer src) {
        FrameHeaders h = headers;
        return h.ipv6 ? Checksums.sum(src, h.l3Offset + 8, 32) : Checksums.sum(src, h.l3Offset + 12, 8);
    }

    /** IPv4 total length, ID and header checksum, or the IPv6 payload length, of one segment. */
    private void writeIpLengths(ByteBuffer dst, int ip, int l3Length, int id) {
        if (headers.ipv6) {
            Wire.put16(dst, ip + 4, l3Length - FrameHeaders.IPV6_HEADER);
        } else {
            Wire.put16(dst, ip + 2, l3Length);
            Wire.put16(dst, ip + 4, id & 0xFFFF);
            Wire.put16(dst, ip + 10, Checksums.ipv4HeaderChecksum(dst, ip));
        }
    }

    private static int checkClaim(ByteBuffer dst, int segmentLength) {
        if (dst == null) {
            return OffloadError.SINK_FULL.code();
        }
        return dst.remaining() < segmentLength ? OffloadError.SINK_TOO_SMALL.code() : 0;
    }
}
