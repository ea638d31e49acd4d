package dev.lanyard.dataplane.tap;

import java.util.ArrayList;
import java.util.List;

/**
 * A switch's captures and live traces: control threads start and stop them here, and every change publishes a new
 * immutable {@link TapSet} that the workers read once per burst (copy-on-write, never a lock on the hot path).
 */
public final class Taps {
    /** Most captures and live traces running at once on one switch. */
    public static final int MAX_TAPS = 16;

    private final int workers;
    private final List<CaptureSession> captures = new ArrayList<>();
    private final List<LiveTrace> traces = new ArrayList<>();
    private volatile TapSet current = TapSet.NONE;
    private volatile Runnable quiescer = () -> { };
    private long nextId = 1;

    /** The taps of a switch with {@code workers} workers. */
    public Taps(int workers) {
        this.workers = workers;
    }

    /** The set running now: the one volatile read a worker makes per burst. */
    public TapSet current() {
        return current;
    }

    /**
     * What {@link Tap#close()} runs after unpublishing a tap, to wait until no worker still uses it; the dataplane
     * installs a wait for every worker to finish its burst. Without one (a pipeline driven by its caller), closing
     * returns at once.
     */
    public void quiescer(Runnable waitForWorkers) {
        this.quiescer = waitForWorkers;
    }

    /** Starts a capture. */
    public synchronized CaptureSession startCapture(CaptureSpec spec) {
        checkRoom();
        CaptureSession s = new CaptureSession(nextId++, spec, workers, this);
        captures.add(s);
        publish();
        return s;
    }

    /** Starts a live trace. */
    public synchronized LiveTrace startTrace(LiveTraceSpec spec) {
        checkRoom();
        LiveTrace t = new LiveTrace(nextId++, spec, workers, this);
        traces.add(t);
        publish();
        return t;
    }

    /** The captures running, oldest first. */
    public synchronized List<CaptureSession> captures() {
        return List.copyOf(captures);
    }

    /** The live traces running, oldest first. */
    public synchronized List<LiveTrace> traces() {
        return List.copyOf(traces);
    }

    void stop(Tap tap) {
        synchronized (this) {
            if (captures.remove(tap) || traces.remove(tap)) {
                tap.markStopped();
                publish();
            }
        }
        if (tap.stopped()) {
            quiescer.run();
        }
    }

    private void checkRoom() {
        if (captures.size() + traces.size() >= MAX_TAPS) {
            throw new IllegalStateException("already " + MAX_TAPS + " captures and live traces running; stop one "
                    + "first");
        }
    }

    private void publish() {
        current = new TapSet(captures.toArray(new CaptureSession[0]), traces.toArray(new LiveTrace[0]));
    }
}
