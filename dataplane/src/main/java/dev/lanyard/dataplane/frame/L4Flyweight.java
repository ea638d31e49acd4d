package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * The first bytes of a TCP, UDP, ICMP or ICMPv6 header, in place: enough for traces and filters.
 *
 * <pre>
 *  TCP:  src port(2) dst port(2) seq(4) ack(4) data offset(4 bits) flags(12 bits) window(2) checksum(2) ...
 *  UDP:  src port(2) dst port(2) length(2) checksum(2)
 *  ICMP: type(1) code(1) checksum(2) identifier(2) sequence(2)   (echo request/reply)
 * </pre>
 */
public final class L4Flyweight {
    /** TCP minimum header length. */
    public static final int TCP_MIN_LENGTH = 20;
    /** UDP header length. */
    public static final int UDP_LENGTH = 8;
    /** ICMP header length. */
    public static final int ICMP_LENGTH = 4;
    /** TCP FIN flag. */
    public static final int FIN = 0x01;
    /** TCP SYN flag. */
    public static final int SYN = 0x02;
    /** TCP RST flag. */
    public static final int RST = 0x04;
    /** TCP PSH flag. */
    public static final int PSH = 0x08;
    /** TCP ACK flag. */
    public static final int ACK = 0x10;

    private ByteBuffer buffer;
    private int offset;
    private int protocol;
    private boolean valid;

    /** Wraps an upper-layer header of the given IP protocol number; {@link #valid()} says if it fits. */
    public boolean wrap(ByteBuffer buffer, int offset, int available, int protocol) {
        this.buffer = buffer;
        this.offset = offset;
        this.protocol = protocol;
        switch (protocol) {
            case Ipv4Flyweight.PROTO_TCP:
                valid = available >= TCP_MIN_LENGTH && ((buffer.get(offset + 12) & 0xF0) >>> 2) >= TCP_MIN_LENGTH
                        && ((buffer.get(offset + 12) & 0xF0) >>> 2) <= available;
                break;
            case Ipv4Flyweight.PROTO_UDP:
                valid = available >= UDP_LENGTH;
                break;
            case Ipv4Flyweight.PROTO_ICMP:
            case Ipv4Flyweight.PROTO_ICMPV6:
                valid = available >= ICMP_LENGTH;
                break;
            default:
                valid = false;
                break;
        }
        return valid;
    }

    /** True when the header fits the bytes available. */
    public boolean valid() {
        return valid;
    }

    /** The IP protocol number this header was wrapped as. */
    public int protocol() {
        return protocol;
    }

    /** Source port (TCP/UDP). */
    public int srcPort() {
        return buffer.getShort(offset) & 0xFFFF;
    }

    /** Destination port (TCP/UDP). */
    public int dstPort() {
        return buffer.getShort(offset + 2) & 0xFFFF;
    }

    /** TCP sequence number. */
    public long seq() {
        return buffer.getInt(offset + 4) & 0xFFFF_FFFFL;
    }

    /** TCP acknowledgement number. */
    public long ack() {
        return buffer.getInt(offset + 8) & 0xFFFF_FFFFL;
    }

    /** TCP flags (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR in the low 8 bits). */
    public int tcpFlags() {
        return buffer.get(offset + 13) & 0xFF;
    }

    /** TCP header length in bytes. */
    public int tcpHeaderLength() {
        return (buffer.get(offset + 12) & 0xF0) >>> 2;
    }

    /** UDP length field. */
    public int udpLength() {
        return buffer.getShort(offset + 4) & 0xFFFF;
    }

    /** ICMP type. */
    public int icmpType() {
        return buffer.get(offset) & 0xFF;
    }

    /** ICMP code. */
    public int icmpCode() {
        return buffer.get(offset + 1) & 0xFF;
    }

    /** TCP flags in tcpdump's notation: [S.], [P.], [F.], [R]. */
    public static String tcpFlagsToString(int flags) {
        StringBuilder sb = new StringBuilder("[");
        if ((flags & SYN) != 0) {
            sb.append('S');
        }
        if ((flags & FIN) != 0) {
            sb.append('F');
        }
        if ((flags & RST) != 0) {
            sb.append('R');
        }
        if ((flags & PSH) != 0) {
            sb.append('P');
        }
        if ((flags & ACK) != 0) {
            sb.append('.');
        }
        return sb.append(']').toString();
    }
}
