package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;

/**
 * Completes the unfinished transport checksum of a frame whose offsets are not known from a vnet header (a frame
 * that an AF_PACKET ring without PACKET_VNET_HDR marked TP_STATUS_CSUMNOTREADY): the headers are walked to find
 * the TCP or UDP checksum field. One instance per thread.
 */
public final class PartialChecksum {
    private final FrameHeaders headers = new FrameHeaders();

    /** Completes it in place; returns the value stored or a negative {@link OffloadError#code()}. */
    public int complete(ByteBuffer frame, int offset, int length) {
        int r = headers.parse(frame, offset, length);
        if (r < 0) {
            return r;
        }
        if (headers.l4HeaderLength == 0) {
            return OffloadError.CSUM_MISMATCH.code();
        }
        return Checksums.completePartial(frame, offset, length, headers.l4Offset - offset, headers.checkOffset());
    }
}
