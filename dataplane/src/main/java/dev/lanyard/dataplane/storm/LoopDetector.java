package dev.lanyard.dataplane.storm;

import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.port.Port;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Notices a loop by its effect: the same flooded frame coming back into the switch through another port shortly
 * after it came in, as a hardware switch's loopback detection notices its own probe frames coming back (here the
 * flooded traffic itself is the probe, so nothing is sent). Every frame the switch floods leaves a hash of its
 * bytes, its ingress port and the time in a small table; a flooded frame whose hash is there under another port
 * within {@link #WINDOW_MILLIS} is a frame the switch has sent out before. A host repeating a frame is not a loop (it
 * comes in on the same port), and two ports seeing one frame byte for byte, source MAC included, is a loop or a MAC
 * on two ports at once, which a switch flags either way.
 *
 * <p>The table is shared by the switch's workers, because a loop's ports may be polled by different ones. Each slot
 * is one long written and read with opaque accesses: a lost or stale entry misses one sighting of a frame that
 * comes back again and again, which a loop's frames do. No locks, no allocation per frame.
 */
public final class LoopDetector {
    /** How soon a frame must come back to count; a loop's round trip is microseconds to milliseconds. */
    public static final long WINDOW_MILLIS = 500;
    /** Least time between two log lines of one switch. */
    public static final long REPORT_INTERVAL_MILLIS = 10_000;
    /** Bytes of a frame hashed: headers and the start of the payload tell frames apart. */
    static final int HASHED_BYTES = 128;
    static final int SLOTS = 4096;
    /** A slot: 31 bits of the hash (the slot's index is the low bits), looped, port (16 bits), time (16 bits, ms). */
    private static final long CHECK_MASK = 0xFFFF_FFFE_0000_0000L;
    private static final long LOOPED = 1L << 32;
    private static final long M = 0x9E37_79B9_7F4A_7C15L;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final Logger LOG = Logger.getLogger(LoopDetector.class.getName());

    private final String switchName;
    private final long[] table = new long[SLOTS];
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);
    private volatile LoopReport last;

    /** The detector of one switch (named in its log lines). */
    public LoopDetector(String switchName) {
        this.switchName = switchName;
    }

    /** A 64-bit hash of a frame's first {@link #HASHED_BYTES} bytes, its length and a tag the kernel stripped. */
    public static long hash(ByteBuffer b, int offset, int length, int tci) {
        long h = M * (length + 1) ^ tci;
        int n = Math.min(length, HASHED_BYTES);
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            h = (h ^ b.getLong(offset + i)) * M;
            h ^= h >>> 32;
        }
        long tail = 0;
        for (; i < n; i++) {
            tail = tail << 8 | (b.get(offset + i) & 0xFF);
        }
        h = (h ^ tail) * M;
        // MurmurHash3's finalizer, so that both the slot (low bits) and the check (high bits) depend on every byte.
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        return h ^ h >>> 33;
    }

    /**
     * Records a flooded frame of this hash coming in on {@code ingress}; returns the port it came in on before when
     * this is a loop, or -1. A frame seen within the window on another port is a loop; so is one seen again on the
     * same port once it has looped, because a loop's two copies (one each way round) may enter one port in turn.
     */
    public int check(long hash, int ingress, long nowMillis) {
        int slot = (int) hash & (SLOTS - 1);
        long old = (long) SLOT.getOpaque(table, slot);
        int earlier = (int) (old >>> 16) & 0xFFFF;
        boolean looped = old != 0 && ((old ^ hash) & CHECK_MASK) == 0 && (nowMillis - old & 0xFFFF) <= WINDOW_MILLIS
                && (earlier != ingress || (old & LOOPED) != 0);
        long entry = hash & CHECK_MASK | (looped ? LOOPED : 0) | (long) (ingress & 0xFFFF) << 16
                | nowMillis & 0xFFFF;
        if (old != entry) {
            SLOT.setOpaque(table, slot, entry);
        }
        return looped ? earlier : -1;
    }

    /**
     * A loop seen by a worker: logs it, at most once per {@link #REPORT_INTERVAL_MILLIS} for the switch, and keeps
     * it as the last report. Allocates only when it logs.
     */
    public void detected(PortTable ports, int earlier, int back, long src, int vid, long nowMillis) {
        long next = nextReport.get();
        if (nowMillis < next || !nextReport.compareAndSet(next, nowMillis + REPORT_INTERVAL_MILLIS)) {
            return;
        }
        LoopReport r = new LoopReport(name(ports, earlier), name(ports, back), MacAddress.toString(src), vid,
                nowMillis);
        last = r;
        LOG.warning(() -> "switch " + switchName + ": loop detected: a flooded frame from " + r.source() + " (VLAN "
                + r.vlan() + ") that came in on port " + r.firstPort() + " came back on port " + r.returnPort()
                + " within " + WINDOW_MILLIS + " ms; the ports are cabled into a loop somewhere. Looped frames are"
                + " counted as loop_detected on the ports; storm control bounds them. Next report in "
                + REPORT_INTERVAL_MILLIS / 1000 + " s at the earliest.");
    }

    /** The loop logged last, or null when none was seen. */
    public LoopReport last() {
        return last;
    }

    private static String name(PortTable ports, int index) {
        Port p = ports.port(index);
        return p == null ? "#" + index : p.name();
    }

    /**
     * A loop as it was logged.
     *
     * @param firstPort   the port the frame came in on first
     * @param returnPort  the port it came back on
     * @param source      the frame's source MAC
     * @param vlan        its VLAN
     * @param atMillis    when, on {@link dev.lanyard.dataplane.Clock#millis()}
     */
    public record LoopReport(String firstPort, String returnPort, String source, int vlan, long atMillis) {
    }
}
