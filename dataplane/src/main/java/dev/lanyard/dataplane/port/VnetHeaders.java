package dev.lanyard.dataplane.port;

import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.linux.VirtioNet;

import java.nio.ByteBuffer;

/**
 * Writes the virtio_net_hdr that goes before a frame on a vnet-enabled transmit path: the received one, shifted by
 * four bytes where a stripped VLAN tag is put back in front of the offsets, or an all-zero one (no offload) for a
 * frame that arrived without.
 */
public final class VnetHeaders {
    private VnetHeaders() {
    }

    /** Writes 10 bytes at {@code at} of a little-endian buffer. */
    public static void write(FrameBatch batch, int i, ByteBuffer le, int at) {
        int src = batch.vnetOffset(i);
        if (src == FrameBatch.NO_VNET) {
            le.putLong(at, 0L);
            le.putShort(at + 8, (short) 0);
            return;
        }
        ByteBuffer in = batch.buffer(i);
        int shift = batch.tci(i) == EthernetFlyweight.NO_TAG ? 0 : EthernetFlyweight.TAG_LENGTH;
        int flags = in.get(src + VirtioNet.FLAGS_OFFSET) & 0xFF;
        int hdrLen = u16(in, src + VirtioNet.HDR_LEN_OFFSET);
        int csumStart = u16(in, src + VirtioNet.CSUM_START_OFFSET);
        le.put(at + VirtioNet.FLAGS_OFFSET, (byte) flags);
        le.put(at + VirtioNet.GSO_TYPE_OFFSET, in.get(src + VirtioNet.GSO_TYPE_OFFSET));
        le.putShort(at + VirtioNet.HDR_LEN_OFFSET, (short) (hdrLen == 0 ? 0 : hdrLen + shift));
        le.putShort(at + VirtioNet.GSO_SIZE_OFFSET, (short) u16(in, src + VirtioNet.GSO_SIZE_OFFSET));
        le.putShort(at + VirtioNet.CSUM_START_OFFSET,
                (short) ((flags & VirtioNet.F_NEEDS_CSUM) != 0 ? csumStart + shift : csumStart));
        le.putShort(at + VirtioNet.CSUM_OFFSET_OFFSET, (short) u16(in, src + VirtioNet.CSUM_OFFSET_OFFSET));
    }

    /** The gso_type of frame i (0 without a vnet header). */
    public static int gsoType(FrameBatch batch, int i) {
        int src = batch.vnetOffset(i);
        return src == FrameBatch.NO_VNET ? VirtioNet.GSO_NONE
                : batch.buffer(i).get(src + VirtioNet.GSO_TYPE_OFFSET) & 0xFF;
    }

    /** A little-endian u16 from a big-endian buffer. */
    public static int u16(ByteBuffer be, int at) {
        return Short.reverseBytes(be.getShort(at)) & 0xFFFF;
    }
}
