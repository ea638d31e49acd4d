package dev.lanyard.dataplane.port;

/**
 * The transmit side of a port as one worker sees it. Each worker owns its own queue per port (its own TX socket
 * and ring), so a queue is only ever touched by one thread and needs no lock.
 */
public interface TxQueue {
    /** Returned by {@link #offer} when the frame was queued. */
    int QUEUED = -1;

    /**
     * Copies frame {@code i} of the batch into the queue, putting back a stripped VLAN tag and handling offloads.
     * Returns {@link #QUEUED}, or the ordinal of the {@link dev.lanyard.dataplane.forward.DropReason} it was
     * dropped for. Never blocks.
     */
    int offer(FrameBatch batch, int i);

    /** Hands everything queued since the last flush to the kernel: one kick per burst. */
    void flush();
}
