package dev.lanyard.dataplane.tap;

import java.nio.ByteBuffer;

/**
 * Decides whether a frame is wanted by a capture or a live trace: tools' tcpdump-syntax filters implement it. A
 * matcher sees the frame as it was on the wire, VLAN tag included. It runs on worker threads for every frame a tap
 * looks at, so it must allocate nothing; one that keeps scratch state hands each worker its own copy through
 * {@link #forThread()}.
 */
public interface FrameMatcher {
    /** Matches every frame. */
    FrameMatcher ALL = (frame, offset, capturedLength, wireLength) -> true;

    /**
     * True when the frame is wanted. Its bytes are {@code [offset, offset + capturedLength)} of the buffer (absolute
     * indexes; position and limit mean nothing); {@code wireLength} is its full length.
     */
    boolean matches(ByteBuffer frame, int offset, int capturedLength, int wireLength);

    /** The instance one worker thread uses; a stateless matcher is its own. */
    default FrameMatcher forThread() {
        return this;
    }
}
