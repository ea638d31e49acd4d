package dev.lanyard.dataplane.tap;

/**
 * What a capture looks at and how much it keeps: ports and directions, a matcher, the most bytes kept of a frame
 * (snaplen), and the size of each worker's ring in bytes and frames. Frames that find their ring full are dropped
 * from the capture and counted; forwarding never waits for a capture.
 *
 * @param selection  ports and directions
 * @param matcher    which frames are wanted
 * @param snaplen    most bytes kept of each frame, 1 to {@link #MAX_SNAPLEN}
 * @param ringBytes  bytes of each worker's ring: a power of two from {@link #MIN_RING_BYTES} to
 *                   {@link #MAX_RING_BYTES}
 * @param ringFrames most frames waiting in each worker's ring, at least 1
 */
public record CaptureSpec(TapSelection selection, FrameMatcher matcher, int snaplen, int ringBytes, int ringFrames) {
    /** tcpdump's default and largest snaplen. */
    public static final int MAX_SNAPLEN = 262_144;
    /** Default ring size per worker. */
    public static final int DEFAULT_RING_BYTES = 4 << 20;
    /** Default most frames per worker ring. */
    public static final int DEFAULT_RING_FRAMES = 32_768;
    /** Smallest ring. */
    public static final int MIN_RING_BYTES = 4096;
    /** Largest ring. */
    public static final int MAX_RING_BYTES = 1 << 30;

    /** Checks the values. */
    public CaptureSpec {
        if (selection == null || matcher == null) {
            throw new IllegalArgumentException("a capture needs a selection and a matcher");
        }
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen must be between 1 and " + MAX_SNAPLEN + ", not " + snaplen);
        }
        if (Integer.bitCount(ringBytes) != 1 || ringBytes < MIN_RING_BYTES || ringBytes > MAX_RING_BYTES) {
            throw new IllegalArgumentException("capture ring size must be a power of two between " + MIN_RING_BYTES
                    + " and " + MAX_RING_BYTES + " bytes, not " + ringBytes);
        }
        if (ringFrames < 1) {
            throw new IllegalArgumentException("capture ring must hold at least one frame, not " + ringFrames);
        }
    }

    /** Whole frames, default rings. */
    public static CaptureSpec of(TapSelection selection, FrameMatcher matcher) {
        return new CaptureSpec(selection, matcher, MAX_SNAPLEN, DEFAULT_RING_BYTES, DEFAULT_RING_FRAMES);
    }

    /** A copy with another snaplen. */
    public CaptureSpec withSnaplen(int n) {
        return new CaptureSpec(selection, matcher, n, ringBytes, ringFrames);
    }

    /** A copy with other ring sizes. */
    public CaptureSpec withRing(int bytes, int frames) {
        return new CaptureSpec(selection, matcher, snaplen, bytes, frames);
    }
}
