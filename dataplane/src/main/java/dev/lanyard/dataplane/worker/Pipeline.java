package dev.lanyard.dataplane.worker;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.counter.PortCounter;
import dev.lanyard.dataplane.counter.WorkerCounters;
import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.ForwardingCore;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.frame.EtherType;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.latency.WorkerLatency;
import dev.lanyard.dataplane.port.FrameBatch;
import dev.lanyard.dataplane.port.TxQueue;
import dev.lanyard.dataplane.storm.LoopDetector;
import dev.lanyard.dataplane.storm.StormControl;
import dev.lanyard.dataplane.storm.TokenBuckets;
import dev.lanyard.dataplane.tap.TapSet;
import dev.lanyard.dataplane.tap.WorkerTap;

import java.nio.ByteBuffer;

/**
 * One worker's path for a burst of frames from one port: decode, learn, decide, queue on the egress ports' TX
 * queues, then flush each touched queue once, and record how long each sent frame spent in the switch. Tap points
 * (captures, live traces) sit after each decision and each egress copy; while none runs they cost one branch.
 * A frame to be flooded is first checked for a loop (the same frame back through another port; its source is then
 * not learned) and then, on a port with storm control, policed on its class's token bucket; a port without storm
 * control costs one branch.
 * Owned by one thread; allocates nothing.
 */
public final class Pipeline {
    private final Switch sw;
    private final int worker;
    private final WorkerCounters counters;
    private final WorkerLatency latency;
    private final WorkerTap tap;
    private final LoopDetector loops;
    private final TokenBuckets buckets;
    private final EthernetFlyweight eth = new EthernetFlyweight();
    private final int[] touched;
    private final boolean[] isTouched;
    private int touchedCount;
    private long touchSink;
    /** True while the burst runs under an active tap set. */
    private boolean tapping;
    /** The table's line index of each frame's source and destination bucket, for the burst being touched. */
    private final int[] lines = new int[2 * FrameBatch.MAX_BURST];

    /** The pipeline of worker {@code worker} of a switch. */
    public Pipeline(Switch sw, int worker) {
        this.sw = sw;
        this.worker = worker;
        this.counters = sw.counters(worker);
        this.latency = sw.latency().worker(worker);
        this.tap = new WorkerTap(worker);
        this.loops = sw.loops();
        this.buckets = new TokenBuckets(sw.config().maxPorts());
        this.touched = new int[sw.config().maxPorts()];
        this.isTouched = new boolean[sw.config().maxPorts()];
    }

    /** The worker this pipeline belongs to. */
    public int worker() {
        return worker;
    }

    /** Forwards a burst received on port {@code ingress}. */
    public void process(int ingress, FrameBatch batch) {
        PortTable ports = sw.ports();
        MacTable fdb = sw.fdb();
        TapSet taps = sw.taps().current();
        long now = Clock.millis();
        tapping = taps.active();
        if (tapping) {
            tap.begin(taps, ports, fdb, now);
        }
        long sent = 0; // bit i: frame i was queued on at least one port
        int n = batch.count();
        if (fdb.largerThanCache()) {
            touchBurst(fdb, batch, n);
        }
        for (int i = 0; i < n; i++) {
            counters.rx(ingress, batch.wireLength(i));
            int status = eth.wrap(batch.buffer(i), batch.offset(i), batch.length(i), batch.tpid(i), batch.tci(i));
            // Decided before learning, so that a flooded frame coming back through a loop is known as such before
            // its source could be learned on the loop's port. Learning the source first changes the decision only
            // for a frame addressed to its own source.
            int action = ForwardingCore.decide(ingress, eth, status, fdb, ports, now);
            boolean looped = false;
            if (Action.isFlood(action)) {
                looped = looped(ports, ingress, batch, i, now);
                if (ports.stormControlled(ingress)) {
                    action = police(ports, ingress, action, now);
                }
            }
            int learned = LearnResult.SKIPPED;
            if (status == EthernetFlyweight.OK && ports.forwarding(ingress)) {
                learned = looped ? LearnResult.LOOPED : ForwardingCore.learn(ingress, eth, fdb, ports, now);
                count(ingress, learned);
            }
            if (tapping) {
                tap.rx(ingress, batch, i, eth, status, learned, action);
            }
            if (Action.isOutput(action)) {
                counters.increment(ingress, PortCounter.UNICAST);
                sent |= transmit(ports, action, batch, i);
            } else if (Action.isFlood(action)) {
                sent |= flood(ports, ingress, action == Action.FLOOD_UNKNOWN, batch, i);
            } else {
                counters.rxDrop(ingress, Action.reasonOrdinal(action));
            }
        }
        flush(ports);
        if (sent != 0 || tapping) {
            long kick = Clock.epochNanos();
            if (sent != 0) {
                latency.record(ingress, batch, sent, kick);
            }
            if (tapping) {
                tap.end(kick);
            }
        }
    }

