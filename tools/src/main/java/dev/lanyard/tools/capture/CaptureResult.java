package dev.lanyard.tools.capture;

/**
 * How a capture ended.
 *
 * @param written      frames written to the pcapng stream
 * @param dropped      matching frames lost because a ring was full (the writer fell behind)
 * @param limitReached true when it stopped after the requested count
 */
public record CaptureResult(long written, long dropped, boolean limitReached) {
    /** What {@code lanyard capture} prints at the end: "12 frames captured, 0 dropped". */
    public String summary() {
        return written + (written == 1 ? " frame" : " frames") + " captured, " + dropped + " dropped";
    }
}
