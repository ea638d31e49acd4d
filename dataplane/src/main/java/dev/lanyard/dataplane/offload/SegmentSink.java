package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;

/**
 * Where {@link GsoSegmenter} writes segments: the caller's own memory, such as a TX ring slot, so a segment is
 * built once in place and never copied again. The segmenter calls {@link #claim} and then, once the segment is
 * complete, {@link #commit}; it writes with absolute puts from the returned buffer's position and moves neither its
 * position nor its limit. A port that wants a virtio_net_hdr before each frame reserves it itself and returns the
 * buffer positioned after it.
 */
public interface SegmentSink {
    /**
     * Room for the next segment.
     *
     * @param maxLength the segment's length in bytes
     * @return a buffer whose position is where the segment goes and with at least {@code maxLength} bytes before its
     *     limit, or null when the sink is full (the segmenter then stops and reports {@link OffloadError#SINK_FULL})
     */
    ByteBuffer claim(int maxLength);

    /** The segment written at the last claimed position is complete and {@code length} bytes long. */
    void commit(int length);
}
