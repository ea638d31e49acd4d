package dev.lanyard.dataplane.tap;

import java.nio.ByteBuffer;

/**
 * A view of one frame in a {@link CaptureRing}, filled by {@link CaptureRing#peek}: valid until the reader advances
 * past it. The bytes are {@code [offset(), offset() + capturedLength())} of {@link #buffer()}.
 */
public final class CapturedFrame {
    private ByteBuffer buffer;
    private int offset;
    private int capturedLength;
    private int wireLength;
    private int port;
    private TapDirection direction;
    private long epochNanos;

    void set(ByteBuffer buffer, int offset, int capturedLength, int wireLength, int port, TapDirection direction,
            long epochNanos) {
        this.buffer = buffer;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.wireLength = wireLength;
        this.port = port;
        this.direction = direction;
        this.epochNanos = epochNanos;
    }

    /** The ring's memory; use absolute indexes. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Index of the frame's first byte. */
    public int offset() {
        return offset;
    }

    /** Bytes kept (at most the snaplen). */
    public int capturedLength() {
        return capturedLength;
    }

    /** The frame's length on the wire. */
    public int wireLength() {
        return wireLength;
    }

    /** Index of the port it crossed. */
    public int port() {
        return port;
    }

    /** Which way it crossed. */
    public TapDirection direction() {
        return direction;
    }

    /**
     * Nanoseconds since the epoch (CLOCK_REALTIME): the kernel's receive time for a received frame, the end of the
     * burst's transmit kick for a sent one.
     */
    public long epochNanos() {
        return epochNanos;
    }

    /** The captured bytes as a new array. */
    public byte[] toArray() {
        byte[] out = new byte[capturedLength];
        buffer.get(offset, out);
        return out;
    }
}
