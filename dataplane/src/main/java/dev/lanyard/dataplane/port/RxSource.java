package dev.lanyard.dataplane.port;

import dev.lanyard.dataplane.counter.WorkerCounters;

/**
 * The receive side of a port that an event loop polls: a file descriptor that becomes readable, and a way to take a
 * burst of frames from it. Frames stay valid until {@link #release()}; all calls come from the owning worker.
 */
public interface RxSource {
    /** The descriptor to watch for EPOLLIN. */
    int fd();

    /**
     * Appends up to a burst of frames to the batch and returns how many. Frames the receive side itself rejects (a
     * GSO frame larger than a ring slot, an outgoing frame on a kernel without PACKET_IGNORE_OUTGOING) are counted
     * as received and dropped on {@code port} in {@code counters}.
     */
    int receive(FrameBatch batch, WorkerCounters counters, int port);

    /** Gives the frames of the last receive back (to the kernel's ring, or to the read buffer). */
    void release();

    /** Folds what the kernel counted since the last call (PACKET_STATISTICS drops) into the counters. */
    void collectStatistics(WorkerCounters counters, int port);
}
