package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a GSO super-frame the way a Linux sender hands it to AF_PACKET with PACKET_VNET_HDR: Ethernet, optional
 * tags, IPv4 (with options) or IPv6 (with extension headers), TCP with timestamps or UDP, a payload, and the
 * transport checksum left partial (the folded pseudo-header sum over the whole length, not inverted).
 */
final class TestFrame {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int FIN = 0x01;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int CWR = 0x80;
    static final int ECE = 0x40;

    final List<Integer> tpids = new ArrayList<>();
    final List<int[]> extensions = new ArrayList<>();
    boolean ipv6;
    int ipv4OptionWords;
    int protocol = TCP;
    boolean timestamps = true;
    int tcpFlags = ACK | PSH;
    long seq = 0xFFFF_F000L;
    int ipId = 0x1000;
    boolean dontFragment = true;
    boolean partial = true;
    byte[] payload = new byte[0];

    // Layout, known after build().
    int l3;
    int l4;
    int l4HeaderLength;
    int headerLength;

    TestFrame tag(int tpid) {
        tpids.add(tpid);
        return this;
    }

    TestFrame ipv6() {
        ipv6 = true;
        return this;
    }

    TestFrame udp() {
        protocol = UDP;
        return this;
    }

    /** An IPv6 extension header of (units + 1) * 8 bytes; segmentsLeft only matters for a routing header (43). */
    TestFrame extension(int type, int units, int segmentsLeft) {
        extensions.add(new int[] {type, units, segmentsLeft});
        return this;
    }

    TestFrame payload(int length, long seed) {
        payload = new byte[length];
        new Random(seed).nextBytes(payload);
        return this;
    }

    int csumStart() {
        return l4;
    }

    int csumOffset() {
        return protocol == TCP ? 16 : 6;
    }

    int l3HeaderLength() {
        return l4 - l3;
    }

    byte[] build() {
        l3 = 14 + 4 * tpids.size();
        int extLength = 0;
        for (int[] e : extensions) {
            extLength += (e[1] + 1) * 8;
        }
        int ipHeader = ipv6 ? 40 + extLength : 20 + 4 * ipv4OptionWords;
        l4 = l3 + ipHeader;
        l4HeaderLength = protocol == TCP ? (timestamps ? 32 : 20) : 8;
        headerLength = l4 + l4HeaderLength;
        int l4Length = l4HeaderLength + payload.length;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        for (int i = 0; i < tpids.size(); i++) {
            b.putShort((short) (int) tpids.get(i)).putShort((short) (100 + i));
        }
        b.putShort((short) (ipv6 ? 0x86DD : 0x0800));
        if (ipv6) {
            int l3Payload = extLength + l4Length;
            b.putInt(0x6000_0000).putShort((short) (l3Payload > 0xFFFF ? 0 : l3Payload));
            b.put((byte) (extensions.isEmpty() ? protocol : extensions.get(0)[0])).put((byte) 64);
            b.put(new byte[] {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
            b.put(new byte[] {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
            for (int i = 0; i < extensions.size(); i++) {
                int[] e = extensions.get(i);
                int next = i + 1 < extensions.size() ? extensions.get(i + 1)[0] : protocol;
                int start = b.position();
                b.put((byte) next).put((byte) e[1]);
                if (e[0] == 43) {
                    b.put((byte) 4).put((byte) e[2]);
                } else {
                    b.put((byte) 1).put((byte) ((e[1] + 1) * 8 - 4)); // PadN over the rest
                }
                b.position(start + (e[1] + 1) * 8);
            }
        } else {
            int total = ipHeader + l4Length;
            b.put((byte) (0x40 | ipHeader / 4)).put((byte) 0);
            b.putShort((short) (total > 0xFFFF ? 0 : total)).putShort((short) ipId);
            b.putShort((short) (dontFragment ? 0x4000 : 0)).put((byte) 64).put((byte) protocol).putShort((short) 0);
            b.put(new byte[] {10, 0, 0, 1, 10, 0, 0, 2});
            for (int i = 0; i < ipv4OptionWords; i++) {
                b.put(new byte[] {1, 1, 1, 1}); // NOPs
            }
            byte[] a = b.array();
            b.putShort(l3 + 10, (short) RefChecksum.checksum(RefChecksum.words(a, l3, ipHeader)));
        }
        if (protocol == TCP) {
            b.putShort((short) 40000).putShort((short) 5201).putInt((int) seq).putInt(0x01020304);
            b.put((byte) (l4HeaderLength / 4 << 4)).put((byte) tcpFlags).putShort((short) 502);
            b.putShort((short) 0).putShort((short) 0);
            if (timestamps) {
                b.put(new byte[] {1, 1, 8, 10, 0, 0, 0x12, 0x34, 0, 0, 0x56, 0x78});
            }
        } else {
            b.putShort((short) 40000).putShort((short) 4789).putShort((short) l4Length).putShort((short) 0);
        }
        b.put(payload);
        byte[] a = b.array();
        int checkAt = l4 + csumOffset();
        long pseudo = RefChecksum.pseudo(a, l3, protocol, l4Length);
        int check;
        if (partial) {
            check = RefChecksum.fold(pseudo);
        } else {
            check = RefChecksum.checksum(pseudo + RefChecksum.words(a, l4, l4Length));
            if (protocol == UDP && check == 0) {
                check = 0xFFFF;
            }
        }
        b.putShort(checkAt, (short) check);
        return a;
    }
}
