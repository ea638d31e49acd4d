package dev.lanyard.dataplane.port;

import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.linux.VirtioNet;
import dev.lanyard.dataplane.offload.Checksums;
import dev.lanyard.dataplane.offload.GsoSegmenter;
import dev.lanyard.dataplane.offload.OffloadError;
import dev.lanyard.dataplane.offload.PartialChecksum;
import dev.lanyard.dataplane.offload.SegmentSink;

import java.nio.ByteBuffer;

/**
 * Finishes in software what a sender left to offload, for an egress that cannot take it (a port without a vnet
 * header): segments a GSO frame, or completes an unfinished checksum. The frame is first staged with its tag put
 * back, so the source stays untouched for the other ports a flood sends it to. One instance per worker and queue.
 */
public final class SoftwareOffload {
    private static final int STAGE = 70 * 1024;

    private final GsoSegmenter segmenter = new GsoSegmenter();
    private final PartialChecksum partial = new PartialChecksum();
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGE);

    /** True when frame i carries offload work that a port without a vnet header must finish. */
    public static boolean needed(FrameBatch batch, int i) {
        if ((batch.flags(i) & FrameBatch.FLAG_CSUM_NOT_READY) != 0) {
            return true;
        }
        int v = batch.vnetOffset(i);
        if (v == FrameBatch.NO_VNET) {
            return false;
        }
        ByteBuffer b = batch.buffer(i);
        return (b.get(v + VirtioNet.FLAGS_OFFSET) & VirtioNet.F_NEEDS_CSUM) != 0
                || (b.get(v + VirtioNet.GSO_TYPE_OFFSET) & 0xFF) != VirtioNet.GSO_NONE;
    }

    /**
     * Writes the finished frame, or its segments, into the sink. Returns how many frames were written, or a
     * negative {@link OffloadError#code()}.
     */
    public int finish(FrameBatch batch, int i, SegmentSink sink) {
        int n = FrameCopy.copy(batch, i, staging, 0, STAGE);
        if (n < 0) {
            return OffloadError.BAD_BOUNDS.code();
        }
        int v = batch.vnetOffset(i);
        int shift = batch.tci(i) == EthernetFlyweight.NO_TAG ? 0 : EthernetFlyweight.TAG_LENGTH;
        ByteBuffer src = batch.buffer(i);
        int flags = 0;
        int gsoType = VirtioNet.GSO_NONE;
        int gsoSize = 0;
        int csumStart = 0;
        int csumOffset = 0;
        if (v != FrameBatch.NO_VNET) {
            flags = src.get(v + VirtioNet.FLAGS_OFFSET) & 0xFF;
            gsoType = src.get(v + VirtioNet.GSO_TYPE_OFFSET) & 0xFF;
            gsoSize = le16(src, v + VirtioNet.GSO_SIZE_OFFSET);
            csumStart = le16(src, v + VirtioNet.CSUM_START_OFFSET) + shift;
            csumOffset = le16(src, v + VirtioNet.CSUM_OFFSET_OFFSET);
        }
        boolean needsCsum = (flags & VirtioNet.F_NEEDS_CSUM) != 0;
        if ((gsoType & ~VirtioNet.GSO_ECN) != VirtioNet.GSO_NONE) {
            return segmenter.segment(staging, 0, n, gsoType, gsoSize,
                    needsCsum ? csumStart : GsoSegmenter.NO_PARTIAL_CSUM, csumOffset, sink);
        }
        ByteBuffer out = sink.claim(n);
        if (out == null) {
            return OffloadError.SINK_FULL.code();
        }
        int at = out.position();
        out.put(at, staging, 0, n);
        int r = 0;
        if (needsCsum) {
            r = Checksums.completePartial(out, at, n, csumStart, csumOffset);
        } else if ((batch.flags(i) & FrameBatch.FLAG_CSUM_NOT_READY) != 0) {
            r = partial.complete(out, at, n);
        }
        if (r < 0) {
            return r;
        }
        sink.commit(n);
        return 1;
    }

    private static int le16(ByteBuffer be, int at) {
        return Short.reverseBytes(be.getShort(at)) & 0xFFFF;
    }
}
