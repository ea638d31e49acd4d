package dev.lanyard.dataplane.worker;

import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.Port;
import dev.lanyard.dataplane.port.RxSource;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;

/**
 * A port's receive descriptor on its worker's epoll loop. On readiness it drains up to a few bursts (then lets the
 * loop serve the other ports; epoll is level-triggered, so it comes back), runs each burst through the pipeline and
 * gives the frames back. Nothing escapes {@link #handle}: an exception that escaped would make Netty log, sleep and
 * carry on, leaving the port silently stuck, so it is caught, counted and reported here.
 */
final class RxHandle implements EpollIoHandle {
    /** Bursts drained per readiness event before other ports get their turn. */
    static final int BURSTS_PER_EVENT = 8;

    private final FileDescriptor fd;
    private final Port port;
    private final RxSource rx;
    private final int index;
    private final Worker worker;
    private volatile boolean detached;

    RxHandle(Port port, int index, Worker worker) {
        this.port = port;
        this.rx = port.rx();
        this.fd = new FileDescriptor(rx.fd());
        this.index = index;
        this.worker = worker;
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    Port port() {
        return port;
    }

    int index() {
        return index;
    }

    /** Stops handling events; the loop deregisters the descriptor. */
    void detach() {
        detached = true;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        if (detached) {
            return;
        }
        try {
            if (event instanceof EpollIoEvent e && e.ops().contains(EpollIoOps.EPOLLERR)) {
                worker.rxError(this);
            }
            FrameBatch batch = worker.batch();
            for (int b = 0; b < BURSTS_PER_EVENT; b++) {
                batch.clear();
                int n = rx.receive(batch, worker.counters(), index);
                if (batch.count() > 0) {
                    worker.pipeline().process(index, batch);
                    AdaptivePoll.tookFrames();
                }
                rx.release();
                if (n < FrameBatch.MAX_BURST) {
                    break;
                }
            }
        } catch (Throwable t) {
            releaseQuietly();
            worker.failure(this, t);
        }
    }

    /** Folds kernel drop counts into the worker's counters; runs on the loop. */
    void collectStatistics() {
        if (!detached) {
            rx.collectStatistics(worker.counters(), index);
        }
    }

    private void releaseQuietly() {
        try {
            rx.release();
        } catch (RuntimeException ignored) {
            // The failure being reported is the one that matters.
        }
    }

    @Override
    public void close() {
        // Netty closes handles when the loop shuts down; the port owns and closes the descriptor itself.
        detached = true;
    }
}
