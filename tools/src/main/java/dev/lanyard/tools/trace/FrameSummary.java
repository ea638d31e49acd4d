package dev.lanyard.tools.trace;

import dev.lanyard.dataplane.frame.ArpFlyweight;
import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.Ipv4Flyweight;
import dev.lanyard.dataplane.frame.Ipv6Flyweight;
import dev.lanyard.dataplane.frame.L4Flyweight;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.frame.PacketDecoder;
import dev.lanyard.dataplane.trace.Trace;

import java.nio.ByteBuffer;

/**
 * A frame in words: addresses, tags, EtherType and what the switch recognised behind it; the decode step of a trace,
 * and the line {@code lanyard capture} prints for each frame.
 */
public final class FrameSummary {
    private FrameSummary() {
    }

    /** One line for a captured frame of {@code wireLength} bytes on the wire, of which {@code frame} holds some. */
    public static String of(byte[] frame, int wireLength) {
        PacketDecoder d = new PacketDecoder();
        int status = d.decode(ByteBuffer.wrap(frame), 0, frame.length, 0, EthernetFlyweight.NO_TAG);
        return describe(d, status, wireLength) + ", length " + wireLength;
    }

    static String describe(PacketDecoder d, Trace t) {
        return describe(d, t.decodeStatus(), t.wireLength());
    }

    private static String describe(PacketDecoder d, int status, int wireLength) {
        EthernetFlyweight eth = d.ethernet();
        if (status == EthernetFlyweight.RUNT) {
            return "runt: " + wireLength + " bytes, shorter than an Ethernet header ("
                    + EthernetFlyweight.HEADER_LENGTH + ")";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(MacAddress.toString(eth.src())).append(" > ").append(MacAddress.toString(eth.dst()));
        if (eth.outerTci() == EthernetFlyweight.NO_TAG) {
            sb.append(", untagged");
        } else {
            sb.append(", vlan ").append(eth.vid()).append(" pcp ").append(eth.pcp());
            if (eth.outerTpid() != EtherType.VLAN) {
                sb.append(String.format(" (tpid 0x%04x)", eth.outerTpid()));
            }
            if (eth.innerTci() != EthernetFlyweight.NO_TAG) {
                sb.append(", inner vlan ").append(eth.innerTci() & 0xFFF);
            }
        }
        if (status == EthernetFlyweight.TRUNCATED_TAG) {
            return "truncated VLAN tag: " + sb + ", " + wireLength + " bytes";
        }
        if (status == EthernetFlyweight.BAD_LENGTH) {
            return String.format("bad length/type 0x%04x: %s", eth.etherType(), sb);
        }
        sb.append(String.format(", ethertype 0x%04x", eth.etherType()));
        if (d.isArp()) {
            ArpFlyweight arp = d.arp();
            if (arp.operation() == ArpFlyweight.REQUEST) {
                sb.append(" (ARP): who-has ").append(Ipv4Flyweight.toString(arp.targetIp())).append(" tell ")
                        .append(Ipv4Flyweight.toString(arp.senderIp()));
            } else {
                sb.append(" (ARP): ").append(Ipv4Flyweight.toString(arp.senderIp())).append(" is-at ")
                        .append(MacAddress.toString(arp.senderMac()));
            }
        } else if (d.isIpv4()) {
            sb.append(" (IPv4): ").append(Ipv4Flyweight.toString(d.ipv4().src())).append(" > ")
                    .append(Ipv4Flyweight.toString(d.ipv4().dst()));
            transport(d, sb);
        } else if (d.isIpv6()) {
            sb.append(" (IPv6): ").append(Ipv6Flyweight.toString(d.ipv6().srcHigh(), d.ipv6().srcLow()))
                    .append(" > ").append(Ipv6Flyweight.toString(d.ipv6().dstHigh(), d.ipv6().dstLow()));
            transport(d, sb);
        }
        return sb.toString();
    }

    private static void transport(PacketDecoder d, StringBuilder sb) {
        if (!d.hasL4()) {
            return;
        }
        L4Flyweight l4 = d.l4();
        switch (l4.protocol()) {
            case Ipv4Flyweight.PROTO_TCP:
                sb.append(", TCP ").append(l4.srcPort()).append(" > ").append(l4.dstPort()).append(' ')
                        .append(L4Flyweight.tcpFlagsToString(l4.tcpFlags()));
                break;
            case Ipv4Flyweight.PROTO_UDP:
                sb.append(", UDP ").append(l4.srcPort()).append(" > ").append(l4.dstPort());
                break;
            case Ipv4Flyweight.PROTO_ICMP:
                sb.append(", ICMP ").append(icmp(l4.icmpType(), l4.icmpCode()));
                break;
            case Ipv4Flyweight.PROTO_ICMPV6:
                sb.append(", ICMPv6 type ").append(l4.icmpType()).append(" code ").append(l4.icmpCode());
                break;
            default:
                break;
        }
    }

    private static String icmp(int type, int code) {
        switch (type) {
            case 0:
                return "echo reply";
            case 8:
                return "echo request";
            default:
                return "type " + type + " code " + code;
        }
    }
}
