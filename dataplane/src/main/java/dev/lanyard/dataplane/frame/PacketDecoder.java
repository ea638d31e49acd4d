package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * Decodes a frame through every layer the switch knows (Ethernet and tags, ARP, IPv4, IPv6, TCP, UDP, ICMP) for
 * traces and summaries. Reusable; allocates nothing until {@link #summary()} builds its text.
 */
public final class PacketDecoder {
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final ArpFlyweight arp = new ArpFlyweight();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final Ipv6Flyweight ipv6 = new Ipv6Flyweight();
    private final L4Flyweight l4 = new L4Flyweight();
    private int status;
    private int l3;
    private boolean hasL4;

    /** The network layer found. */
    private static final int L3_NONE = 0;
    private static final int L3_ARP = 1;
    private static final int L3_IPV4 = 2;
    private static final int L3_IPV6 = 3;

    /** Decodes all layers; returns the Ethernet decode status ({@link EthernetFlyweight#OK} or an error). */
    public int decode(ByteBuffer buffer, int offset, int length, int externalTpid, int externalTci) {
        status = ethernet.wrap(buffer, offset, length, externalTpid, externalTci);
        l3 = L3_NONE;
        hasL4 = false;
        if (status != EthernetFlyweight.OK) {
            return status;
        }
        int payload = ethernet.payloadOffset();
        int available = ethernet.payloadLength();
        switch (ethernet.etherType()) {
            case EtherType.ARP:
                if (arp.wrap(buffer, payload, available)) {
                    l3 = L3_ARP;
                }
                break;
            case EtherType.IPV4:
                if (ipv4.wrap(buffer, payload, available)) {
                    l3 = L3_IPV4;
                    boolean firstFragment = ipv4.fragmentOffset() == 0;
                    hasL4 = firstFragment
                            && l4.wrap(buffer, ipv4.payloadOffset(), ipv4.payloadLength(), ipv4.protocol());
                }
                break;
            case EtherType.IPV6:
                if (ipv6.wrap(buffer, payload, available)) {
                    l3 = L3_IPV6;
                    hasL4 = ipv6.upperOffset() >= 0
                            && l4.wrap(buffer, ipv6.upperOffset(), ipv6.upperLength(), ipv6.protocol());
                }
                break;
            default:
                break;
        }
        return status;
    }

    /** The Ethernet layer. */
    public EthernetFlyweight ethernet() {
        return ethernet;
    }

    /** The ARP layer; meaningful when {@link #isArp()}. */
    public ArpFlyweight arp() {
        return arp;
    }

    /** The IPv4 layer; meaningful when {@link #isIpv4()}. */
    public Ipv4Flyweight ipv4() {
        return ipv4;
    }

    /** The IPv6 layer; meaningful when {@link #isIpv6()}. */
    public Ipv6Flyweight ipv6() {
        return ipv6;
    }

    /** The transport layer; meaningful when {@link #hasL4()}. */
    public L4Flyweight l4() {
        return l4;
    }

    /** True for Ethernet/IPv4 ARP. */
    public boolean isArp() {
        return l3 == L3_ARP;
    }

    /** True for a well-formed IPv4 header. */
    public boolean isIpv4() {
        return l3 == L3_IPV4;
    }

    /** True for a well-formed IPv6 header. */
    public boolean isIpv6() {
        return l3 == L3_IPV6;
    }

    /** True when a TCP, UDP or ICMP header was found. */
    public boolean hasL4() {
        return hasL4;
    }

    /** A one-line description in the spirit of tcpdump -e. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (status == EthernetFlyweight.RUNT) {
            return sb.append("runt frame of ").append(ethernet.length()).append(" bytes").toString();
        }
        sb.append(MacAddress.toString(ethernet.src())).append(" > ").append(MacAddress.toString(ethernet.dst()));
        if (ethernet.outerTci() != EthernetFlyweight.NO_TAG) {
            sb.append(", vlan ").append(ethernet.vid()).append(" p ").append(ethernet.pcp());
            if (ethernet.innerTci() != EthernetFlyweight.NO_TAG) {
                sb.append(", vlan ").append(ethernet.innerTci() & 0xFFF);
            }
        }
        if (status == EthernetFlyweight.TRUNCATED_TAG) {
            return sb.append(", truncated VLAN tag").toString();
        }
        if (status == EthernetFlyweight.BAD_LENGTH) {
            return sb.append(", bad length/type 0x").append(Integer.toHexString(ethernet.etherType())).toString();
        }
        sb.append(", ethertype 0x").append(String.format("%04x", ethernet.etherType()));
        sb.append(", length ").append(ethernet.length());
        if (isArp()) {
            sb.append(": ARP ").append(arp.operation() == ArpFlyweight.REQUEST ? "who-has " : "reply ");
            sb.append(Ipv4Flyweight.toString(arp.targetIp()));
            sb.append(arp.operation() == ArpFlyweight.REQUEST ? " tell " : " is-at ");
            sb.append(arp.operation() == ArpFlyweight.REQUEST ? Ipv4Flyweight.toString(arp.senderIp())
                    : MacAddress.toString(arp.senderMac()));
        } else if (isIpv4()) {
            sb.append(": IPv4 ").append(Ipv4Flyweight.toString(ipv4.src())).append(" > ")
                    .append(Ipv4Flyweight.toString(ipv4.dst()));
            appendL4(sb);
        } else if (isIpv6()) {
            sb.append(": IPv6 ").append(Ipv6Flyweight.toString(ipv6.srcHigh(), ipv6.srcLow())).append(" > ")
                    .append(Ipv6Flyweight.toString(ipv6.dstHigh(), ipv6.dstLow()));
            appendL4(sb);
        }
        return sb.toString();
    }

    private void appendL4(StringBuilder sb) {
        if (!hasL4) {
            return;
        }
        switch (l4.protocol()) {
            case Ipv4Flyweight.PROTO_TCP:
                sb.append(": TCP ").append(l4.srcPort()).append(" > ").append(l4.dstPort()).append(' ')
                        .append(L4Flyweight.tcpFlagsToString(l4.tcpFlags()));
                break;
            case Ipv4Flyweight.PROTO_UDP:
                sb.append(": UDP ").append(l4.srcPort()).append(" > ").append(l4.dstPort());
                break;
            case Ipv4Flyweight.PROTO_ICMP:
                sb.append(": ICMP type ").append(l4.icmpType()).append(" code ").append(l4.icmpCode());
                break;
            case Ipv4Flyweight.PROTO_ICMPV6:
                sb.append(": ICMPv6 type ").append(l4.icmpType()).append(" code ").append(l4.icmpCode());
                break;
            default:
                break;
        }
    }
}