    /**
     * Starts the cache misses of the whole burst's source and destination lookups before the first decision: the
     * bucket of every address is found first, then all of them are read in one tight loop, so the core has as
     * many misses in flight as it can hold instead of the few that fit between two decisions (VPP's prefetch
     * stage, in Java; see {@link MacTable#touchLine}).
     */
    private void touchBurst(MacTable fdb, FrameBatch batch, int n) {
        int[] at = lines;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int length = batch.length(i);
            if (length < EthernetFlyweight.HEADER_LENGTH) {
                continue;
            }
            ByteBuffer b = batch.buffer(i);
            int off = batch.offset(i);
            int vid = batch.tci(i) != EthernetFlyweight.NO_TAG ? batch.tci(i) & 0xFFF
                    : EtherType.isVlanTag(b.getShort(off + EthernetFlyweight.TYPE_OFFSET) & 0xFFFF)
                            && length >= EthernetFlyweight.HEADER_LENGTH + 2
                            ? b.getShort(off + EthernetFlyweight.HEADER_LENGTH) & 0xFFF : 0;
            at[count++] = fdb.lineOf(vid, MacAddress.read(b, off + EthernetFlyweight.SRC_OFFSET));
            at[count++] = fdb.lineOf(vid, MacAddress.read(b, off + EthernetFlyweight.DST_OFFSET));
        }
        long sink = touchSink;
        for (int k = 0; k < count; k++) {
            sink += fdb.touchLine(at[k]);
        }
        touchSink = sink;
    }

    /** Keeps the touch loads from being optimised away; the value means nothing. */
    long touchSink() {
        return touchSink;
    }

    /** Whether frame i, to be flooded, is a flooded frame coming back (a loop); counts and reports it if so. */
    private boolean looped(PortTable ports, int ingress, FrameBatch batch, int i, long now) {
        long hash = LoopDetector.hash(batch.buffer(i), batch.offset(i), batch.length(i), batch.tci(i));
        int earlier = loops.check(hash, ingress, now);
        if (earlier < 0) {
            return false;
        }
        counters.increment(ingress, PortCounter.LOOP_DETECTED);
        loops.detected(ports, earlier, ingress, eth.src(), eth.vid(), now);
        return true;
    }

    /** A flood action policed on the ingress port's storm control: the action, or a storm-control drop. */
    private int police(PortTable ports, int ingress, int action, long now) {
        int trafficClass = StormControl.classOf(action);
        long rate = ports.stormRate(ingress, trafficClass);
        if (rate == StormControl.UNLIMITED
                || buckets.admit(ingress, trafficClass, rate, ports.stormBurst(ingress, trafficClass), now)) {
            return action;
        }
        counters.increment(ingress, PortCounter.stormDrops(trafficClass));
        return Action.drop(DropReason.STORM_CONTROL);
    }

    /** Floods frame i; returns its bit when at least one copy was queued, else 0. */
    private long flood(PortTable ports, int ingress, boolean unknownUnicast, FrameBatch batch, int i) {
        int[] egress = ports.forwardingPorts();
        int copies = 0;
        long queued = 0;
        for (int p : egress) {
            if (ports.floodsTo(ingress, p, unknownUnicast)) {
                queued |= transmit(ports, p, batch, i);
                copies++;
            }
        }
        if (copies == 0) {
            counters.rxDrop(ingress, DropReason.NO_EGRESS.ordinal());
        } else {
            counters.increment(ingress, PortCounter.FLOODED);
        }
        return queued;
    }

    /** Queues frame i on a port; returns its bit in the burst's sent mask when queued, else 0. */
    private long transmit(PortTable ports, int egress, FrameBatch batch, int i) {
        TxQueue q = ports.txQueue(worker, egress);
        int result = q.offer(batch, i);
        if (tapping) {
            tap.tx(egress, batch, i, result);
        }
        if (result == TxQueue.QUEUED) {
            counters.tx(egress, batch.wireLength(i));
            if (!isTouched[egress]) {
                isTouched[egress] = true;
                touched[touchedCount++] = egress;
            }
            return 1L << i;
        }
        counters.txDrop(egress, result);
        return 0;
    }

    private void flush(PortTable ports) {
        for (int k = 0; k < touchedCount; k++) {
            int p = touched[k];
            isTouched[p] = false;
            ports.txQueue(worker, p).flush();
        }
        touchedCount = 0;
    }

    private void count(int port, int learnResult) {
        if (learnResult == LearnResult.NEW) {
            counters.increment(port, PortCounter.LEARNED);
        } else if (learnResult == LearnResult.MOVED) {
            counters.increment(port, PortCounter.MOVED);
        } else if (LearnResult.refused(learnResult)) {
            counters.increment(port, PortCounter.LEARN_REFUSED);
        }
    }
}
