package dev.lanyard.dataplane.tap;

/**
 * Something that looks at frames at the tap points: a capture or a live trace. It has a selection of ports and
 * directions, a matcher (one instance per worker) and per-worker buffers that the workers fill and one reader
 * drains. Started and stopped through the switch's {@link Taps}; closing stops it.
 */
public abstract class Tap implements AutoCloseable {
    private final long id;
    private final TapSelection selection;
    private final FrameMatcher[] matchers;
    private final Taps owner;
    private volatile boolean stopped;

    protected Tap(long id, TapSelection selection, FrameMatcher matcher, int workers, Taps owner) {
        this.id = id;
        this.selection = selection;
        this.owner = owner;
        this.matchers = new FrameMatcher[workers];
        for (int w = 0; w < workers; w++) {
            matchers[w] = matcher.forThread();
        }
    }

    /** A number unique among the taps of one switch. */
    public final long id() {
        return id;
    }

    /** The ports and directions looked at. */
    public final TapSelection selection() {
        return selection;
    }

    /** The matcher worker {@code worker} uses. */
    public final FrameMatcher matcher(int worker) {
        return matchers[worker];
    }

    /** Number of workers, and so of per-worker buffers. */
    public final int workers() {
        return matchers.length;
    }

    /** True once stopped: no worker adds anything any more (the buffers may still hold frames to drain). */
    public final boolean stopped() {
        return stopped;
    }

    final void markStopped() {
        stopped = true;
    }

    /**
     * Stops the tap: it leaves the published set, and once this returns no worker writes into its buffers any more
     * (when the switch runs on a {@code Dataplane}, which waits for every worker to finish its burst). Idempotent;
     * never call it from a worker thread.
     */
    @Override
    public final void close() {
        owner.stop(this);
    }
}
