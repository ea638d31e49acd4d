package dev.lanyard.dataplane.port;

import dev.lanyard.dataplane.frame.EthernetFlyweight;

import java.nio.ByteBuffer;

/**
 * A burst of received frames, as references into the memory they arrived in (an RX ring, a TAP read buffer, a test
 * array), with what the receive side learnt about each: a VLAN tag the kernel stripped, the offset of a
 * virtio_net_hdr, whether the checksum is unfinished, and the receive time. Preallocated once per worker and
 * refilled per burst; nothing here is allocated per frame.
 */
public final class FrameBatch {
    /** Frames taken from one port per burst, as OVS's NETDEV_MAX_BURST. */
    public static final int MAX_BURST = 32;
    /** No virtio_net_hdr precedes the frame. */
    public static final int NO_VNET = -1;
    /** Flag: the transport checksum is unfinished (TP_STATUS_CSUMNOTREADY without a vnet header). */
    public static final int FLAG_CSUM_NOT_READY = 1;

    private final ByteBuffer[] buffers = new ByteBuffer[MAX_BURST];
    private final int[] offsets = new int[MAX_BURST];
    private final int[] lengths = new int[MAX_BURST];
    private final int[] tpids = new int[MAX_BURST];
    private final int[] tcis = new int[MAX_BURST];
    private final int[] vnetOffsets = new int[MAX_BURST];
    private final int[] flags = new int[MAX_BURST];
    private final long[] timestamps = new long[MAX_BURST];
    private final long[] addresses = new long[MAX_BURST];
    private int count;

    /** Empties the batch. */
    public void clear() {
        count = 0;
    }

    /** True when no more frames fit. */
    public boolean full() {
        return count == MAX_BURST;
    }

    /** Frames in the batch. */
    public int count() {
        return count;
    }

    /** Appends a frame with no stripped tag, no vnet header and no flags. */
    public void add(ByteBuffer buffer, int offset, int length, long timestampNanos) {
        add(buffer, offset, length, 0, EthernetFlyweight.NO_TAG, NO_VNET, 0, timestampNanos);
    }

    /**
     * Records the native address of buffer index 0 for the frame just added, for transmit paths that hand memory
     * to the kernel without copying it in Java (0, the default, means the buffer has no known address).
     */
    public void setBaseAddress(long bufferAddress) {
        addresses[count - 1] = bufferAddress;
    }

    /** Appends a frame. The buffer must be big-endian; {@code tci} is {@link EthernetFlyweight#NO_TAG} if none. */
    public void add(ByteBuffer buffer, int offset, int length, int tpid, int tci, int vnetOffset, int frameFlags,
            long timestampNanos) {
        int i = count++;
        buffers[i] = buffer;
        offsets[i] = offset;
        lengths[i] = length;
        tpids[i] = tpid;
        tcis[i] = tci;
        vnetOffsets[i] = vnetOffset;
        flags[i] = frameFlags;
        timestamps[i] = timestampNanos;
        addresses[i] = 0;
    }

    /** The buffer holding frame i. */
    public ByteBuffer buffer(int i) {
        return buffers[i];
    }

    /** Absolute index of frame i's first byte. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Length of frame i as it sits in memory (without a stripped tag). */
    public int length(int i) {
        return lengths[i];
    }

    /** Length of frame i on the wire: with a stripped tag put back. */
    public int wireLength(int i) {
        return tcis[i] == EthernetFlyweight.NO_TAG ? lengths[i] : lengths[i] + EthernetFlyweight.TAG_LENGTH;
    }

    /** TPID of a stripped tag (0 for 802.1Q). */
    public int tpid(int i) {
        return tpids[i];
    }

    /** TCI of a stripped tag, or {@link EthernetFlyweight#NO_TAG}. */
    public int tci(int i) {
        return tcis[i];
    }

    /** Absolute index of frame i's virtio_net_hdr, or {@link #NO_VNET}. */
    public int vnetOffset(int i) {
        return vnetOffsets[i];
    }

    /** Flags of frame i. */
    public int flags(int i) {
        return flags[i];
    }

    /** Native address of index 0 of frame i's buffer, or 0 when it has none (a heap buffer). */
    public long baseAddress(int i) {
        return addresses[i];
    }

    /** Receive time of frame i, in nanoseconds since the epoch. */
    public long timestamp(int i) {
        return timestamps[i];
    }
}
