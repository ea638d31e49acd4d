package dev.lanyard.dataplane.worker;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * A worker's way of waiting for frames: busy while frames come, asleep when they stop. After a burst it keeps
 * polling epoll without blocking for a short spin window; frames that come meanwhile are taken without a wake-up (no
 * interrupt to the worker's core, no scheduler round trip, bigger bursts). Once the window passes without a frame
 * it blocks in epoll as before, so an idle switch costs nothing. NAPI's interrupt mitigation, in user space.
 */
final class AdaptivePoll implements SelectStrategy {
    /** The strategy of the loop running on this thread, found by the handles that run there. */
    private static final ThreadLocal<AdaptivePoll> CURRENT = new ThreadLocal<>();

    private final long spinNanos;
    private long lastFrames;
    private boolean registered;

    AdaptivePoll(long spinMicros) {
        this.spinNanos = spinMicros * 1000;
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
        if (!registered) {
            CURRENT.set(this);
            registered = true;
        }
        if (hasTasks || System.nanoTime() - lastFrames < spinNanos) {
            return selectSupplier.get();
        }
        return SelectStrategy.SELECT;
    }

    /** Called on a worker's thread when it took frames: the spin window starts again. */
    static void tookFrames() {
        AdaptivePoll p = CURRENT.get();
        if (p != null) {
            p.lastFrames = System.nanoTime();
        }
    }
}
