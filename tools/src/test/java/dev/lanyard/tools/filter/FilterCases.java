package dev.lanyard.tools.filter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** tcpdump expressions and the names of the {@link TestFrames} each one must keep. */
final class FilterCases {
    /** One expression and the frames it keeps. */
    record Case(String expression, Set<String> keeps) {
        @Override
        public String toString() {
            return expression.isEmpty() ? "(no expression)" : expression;
        }
    }

    private static final List<String> EVERY_FRAME = TestFrames.all().stream().map(TestFrames.Frame::name)
            .collect(Collectors.toList());

    private FilterCases() {
    }

    static List<Case> all() {
        return List.of(
                keeps("host 10.0.0.1", "tcp-syn-v4", "tcp-ack-v4-options", "udp-dns-v4", "icmp-echo-v4", "arp-request",
                        "mdns-multicast-v4", "big-udp-v4", "tcp-fragment-v4"),
                keeps("host 10.0.0.3", "truncated-tcp-v4"),
                keeps("net 192.168.0.0/16", "udp-dns-v4"),
                keeps("src net 10.0.0.0/24 and dst host 10.0.0.2", "tcp-syn-v4", "icmp-echo-v4", "arp-request",
                        "big-udp-v4", "truncated-tcp-v4", "tcp-fragment-v4"),
                keeps("port 80", "tcp-syn-v4", "tcp-ack-v4-options", "tcp-syn-v6"),
                keeps("tcp port 80", "tcp-syn-v4", "tcp-ack-v4-options", "tcp-syn-v6"),
                keeps("udp port 53", "udp-dns-v4", "udp-dns-v6"),
                keeps("udp and (port 53 or port 67)", "udp-dns-v4", "udp-dns-v6", "dhcp-broadcast-v4"),
                keeps("src host 10.0.0.1 and dst port 9001", "big-udp-v4"),
                keeps("vlan", "vlan100-tcp-v4", "vlan200-arp-reply"),
                keeps("vlan 100", "vlan100-tcp-v4"),
                keeps("vlan and host 10.0.0.1", "vlan100-tcp-v4", "vlan200-arp-reply"),
                keeps("vlan 200 and arp", "vlan200-arp-reply"),
                keeps("vlan and tcp port 22", "vlan100-tcp-v4"),
                keeps("icmp", "icmp-echo-v4"),
                keeps("icmp[icmptype] = icmp-echo", "icmp-echo-v4"),
                keeps("icmp6", "icmp6-multicast"),
                keeps("arp", "arp-request"),
                keeps("tcp[tcpflags] & tcp-syn != 0", "tcp-syn-v4"),
                keeps("tcp[tcpflags] & tcp-ack != 0", "tcp-ack-v4-options"),
                keeps("ether proto 0x88b5", "local-experimental"),
                keeps("ether[12:2] = 0x88b6", "header-only"),
                keeps("ether[14] = 0", "arp-request", "vlan100-tcp-v4", "vlan200-arp-reply"),
                keeps("ether host " + TestFrames.MAC_B, "tcp-syn-v4", "tcp-ack-v4-options", "icmp-echo-v4",
                        "udp-dns-v6", "tcp-syn-v6", "vlan100-tcp-v4", "vlan200-arp-reply", "big-udp-v4",
                        "truncated-tcp-v4", "local-experimental", "header-only", "tcp-fragment-v4"),
                keeps("ether src " + TestFrames.MAC_B, "tcp-ack-v4-options", "vlan200-arp-reply"),
                keeps("broadcast", "arp-request", "dhcp-broadcast-v4"),
                keeps("multicast", "icmp6-multicast", "arp-request", "dhcp-broadcast-v4", "mdns-multicast-v4"),
                keeps("ip multicast", "dhcp-broadcast-v4", "mdns-multicast-v4"),
                keeps("ip", "tcp-syn-v4", "tcp-ack-v4-options", "udp-dns-v4", "icmp-echo-v4", "dhcp-broadcast-v4",
                        "mdns-multicast-v4", "big-udp-v4", "truncated-tcp-v4", "tcp-fragment-v4"),
                keeps("ip6", "udp-dns-v6", "icmp6-multicast", "tcp-syn-v6"),
                keeps("not ip and not ip6", "arp-request", "vlan100-tcp-v4", "vlan200-arp-reply", "local-experimental",
                        "header-only"),
                keeps("tcp and not port 22", "tcp-syn-v4", "tcp-ack-v4-options", "tcp-syn-v6", "tcp-fragment-v4"),
                keeps("ip[6:2] & 0x1fff != 0", "tcp-fragment-v4"),
                keeps("less 60", "tcp-syn-v4", "tcp-ack-v4-options", "icmp-echo-v4", "arp-request", "vlan100-tcp-v4",
                        "vlan200-arp-reply", "truncated-tcp-v4", "local-experimental", "header-only",
                        "tcp-fragment-v4"),
                new Case("less 100", everyFrameBut("big-udp-v4")),
                keeps("greater 1000", "big-udp-v4"),
                keeps("ip[2:2] / 7 = 204 or ip[8] % 60 = 4 and ip[2:2] * 2 > 2000", "big-udp-v4"),
                keeps("(ip[0] & 0xf) << 2 = 24", "tcp-ack-v4-options"),
                new Case("", everyFrameBut()));
    }

    private static Case keeps(String expression, String... names) {
        Set<String> set = new LinkedHashSet<>(List.of(names));
        if (!EVERY_FRAME.containsAll(set)) {
            throw new IllegalArgumentException("unknown frame name in " + set);
        }
        return new Case(expression, set);
    }

    private static Set<String> everyFrameBut(String... names) {
        Set<String> set = new LinkedHashSet<>(EVERY_FRAME);
        set.removeAll(List.of(names));
        return set;
    }
}
