package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;

/**
 * Where the headers of one frame are, found by walking them rather than trusting the sender's hdr_len, as the
 * kernel's {@code skb_gso_segment} does: Ethernet, up to two VLAN tags (0x8100, 0x88a8, 0x9100), IPv4 with options
 * or IPv6 with hop-by-hop, destination-options and spent routing headers, then the TCP or UDP header.
 *
 * <pre>
 *  offset       l3Offset                    l4Offset              payloadOffset            end
 *  | dst src [tag [tag]] type | IPv4/IPv6 [ext...] | TCP (doff*4) / UDP (8) | payload ... |
 * </pre>
 *
 * A mutable flyweight result, reused frame after frame by one thread.
 */
final class FrameHeaders {
    static final int ETH_HEADER = 14;
    static final int TAG = 4;
    static final int MAX_TAGS = 2;
    static final int IPV4_MIN_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int TCP_MIN_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int TCP_CHECK = 16;
    static final int UDP_CHECK = 6;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int IPV4_MAX_LENGTH = 0xFFFF;
    private static final int IPV4_FRAGMENT_BITS = 0x3FFF;
    private static final int EXT_HOP_BY_HOP = 0;
    private static final int EXT_ROUTING = 43;
    private static final int EXT_FRAGMENT = 44;
    private static final int EXT_ESP = 50;
    private static final int EXT_AH = 51;
    private static final int EXT_DEST_OPTIONS = 60;
    private static final int EXT_MOBILITY = 135;
    private static final int EXT_HIP = 139;
    private static final int EXT_SHIM6 = 140;
    private static final int EXT_EXPERIMENT_1 = 253;
    private static final int EXT_EXPERIMENT_2 = 254;

    /** Absolute index of the IP header. */
    int l3Offset;
    /** True for IPv6, false for IPv4. */
    boolean ipv6;
    /** Absolute index of the transport header. */
    int l4Offset;
    /** The transport protocol (the last next-header for IPv6). */
    int protocol;
    /** TCP or UDP header length; 0 for other transports. */
    int l4HeaderLength;
    /** Absolute index just past the IP datagram (the frame's end unless the IP length says it ends earlier). */
    int end;

    /** Walks the headers of the frame at {@code [offset, offset + length)}: 0, or a negative OffloadError code. */
    int parse(ByteBuffer b, int offset, int length) {
        int frameEnd = offset + length;
        if (length < ETH_HEADER) {
            return OffloadError.HEADERS_TRUNCATED.code();
        }
        int typeAt = offset + 12;
        int type = Wire.u16(b, typeAt);
        for (int tags = 0; isTag(type); tags++) {
            if (tags == MAX_TAGS) {
                return OffloadError.TOO_MANY_TAGS.code();
            }
            typeAt += TAG;
            if (typeAt + 2 > frameEnd) {
                return OffloadError.HEADERS_TRUNCATED.code();
            }
            type = Wire.u16(b, typeAt);
        }
        l3Offset = typeAt + 2;
        int r;
        if (type == ETHERTYPE_IPV4) {
            r = parseIpv4(b, frameEnd);
        } else if (type == ETHERTYPE_IPV6) {
            r = parseIpv6(b, frameEnd);
        } else {
            return OffloadError.NOT_IP.code();
        }
        if (r < 0) {
            return r;
        }
        // Headers are walked up to the frame's end first, so a frame cut inside them says so; a cut in the payload
        // shows as an IP length the frame does not hold.
        int ipEnd = end;
        end = Math.min(ipEnd, frameEnd);
        r = parseTransport(b);
        if (r < 0) {
            return r;
        }
        return ipEnd > frameEnd ? OffloadError.IP_LENGTH_EXCEEDS_FRAME.code() : 0;
    }

    /** Bytes from the frame's start through the transport header. */
    int headerLength(int offset) {
        return l4Offset + l4HeaderLength - offset;
    }

    /** Absolute index of the transport payload. */
    int payloadOffset() {
        return l4Offset + l4HeaderLength;
    }

    /** Offset of the transport checksum within the transport header, or -1 for a transport without one here. */
    int checkOffset() {
        if (protocol == Checksums.PROTO_TCP) {
            return TCP_CHECK;
        }
        return protocol == Checksums.PROTO_UDP ? UDP_CHECK : -1;
    }

