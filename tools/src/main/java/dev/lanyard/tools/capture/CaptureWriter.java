package dev.lanyard.tools.capture;

import dev.lanyard.dataplane.tap.CaptureRing;
import dev.lanyard.dataplane.tap.CaptureSession;
import dev.lanyard.dataplane.tap.CapturedFrame;
import dev.lanyard.dataplane.tap.TapDirection;
import dev.lanyard.tools.pcapng.Direction;
import dev.lanyard.tools.pcapng.PcapngWriter;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Drains a capture's rings, one per worker, into a pcapng stream: frames merged across workers by timestamp (each
 * ring is taken in order, the oldest head goes first), one interface block per port written the first time the
 * port shows up, direction flags and original lengths kept. Stops after a given number of frames or when told to;
 * either way it then stops the capture, writes what was already captured (up to the count) and flushes. One thread
 * runs it; {@link #stop()} may come from any other (Ctrl-C).
 */
public final class CaptureWriter {
    /** How long the writer sleeps when the rings are empty: the delay a live reader ({@code tshark -r -}) sees. */
    public static final long IDLE_NANOS = 1_000_000;
    private static final int RELEASE_EVERY = 64;
    private static final int MAX_PER_DRAIN = 4096;

    private final CaptureSession session;
    private final PcapngWriter out;
    private final IntFunction<String> portNames;
    private final long limit;
    private final CaptureRing[] rings;
    private final CapturedFrame[] heads;
    private final boolean[] ready;
    private int[] interfaceOf = new int[16];
    private volatile long written;
    private volatile boolean stopRequested;

    /**
     * A writer for a session, to a pcapng stream, naming ports with {@code portNames} (index to name); stops after
     * {@code limit} frames, or never when the limit is 0.
     */
    public CaptureWriter(CaptureSession session, PcapngWriter out, IntFunction<String> portNames, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("frame count must be 0 (no limit) or positive, not " + limit);
        }
        this.session = session;
        this.out = out;
        this.portNames = portNames;
        this.limit = limit;
        this.rings = new CaptureRing[session.workers()];
        this.heads = new CapturedFrame[rings.length];
        this.ready = new boolean[rings.length];
        for (int w = 0; w < rings.length; w++) {
            rings[w] = session.ring(w);
            heads[w] = new CapturedFrame();
        }
        Arrays.fill(interfaceOf, -1);
    }

    /**
     * Writes until {@link #stop()}, an interrupt or the limit; flushes after every round that wrote something, so a
     * reader at the end of a pipe sees frames as they come. Then stops the capture, writes what it still holds and
     * flushes. The stream is left open for the caller to close.
     */
    public CaptureResult run() throws IOException {
        try {
            while (!stopRequested && !limitReached() && !Thread.currentThread().isInterrupted()) {
                if (drainOnce() > 0) {
                    out.flush();
                } else {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        } finally {
            session.close();
        }
        drainOnce();
        out.flush();
        return result();
    }

    /** Asks {@link #run()} to finish; returns at once. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Writes what the rings hold now (at most a few thousand frames, and never past the limit), oldest first across
     * workers; returns how many. Does not flush.
     */
    public int drainOnce() throws IOException {
        for (int r = 0; r < rings.length; r++) {
            ready[r] = rings[r].peek(heads[r]);
        }
        int n = 0;
        try {
            while (n < MAX_PER_DRAIN && !limitReached()) {
                int best = -1;
                for (int r = 0; r < rings.length; r++) {
                    if (ready[r] && (best < 0 || heads[r].epochNanos() < heads[best].epochNanos())) {
                        best = r;
                    }
                }
                if (best < 0) {
                    break;
                }
                write(heads[best]);
                rings[best].advance();
                written = written + 1;
                if (++n % RELEASE_EVERY == 0) {
                    releaseAll();
                }
                ready[best] = rings[best].peek(heads[best]);
            }
        } finally {
            releaseAll();
        }
        return n;
    }

    /** Frames written so far. */
    public long written() {
        return written;
    }

    /** True once the requested number of frames is written. */
    public boolean limitReached() {
        return limit != 0 && written >= limit;
    }

    /** Frames written and dropped so far. */
    public CaptureResult result() {
        return new CaptureResult(written, session.dropped(), limitReached());
    }

    private void write(CapturedFrame f) throws IOException {
        int port = f.port();
        if (port >= interfaceOf.length) {
            int old = interfaceOf.length;
            interfaceOf = Arrays.copyOf(interfaceOf, Math.max(port + 1, old * 2));
            Arrays.fill(interfaceOf, old, interfaceOf.length, -1);
        }
        if (interfaceOf[port] < 0) {
            interfaceOf[port] = out.addInterface(portNames.apply(port), session.snaplen());
        }
        out.writePacket(interfaceOf[port], f.epochNanos(), f.buffer(), f.offset(), f.capturedLength(),
                f.wireLength(), f.direction() == TapDirection.RX ? Direction.INBOUND : Direction.OUTBOUND);
    }

    private void releaseAll() {
        for (CaptureRing r : rings) {
            r.release();
        }
    }
}
