package dev.lanyard.tools.filter;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Hand-made Ethernet frames for filter tests: IPv4, IPv6, ARP, TCP, UDP, ICMP, with and without an 802.1Q tag. */
final class TestFrames {
    static final String MAC_A = "02:00:00:00:00:01";
    static final String MAC_B = "02:00:00:00:00:02";
    static final String MAC_GATEWAY = "02:00:00:00:00:fe";
    static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    static final int IPV4 = 0x0800;
    static final int IPV6 = 0x86DD;
    static final int ARP = 0x0806;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMP6 = 58;
    static final int SYN = 0x02;
    static final int ACK = 0x10;

    /** A frame with its name; captured bytes may be fewer than its length on the wire. */
    record Frame(String name, byte[] bytes, int wireLength) {
    }

    private TestFrames() {
    }

    /** The frames every filter test runs over, in a fixed order. */
    static List<Frame> all() {
        List<Frame> frames = new ArrayList<>();
        add(frames, "tcp-syn-v4", ether(MAC_B, MAC_A, IPV4, ipv4("10.0.0.1", "10.0.0.2", TCP, tcp(40000, 80, SYN))));
        add(frames, "tcp-ack-v4-options", ether(MAC_A, MAC_B, IPV4,
                ipv4(6, 0, "10.0.0.2", "10.0.0.1", TCP, tcp(80, 40000, ACK))));
        add(frames, "udp-dns-v4", ether(MAC_GATEWAY, MAC_A, IPV4,
                ipv4("10.0.0.1", "192.168.1.1", UDP, udp(5353, 53, 30))));
        add(frames, "icmp-echo-v4", ether(MAC_B, MAC_A, IPV4, ipv4("10.0.0.1", "10.0.0.2", ICMP, icmpEcho(8))));
        add(frames, "udp-dns-v6", ether(MAC_B, MAC_A, IPV6,
                ipv6("2001:db8::1", "2001:db8::2", UDP, udp(5000, 53, 20))));
        add(frames, "icmp6-multicast", ether("33:33:00:00:00:01", MAC_A, IPV6,
                ipv6("fe80::1", "ff02::1", ICMP6, icmpEcho(128))));
        add(frames, "tcp-syn-v6", ether(MAC_B, MAC_A, IPV6,
                ipv6("2001:db8::1", "2001:db8::2", TCP, tcp(40001, 80, SYN))));
        add(frames, "arp-request", ether(BROADCAST, MAC_A, ARP, arp(1, MAC_A, "10.0.0.1", "00:00:00:00:00:00",
                "10.0.0.2")));
        add(frames, "vlan100-tcp-v4", vlan(MAC_B, MAC_A, 100, IPV4,
                ipv4("10.0.0.1", "10.0.0.2", TCP, tcp(40002, 22, SYN))));
        add(frames, "vlan200-arp-reply", vlan(MAC_A, MAC_B, 200, ARP, arp(2, MAC_B, "10.0.0.2", MAC_A, "10.0.0.1")));
        add(frames, "dhcp-broadcast-v4", ether(BROADCAST, MAC_A, IPV4,
                ipv4("0.0.0.0", "255.255.255.255", UDP, udp(68, 67, 20))));
        add(frames, "mdns-multicast-v4", ether("01:00:5e:00:00:fb", MAC_A, IPV4,
                ipv4("10.0.0.1", "224.0.0.251", UDP, udp(5353, 5353, 20))));
        add(frames, "big-udp-v4", ether(MAC_B, MAC_A, IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP, udp(9000, 9001, 1400))));
        byte[] whole = ether(MAC_B, MAC_A, IPV4, ipv4("10.0.0.3", "10.0.0.2", TCP, tcp(40003, 80, SYN)));
        byte[] cut = new byte[34];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        frames.add(new Frame("truncated-tcp-v4", cut, whole.length));
        add(frames, "local-experimental", ether(MAC_B, MAC_A, 0x88B5, fill(46, 0xAB)));
        add(frames, "header-only", ether(MAC_B, MAC_A, 0x88B6, new byte[0]));
        add(frames, "tcp-fragment-v4", ether(MAC_B, MAC_A, IPV4, ipv4(5, 185, "10.0.0.1", "10.0.0.2", TCP,
                fill(20, 0x11))));
        return Collections.unmodifiableList(frames);
    }

    private static void add(List<Frame> frames, String name, byte[] bytes) {
        frames.add(new Frame(name, bytes, bytes.length));
    }

    static byte[] ether(String dst, String src, int ethertype, byte[] payload) {
        Bytes b = new Bytes().put(mac(dst)).put(mac(src)).u16(ethertype).put(payload);
        return b.toArray();
    }

    static byte[] vlan(String dst, String src, int vid, int ethertype, byte[] payload) {
        return new Bytes().put(mac(dst)).put(mac(src)).u16(0x8100).u16(vid).u16(ethertype).put(payload).toArray();
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(5, 0, src, dst, protocol, payload);
    }

    /** An IPv4 packet with a header of {@code ihl} words (options are NOPs) and a fragment offset in 8-byte units. */
    static byte[] ipv4(int ihl, int fragmentOffset, String src, String dst, int protocol, byte[] payload) {
        int headerLength = ihl * 4;
        Bytes b = new Bytes().u8(0x40 | ihl).u8(0).u16(headerLength + payload.length).u16(0x1234)
                .u16(fragmentOffset).u8(64).u8(protocol).u16(0).put(ip(src)).put(ip(dst));
        for (int i = 20; i < headerLength; i++) {
            b.u8(1);
        }
        byte[] header = b.toArray();
        int sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += (header[i] & 0xFF) << 8 | header[i + 1] & 0xFF;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        header[10] = (byte) (~sum >> 8);
        header[11] = (byte) ~sum;
        return new Bytes().put(header).put(payload).toArray();
    }

    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return new Bytes().u32(0x60000000).u16(payload.length).u8(nextHeader).u8(64).put(ip(src)).put(ip(dst))
                .put(payload).toArray();
    }

    static byte[] tcp(int srcPort, int dstPort, int flags) {
        return new Bytes().u16(srcPort).u16(dstPort).u32(1000).u32(flags == SYN ? 0 : 2000).u8(5 << 4).u8(flags)
                .u16(64240).u16(0).u16(0).toArray();
    }

    static byte[] udp(int srcPort, int dstPort, int payloadLength) {
        return new Bytes().u16(srcPort).u16(dstPort).u16(8 + payloadLength).u16(0).put(fill(payloadLength, 0x55))
                .toArray();
    }

    /** An echo request: ICMP type 8 or ICMPv6 type 128, identifier 1, sequence 1, four bytes of data. */
    static byte[] icmpEcho(int type) {
        return new Bytes().u8(type).u8(0).u16(0).u16(1).u16(1).put(fill(4, 0x61)).toArray();
    }

    static byte[] arp(int operation, String senderMac, String senderIp, String targetMac, String targetIp) {
        return new Bytes().u16(1).u16(IPV4).u8(6).u8(4).u16(operation).put(mac(senderMac)).put(ip(senderIp))
                .put(mac(targetMac)).put(ip(targetIp)).toArray();
    }

    static byte[] fill(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A big-endian byte writer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >> 8).u8(v);
        }

        Bytes u32(int v) {
            return u16(v >>> 16).u16(v);
        }

        Bytes put(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
