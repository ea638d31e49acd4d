package dev.lanyard.dataplane.tap;

import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.ForwardingCore;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.FrameCopy;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.trace.LookupKind;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One worker's tap points: the pipeline calls {@link #rx} for each received frame after its decision, {@link #tx}
 * for each egress copy, and {@link #end} after the burst's transmit kick, but only while a {@link TapSet} is active.
 * A frame is matched at most once per tap however many copies it makes, and seen as on the wire: a VLAN tag the
 * kernel stripped is put back (into a staging buffer) before any matcher or ring sees it. Allocates nothing.
 */
public final class WorkerTap {
    /** Room for the largest frame a port hands over (a GSO frame) with its tag put back. */
    private static final int STAGE = 70 * 1024;
    private static final byte UNKNOWN = 0;
    private static final byte YES = 1;
    private static final byte NO = 2;

    private final int worker;
    private final ByteBuffer stage = ByteBuffer.allocateDirect(STAGE);
    private final byte[] matched = new byte[Taps.MAX_TAPS];
    private final LiveRecord[] records = new LiveRecord[Taps.MAX_TAPS];
    private TapSet set = TapSet.NONE;
    private PortTable ports;
    private MacTable fdb;
    private long nowMillis;
    private int frame = -1;
    private boolean viewReady;
    private ByteBuffer viewBuffer;
    private int viewOffset;
    private int viewLength;

    /** The tap points of worker {@code worker}. */
    public WorkerTap(int worker) {
        this.worker = worker;
    }

    /** Starts a burst under a tap set, with the port and MAC tables the burst is decided with. */
    public void begin(TapSet taps, PortTable portTable, MacTable table, long now) {
        this.set = taps;
        this.ports = portTable;
        this.fdb = table;
        this.nowMillis = now;
        this.frame = -1;
    }

    /** A received frame, after learning ({@code learned}, a LearnResult code) and the decision ({@code action}). */
    public void rx(int port, FrameBatch batch, int i, EthernetFlyweight eth, int status, int learned, int action) {
        startFrame(i);
        CaptureSession[] captures = set.captures();
        for (int c = 0; c < captures.length; c++) {
            CaptureSession s = captures[c];
            if (s.selection().wants(port, TapDirection.RX) && matches(c, s, batch, i)) {
                s.ring(worker).offer(viewBuffer, viewOffset, Math.min(viewLength, s.snaplen()), viewLength, port,
                        TapDirection.RX, batch.timestamp(i), false);
            }
        }
        LiveTrace[] traces = set.traces();
        for (int t = 0; t < traces.length; t++) {
            LiveTrace trace = traces[t];
            LiveRecord r = null;
            if (trace.selection().wantsPort(port) && matches(captures.length + t, trace, batch, i)) {
                r = trace.ring(worker).claim();
                if (r != null) {
                    fill(r, port, batch, i, eth, status, learned, action);
                }
            }
            records[t] = r;
        }
    }

    /** One egress copy of the frame last passed to {@link #rx}: {@link TxQueue#QUEUED} or a drop ordinal. */
    public void tx(int port, FrameBatch batch, int i, int result) {
        if (i != frame) {
            startFrame(i);
            Arrays.fill(records, null);
        }
        CaptureSession[] captures = set.captures();
        if (result == TxQueue.QUEUED) {
            for (int c = 0; c < captures.length; c++) {
                CaptureSession s = captures[c];
                if (s.selection().wants(port, TapDirection.TX) && matches(c, s, batch, i)) {
                    s.ring(worker).offer(viewBuffer, viewOffset, Math.min(viewLength, s.snaplen()), viewLength,
                            port, TapDirection.TX, 0, true);
                }
            }
        }
        LiveTrace[] traces = set.traces();
        for (int t = 0; t < traces.length; t++) {
            if (records[t] != null) {
                records[t].addEgress(port, result);
            }
        }
    }

    /** Ends the burst: stamps its sent copies and traces with the kick time and publishes every ring. */
    public void end(long kickNanos) {
        for (CaptureSession s : set.captures()) {
            s.ring(worker).publish(kickNanos);
        }
        LiveTrace[] traces = set.traces();
        for (int t = 0; t < traces.length; t++) {
            traces[t].ring(worker).publish(kickNanos);
            records[t] = null;
        }
        frame = -1;
    }

    private void startFrame(int i) {
        frame = i;
        viewReady = false;
        Arrays.fill(matched, UNKNOWN);
    }

    private boolean matches(int k, Tap tap, FrameBatch batch, int i) {
        byte m = matched[k];
        if (m == UNKNOWN) {
            view(batch, i);
            m = tap.matcher(worker).matches(viewBuffer, viewOffset, viewLength, viewLength) ? YES : NO;
            matched[k] = m;
        }
        return m == YES;
    }

    /** The frame as on the wire: in place, or staged with its stripped tag put back. */
    private void view(FrameBatch batch, int i) {
        if (viewReady) {
            return;
        }
        viewReady = true;
        if (batch.tci(i) != EthernetFlyweight.NO_TAG) {
            int n = FrameCopy.copy(batch, i, stage, 0, STAGE);
            if (n >= 0) {
                viewBuffer = stage;
                viewOffset = 0;
                viewLength = n;
                return;
            }
        }
        viewBuffer = batch.buffer(i);
        viewOffset = batch.offset(i);
        viewLength = batch.length(i);
    }

    private void fill(LiveRecord r, int port, FrameBatch batch, int i, EthernetFlyweight eth, int status,
            int learned, int action) {
        r.port = port;
        r.rxNanos = batch.timestamp(i);
        r.kickNanos = 0;
        r.wireLength = viewLength;
        r.headLength = Math.min(viewLength, LiveTrace.HEAD_BYTES);
        viewBuffer.get(viewOffset, r.head, 0, r.headLength);
        r.status = status;
        r.learn = learned;
        r.action = action;
        r.egressCount = 0;
        r.egressTotal = 0;
        r.lookupKind = LookupKind.NOT_DONE;
        if (ForwardingCore.beforeLookup(port, eth, status, ports) == ForwardingCore.NEEDS_LOOKUP) {
            long entry = fdb.lookup(eth.vid(), eth.dst());
            r.lookupKind = LookupKind.classify(entry, fdb, ports, nowMillis);
            r.lookupPort = entry == 0 ? -1 : MacTable.portOf(entry);
            r.lookupStatic = MacTable.isStatic(entry);
            r.lookupAge = entry == 0 ? -1 : MacTable.ageOf(entry, nowMillis);
        }
    }
}
