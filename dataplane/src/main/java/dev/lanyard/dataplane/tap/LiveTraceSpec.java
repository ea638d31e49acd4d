package dev.lanyard.dataplane.tap;

/**
 * What a live trace follows: frames received on the selected ports that the matcher accepts, recorded in a ring of
 * {@code slots} records per worker; records the reader has not taken when the ring is full are dropped and counted.
 *
 * @param selection the ingress ports looked at (directions do not matter: a trace follows a frame from its ingress)
 * @param matcher   which frames are traced
 * @param slots     records per worker, at least 1
 */
public record LiveTraceSpec(TapSelection selection, FrameMatcher matcher, int slots) {
    /** Default records per worker. */
    public static final int DEFAULT_SLOTS = 256;

    /** Checks the values. */
    public LiveTraceSpec {
        if (selection == null || matcher == null) {
            throw new IllegalArgumentException("a live trace needs a selection and a matcher");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("a live trace needs at least one slot per worker, not " + slots);
        }
    }

    /** Default slots. */
    public static LiveTraceSpec of(TapSelection selection, FrameMatcher matcher) {
        return new LiveTraceSpec(selection, matcher, DEFAULT_SLOTS);
    }
}
