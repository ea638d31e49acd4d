package dev.lanyard.dataplane.tap;

/**
 * A running capture: its spec and one {@link CaptureRing} per worker. Workers copy matching frames into their own
 * ring; one reader (the capture writer) drains them all. Started with {@link Taps#startCapture}, stopped with
 * {@link #close()}.
 */
public final class CaptureSession extends Tap {
    private final CaptureSpec spec;
    private final CaptureRing[] rings;

    CaptureSession(long id, CaptureSpec spec, int workers, Taps owner) {
        super(id, spec.selection(), spec.matcher(), workers, owner);
        this.spec = spec;
        this.rings = new CaptureRing[workers];
        for (int w = 0; w < workers; w++) {
            rings[w] = new CaptureRing(spec.ringBytes(), spec.ringFrames());
        }
    }

    /** How it was started. */
    public CaptureSpec spec() {
        return spec;
    }

    /** Most bytes kept of a frame. */
    public int snaplen() {
        return spec.snaplen();
    }

    /** Worker {@code worker}'s ring. */
    public CaptureRing ring(int worker) {
        return rings[worker];
    }

    /** Frames copied into the rings so far, over all workers. */
    public long captured() {
        long n = 0;
        for (CaptureRing r : rings) {
            n += r.frames();
        }
        return n;
    }

    /** Matching frames lost so far because a ring was full, over all workers. */
    public long dropped() {
        long n = 0;
        for (CaptureRing r : rings) {
            n += r.drops();
        }
        return n;
    }

    @Override
    public String toString() {
        return "capture " + id() + " (" + selection() + ", snaplen " + snaplen() + ")";
    }
}
