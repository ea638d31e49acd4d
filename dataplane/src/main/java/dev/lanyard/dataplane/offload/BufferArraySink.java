package dev.lanyard.dataplane.offload;

import java.nio.ByteBuffer;

/**
 * A {@link SegmentSink} over a preallocated array of buffers, one segment per buffer: for tests, and for a port
 * that collects a frame's segments before handing them on (a TAP written with writev, a memory port).
 * {@link #reset()} makes it reusable without allocating.
 */
public final class BufferArraySink implements SegmentSink {
    private final ByteBuffer[] slots;
    private final int[] lengths;
    private int count;

    /** A sink over the given buffers, which it owns from now on (it sets their position and limit). */
    public BufferArraySink(ByteBuffer[] slots) {
        if (slots.length == 0) {
            throw new IllegalArgumentException("a sink needs at least one slot");
        }
        this.slots = slots.clone();
        this.lengths = new int[slots.length];
    }

    /** A sink of {@code slots} direct buffers of {@code slotSize} bytes each. */
    public static BufferArraySink allocate(int slots, int slotSize) {
        ByteBuffer[] buffers = new ByteBuffer[slots];
        for (int i = 0; i < slots; i++) {
            buffers[i] = ByteBuffer.allocateDirect(slotSize);
        }
        return new BufferArraySink(buffers);
    }

    @Override
    public ByteBuffer claim(int maxLength) {
        if (count == slots.length) {
            return null;
        }
        ByteBuffer slot = slots[count];
        slot.clear();
        return slot;
    }

    @Override
    public void commit(int length) {
        lengths[count++] = length;
    }

    /** Segments committed since the last reset. */
    public int count() {
        return count;
    }

    /** Number of slots. */
    public int capacity() {
        return slots.length;
    }

    /** The buffer of segment {@code i}; its bytes are at {@code [0, length(i))}. */
    public ByteBuffer buffer(int i) {
        checkIndex(i);
        return slots[i];
    }

    /** Length of segment {@code i}. */
    public int length(int i) {
        checkIndex(i);
        return lengths[i];
    }

    /** Forgets every segment, so the slots can be claimed again. */
    public void reset() {
        count = 0;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("segment " + i + " of " + count);
        }
    }
}
