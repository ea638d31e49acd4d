package dev.lanyard.dataplane.frame;

import java.nio.ByteBuffer;

/**
 * Builds Ethernet frames for tests, benchmarks, traces and traffic generation: addresses, up to two VLAN tags, and
 * an ARP, IPv4/UDP, IPv4/ICMP echo or opaque payload, with correct IPv4, UDP and ICMP checksums. Off the hot path:
 * it allocates the frame it returns.
 */
public final class FrameBuilder {
    private long dst = MacAddress.BROADCAST;
    private long src = 0x02_00_00_00_00_01L;
    private final int[] tpids = new int[2];
    private final int[] tcis = new int[2];
    private int tags;
    private int etherType = 0x88B5;
    private byte[] payload = new byte[46];

    /** Destination MAC. */
    public FrameBuilder dst(long mac) {
        this.dst = mac;
        return this;
    }

    /** Source MAC. */
    public FrameBuilder src(long mac) {
        this.src = mac;
        return this;
    }

    /** Adds an 802.1Q tag (outermost first). */
    public FrameBuilder vlan(int vid, int pcp) {
        return tag(EtherType.VLAN, vid, pcp);
    }

    /** Adds a tag with any TPID (0x88a8 for an 802.1ad outer tag). */
    public FrameBuilder tag(int tpid, int vid, int pcp) {
        if (tags == 2) {
            throw new IllegalStateException("at most two tags");
        }
        tpids[tags] = tpid;
        tcis[tags] = (pcp & 7) << 13 | (vid & 0xFFF);
        tags++;
        return this;
    }

    /** An opaque payload of a given EtherType. */
    public FrameBuilder payload(int type, byte[] bytes) {
        this.etherType = type;
        this.payload = bytes.clone();
        return this;
    }

    /** An opaque payload of {@code length} zero bytes under a local experimental EtherType (0x88b5). */
    public FrameBuilder payloadLength(int length) {
        return payload(0x88B5, new byte[length]);
    }

    /** An ARP request: who has {@code targetIp}, tell {@code senderIp} (sender MAC is the source MAC). */
    public FrameBuilder arpRequest(int senderIp, int targetIp) {
        ByteBuffer b = ByteBuffer.allocate(ArpFlyweight.LENGTH);
        b.putShort((short) 1).putShort((short) EtherType.IPV4).put((byte) 6).put((byte) 4);
        b.putShort((short) ArpFlyweight.REQUEST);
        b.putInt((int) (src >>> 16)).putShort((short) src).putInt(senderIp);
        b.putInt(0).putShort((short) 0).putInt(targetIp);
        return payload(EtherType.ARP, b.array());
    }

    /** An IPv4/UDP datagram with {@code dataLength} bytes of data. */
    public FrameBuilder udp4(int srcIp, int dstIp, int srcPort, int dstPort, int dataLength) {
        byte[] l4 = new byte[8 + dataLength];
        ByteBuffer u = ByteBuffer.wrap(l4);
        u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) l4.length).putShort((short) 0);
        int sum = pseudoHeaderSum(srcIp, dstIp, Ipv4Flyweight.PROTO_UDP, l4.length) + onesSum(l4);
        int c = ~fold(sum) & 0xFFFF;
        u.putShort(6, (short) (c == 0 ? 0xFFFF : c));
        return payload(EtherType.IPV4, ipv4(srcIp, dstIp, Ipv4Flyweight.PROTO_UDP, l4));
    }

    /** An IPv4 ICMP echo request (type 8) or reply (type 0). */
    public FrameBuilder icmp4Echo(int srcIp, int dstIp, boolean request, int id, int seq, int dataLength) {
        byte[] l4 = new byte[8 + dataLength];
        ByteBuffer m = ByteBuffer.wrap(l4);
        m.put((byte) (request ? 8 : 0)).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        m.putShort(2, (short) ~fold(onesSum(l4)));
        return payload(EtherType.IPV4, ipv4(srcIp, dstIp, Ipv4Flyweight.PROTO_ICMP, l4));
    }

    /** The frame. */
    public byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags + payload.length);
        MacAddress.write(b, 0, dst);
        MacAddress.write(b, 6, src);
        b.position(12);
        for (int t = 0; t < tags; t++) {
            b.putShort((short) tpids[t]).putShort((short) tcis[t]);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    private static byte[] ipv4(int srcIp, int dstIp, int protocol, byte[] l4) {
        byte[] ip = new byte[20 + l4.length];
        ByteBuffer h = ByteBuffer.wrap(ip);
        h.put((byte) 0x45).put((byte) 0).putShort((short) ip.length).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(srcIp).putInt(dstIp);
        h.putShort(10, (short) ~fold(onesSum(ip, 0, 20)));
        System.arraycopy(l4, 0, ip, 20, l4.length);
        return ip;
    }

    private static int pseudoHeaderSum(int srcIp, int dstIp, int protocol, int length) {
        return (srcIp >>> 16) + (srcIp & 0xFFFF) + (dstIp >>> 16) + (dstIp & 0xFFFF) + protocol + length;
    }

    private static int onesSum(byte[] b) {
        return onesSum(b, 0, b.length);
    }

    private static int onesSum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (b[off + i] & 0xFF) << 8 | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        return sum;
    }

    private static int fold(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }

    /** An IPv4 address from dotted-quad text. */
    public static int ipv4(String dotted) {
        String[] p = dotted.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: \"" + dotted + "\"");
        }
        int a = 0;
        for (String s : p) {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: \"" + dotted + "\"", e);
            }
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: \"" + dotted + "\"");
            }
            a = a << 8 | v;
        }
        return a;
    }
}