    private static boolean isTag(int type) {
        return type == 0x8100 || type == 0x88A8 || type == 0x9100;
    }

    private int parseIpv4(ByteBuffer b, int frameEnd) {
        ipv6 = false;
        int available = frameEnd - l3Offset;
        if (available < IPV4_MIN_HEADER) {
            return OffloadError.HEADERS_TRUNCATED.code();
        }
        int b0 = Wire.u8(b, l3Offset);
        int ihl = (b0 & 0xF) * 4;
        if (b0 >>> 4 != 4 || ihl < IPV4_MIN_HEADER) {
            return OffloadError.BAD_IP_HEADER.code();
        }
        if (ihl > available) {
            return OffloadError.HEADERS_TRUNCATED.code();
        }
        int total = Wire.u16(b, l3Offset + 2);
        if (total == 0 && available > IPV4_MAX_LENGTH) {
            // BIG TCP: a GSO packet over 64 KiB carries total length 0 and ends with the frame.
            total = available;
        } else if (total < ihl) {
            return OffloadError.BAD_IP_HEADER.code();
        }
        if ((Wire.u16(b, l3Offset + 6) & IPV4_FRAGMENT_BITS) != 0) {
            return OffloadError.IP_FRAGMENT.code();
        }
        end = l3Offset + total;
        protocol = Wire.u8(b, l3Offset + 9);
        l4Offset = l3Offset + ihl;
        return 0;
    }

    private int parseIpv6(ByteBuffer b, int frameEnd) {
        ipv6 = true;
        int available = frameEnd - l3Offset;
        if (available < IPV6_HEADER) {
            return OffloadError.HEADERS_TRUNCATED.code();
        }
        if (Wire.u8(b, l3Offset) >>> 4 != 6) {
            return OffloadError.BAD_IP_HEADER.code();
        }
        int payload = Wire.u16(b, l3Offset + 4);
        if (payload == 0 && available - IPV6_HEADER > IPV4_MAX_LENGTH) {
            payload = available - IPV6_HEADER;
        }
        end = l3Offset + IPV6_HEADER + payload;
        int limit = Math.min(end, frameEnd);
        int next = Wire.u8(b, l3Offset + 6);
        int at = l3Offset + IPV6_HEADER;
        while (true) {
            switch (next) {
                case EXT_HOP_BY_HOP, EXT_DEST_OPTIONS, EXT_ROUTING -> {
                    if (at + 8 > limit) {
                        return OffloadError.HEADERS_TRUNCATED.code();
                    }
                    // A routing header with segments left would change the pseudo-header's destination.
                    if (next == EXT_ROUTING && Wire.u8(b, at + 3) != 0) {
                        return OffloadError.UNSUPPORTED_IPV6_EXTENSION.code();
                    }
                    next = Wire.u8(b, at);
                    at += (Wire.u8(b, at + 1) + 1) * 8;
                }
                case EXT_FRAGMENT -> {
                    return OffloadError.IP_FRAGMENT.code();
                }
                case EXT_ESP, EXT_AH, EXT_MOBILITY, EXT_HIP, EXT_SHIM6, EXT_EXPERIMENT_1, EXT_EXPERIMENT_2 -> {
                    return OffloadError.UNSUPPORTED_IPV6_EXTENSION.code();
                }
                default -> {
                    if (at > limit) {
                        return OffloadError.HEADERS_TRUNCATED.code();
                    }
                    protocol = next;
                    l4Offset = at;
                    return 0;
                }
            }
        }
    }

    private int parseTransport(ByteBuffer b) {
        int available = end - l4Offset;
        if (protocol == Checksums.PROTO_TCP) {
            if (available < TCP_MIN_HEADER) {
                return OffloadError.HEADERS_TRUNCATED.code();
            }
            int doff = (Wire.u8(b, l4Offset + 12) >>> 4) * 4;
            if (doff < TCP_MIN_HEADER) {
                return OffloadError.BAD_TCP_HEADER.code();
            }
            if (doff > available) {
                return OffloadError.HEADERS_TRUNCATED.code();
            }
            l4HeaderLength = doff;
        } else if (protocol == Checksums.PROTO_UDP) {
            if (available < UDP_HEADER) {
                return OffloadError.HEADERS_TRUNCATED.code();
            }
            l4HeaderLength = UDP_HEADER;
        } else {
            l4HeaderLength = 0;
        }
        return 0;
    }
}
