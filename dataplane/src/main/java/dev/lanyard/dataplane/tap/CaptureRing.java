package dev.lanyard.dataplane.tap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One worker's ring of frame copies for one capture: single producer (the worker), single consumer (the capture
 * writer), preallocated direct memory bounded in bytes and in frames. The worker copies matching frames in and
 * publishes them once per burst with one release store; a frame that does not fit is dropped and counted, so the
 * worker never waits. Records are 8-byte aligned:
 * <pre>
 *  0        4          8       12     14    15     16           24
 *  | length | captured | wire  | port | dir | flags| epoch nanos | data (captured bytes) ...
 * </pre>
 * in network byte order, where length is header plus data, or {@code PADDING} for the unused end of the ring before
 * a wrap. A sent frame's time is the end of its burst's transmit kick, known only at publication, so its record is
 * stamped then.
 */
public final class CaptureRing {
    static final int HEADER = 24;
    private static final int CAPTURED = 4;
    private static final int WIRE = 8;
    private static final int PORT = 12;
    private static final int DIRECTION = 14;
    private static final int FLAGS = 15;
    private static final int TIME = 16;
    private static final int PADDING = -1;
    private static final int STAMP_AT_KICK = 1;
    private static final VarHandle PUBLISHED;
    private static final VarHandle HEAD;
    private static final VarHandle HEAD_FRAMES;
    private static final VarHandle FRAMES;
    private static final VarHandle DROPS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PUBLISHED = l.findVarHandle(CaptureRing.class, "published", long.class);
            HEAD = l.findVarHandle(CaptureRing.class, "head", long.class);
            HEAD_FRAMES = l.findVarHandle(CaptureRing.class, "headFrames", long.class);
            FRAMES = l.findVarHandle(CaptureRing.class, "frames", long.class);
            DROPS = l.findVarHandle(CaptureRing.class, "drops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ByteBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxFrames;

    // Producer (worker) side.
    private long tail;
    private long tailFrames;
    private long publishedTail;
    private long cachedHead;
    private long cachedHeadFrames;
    private int pendingStamps;
    private long frames;
    private long drops;

    // Shared: written by one side with release stores, read by the other with acquire loads.
    @SuppressWarnings("unused")
    private long published;
    @SuppressWarnings("unused")
    private long head;
    @SuppressWarnings("unused")
    private long headFrames;

    // Consumer (writer) side.
    private long readPosition;
    private long readFrames;
    private long cachedPublished;
    private int peekedLength = -1;

    /** A ring of {@code capacityBytes} (a power of two, at least 4096) holding at most {@code maxFrames}. */
    public CaptureRing(int capacityBytes, int maxFrames) {
        if (Integer.bitCount(capacityBytes) != 1 || capacityBytes < CaptureSpec.MIN_RING_BYTES) {
            throw new IllegalArgumentException("ring capacity must be a power of two of at least "
                    + CaptureSpec.MIN_RING_BYTES + ", not " + capacityBytes);
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("a ring holds at least one frame, not " + maxFrames);
        }
        this.buffer = ByteBuffer.allocateDirect(capacityBytes);
        this.capacity = capacityBytes;
        this.mask = capacityBytes - 1;
        this.maxFrames = maxFrames;
    }

    /** Bytes of ring memory. */
    public int capacity() {
        return capacity;
    }

    /** Most frames waiting at once. */
    public int maxFrames() {
        return maxFrames;
    }

    /** Frames copied in so far (published or about to be). Any thread. */
    public long frames() {
        return (long) FRAMES.getOpaque(this);
    }

    /** Frames dropped so far because the ring was full. Any thread. */
    public long drops() {
        return (long) DROPS.getOpaque(this);
    }

    // ---------------------------------------------------------------- producer

    /**
     * Producer: copies {@code captured} bytes of a frame into the ring, unpublished until {@link #publish}. A sent
     * frame ({@code stampAtKick}) gets its time at publication. Returns false, counting a drop, when the frame does
     * not fit. Allocates nothing.
     */
    public boolean offer(ByteBuffer src, int offset, int captured, int wire, int port, TapDirection direction,
            long epochNanos, boolean stampAtKick) {
        int need = align(HEADER + captured);
        int at = (int) (tail & mask);
        int toEnd = capacity - at;
        int waste = need > toEnd ? toEnd : 0;
        if (!hasRoom(need + waste)) {
            DROPS.setOpaque(this, drops + 1);
            return false;
        }
        if (waste != 0) {
            buffer.putInt(at, PADDING);
            tail += waste;
            at = 0;
        }
        buffer.putInt(at, HEADER + captured);
        buffer.putInt(at + CAPTURED, captured);
        buffer.putInt(at + WIRE, wire);
        buffer.putShort(at + PORT, (short) port);
        buffer.put(at + DIRECTION, (byte) direction.ordinal());
        buffer.put(at + FLAGS, (byte) (stampAtKick ? STAMP_AT_KICK : 0));
        buffer.putLong(at + TIME, epochNanos);
        buffer.put(at + HEADER, src, offset, captured);
        tail += need;
        tailFrames++;
        if (stampAtKick) {
            pendingStamps++;
        }
        FRAMES.setOpaque(this, frames + 1);
        return true;
    }

    private boolean hasRoom(int bytes) {
        if (bytes > capacity) {
            return false;
        }
        if (tail + bytes - cachedHead <= capacity && tailFrames - cachedHeadFrames < maxFrames) {
            return true;
        }
        cachedHead = (long) HEAD.getAcquire(this);
        cachedHeadFrames = (long) HEAD_FRAMES.getAcquire(this);
        return tail + bytes - cachedHead <= capacity && tailFrames - cachedHeadFrames < maxFrames;
    }

    /**
     * Producer, once per burst: stamps the sent frames of the burst with the end of its transmit kick and makes
     * everything offered so far visible to the consumer.
     */
    public void publish(long kickNanos) {
        if (publishedTail == tail) {
            return;
        }
        if (pendingStamps != 0) {
            long pos = publishedTail;
            while (pos != tail) {
                int at = (int) (pos & mask);
                int length = buffer.getInt(at);
                if (length == PADDING) {
                    pos += capacity - at;
                    continue;
                }
                if ((buffer.get(at + FLAGS) & STAMP_AT_KICK) != 0) {
                    buffer.putLong(at + TIME, kickNanos);
                }
                pos += align(length);
            }
            pendingStamps = 0;
        }
        publishedTail = tail;
        PUBLISHED.setRelease(this, tail);
    }

    // ---------------------------------------------------------------- consumer

    /**
     * Consumer: shows the oldest published frame in {@code view} without consuming it; false when there is none.
     * Calling it again without {@link #advance()} shows the same frame.
     */
    public boolean peek(CapturedFrame view) {
        while (true) {
            if (readPosition == cachedPublished) {
                cachedPublished = (long) PUBLISHED.getAcquire(this);
                if (readPosition == cachedPublished) {
                    peekedLength = -1;
                    return false;
                }
            }
            int at = (int) (readPosition & mask);
            int length = buffer.getInt(at);
            if (length == PADDING) {
                readPosition += capacity - at;
                continue;
            }
            peekedLength = length;
            view.set(buffer, at + HEADER, buffer.getInt(at + CAPTURED), buffer.getInt(at + WIRE),
                    buffer.getShort(at + PORT) & 0xFFFF, TapDirection.of(buffer.get(at + DIRECTION)),
                    buffer.getLong(at + TIME));
            return true;
        }
    }

    /** Consumer: moves past the frame {@link #peek} showed; its memory is given back by {@link #release()}. */
    public void advance() {
        if (peekedLength < 0) {
            throw new IllegalStateException("advance() without a frame from peek()");
        }
        readPosition += align(peekedLength);
        readFrames++;
        peekedLength = -1;
    }

    /** Consumer: gives the memory of every frame advanced past back to the producer. */
    public void release() {
        HEAD_FRAMES.setRelease(this, readFrames);
        HEAD.setRelease(this, readPosition);
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }
}
