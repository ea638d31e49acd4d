package dev.lanyard.dataplane.tap;

/**
 * The captures and live traces running at one moment, published copy-on-write: a worker reads the current set
 * with one volatile load per burst, and when the set is empty its tap points cost one branch per frame.
 */
public final class TapSet {
    /** Nothing running. */
    public static final TapSet NONE = new TapSet(new CaptureSession[0], new LiveTrace[0]);

    private final CaptureSession[] captures;
    private final LiveTrace[] traces;
    private final boolean active;

    TapSet(CaptureSession[] captures, LiveTrace[] traces) {
        this.captures = captures;
        this.traces = traces;
        this.active = captures.length + traces.length > 0;
    }

    /** True when anything runs. */
    public boolean active() {
        return active;
    }

    /** The captures running; do not modify. */
    CaptureSession[] captures() {
        return captures;
    }

    /** The live traces running; do not modify. */
    LiveTrace[] traces() {
        return traces;
    }

    /** Number of captures. */
    public int captureCount() {
        return captures.length;
    }

    /** Number of live traces. */
    public int traceCount() {
        return traces.length;
    }
}
