package dev.lanyard.dataplane.trace;

import dev.lanyard.dataplane.Clock;
import dev.lanyard.dataplane.Switch;
import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.forward.ForwardingCore;
import dev.lanyard.dataplane.forward.PortTable;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.port.Port;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a synthetic frame through the pipeline's steps without sending it, as {@code ovs-appctl ofproto/trace} does:
 * a pure function of the switch's port table and MAC table. Learning is predicted, never done, so the table is
 * left exactly as it was.
 */
public final class Tracer {
    private Tracer() {
    }

    /** Traces a frame as if it had just arrived on port {@code ingress} of the switch. */
    public static Trace trace(Switch sw, int ingress, byte[] frame) {
        return trace(sw.ports(), sw.fdb(), ingress, frame, Clock.millis());
    }

    /** Traces a frame as if it had arrived on port {@code ingress} at {@code nowMillis} (the MAC table's clock). */
    public static Trace trace(PortTable ports, MacTable fdb, int ingress, byte[] frame, long nowMillis) {
        Port in = ports.port(ingress);
        if (in == null) {
            throw new IllegalArgumentException("no port with index " + ingress);
        }
        EthernetFlyweight eth = new EthernetFlyweight();
        int status = eth.wrap(ByteBuffer.wrap(frame), 0, frame.length);
        int learn = status == EthernetFlyweight.OK && ports.forwarding(ingress)
                ? ForwardingCore.predictLearn(ingress, eth, fdb, ports, nowMillis) : LearnResult.SKIPPED;
        int action = ForwardingCore.beforeLookup(ingress, eth, status, ports);
        Lookup lookup = Lookup.NOT_DONE;
        if (action == ForwardingCore.NEEDS_LOOKUP) {
            if (eth.dst() == eth.src() && (learn == LearnResult.NEW || learn == LearnResult.MOVED)) {
                // The pipeline learns before it looks up: a frame to its own source finds what it just taught.
                lookup = new Lookup(LookupKind.HIT, ingress, false, 0);
                action = Action.drop(DropReason.REFLECTION);
            } else {
                long entry = fdb.lookup(eth.vid(), eth.dst());
                lookup = Lookup.of(entry, fdb, ports, nowMillis);
                action = ForwardingCore.afterLookup(ingress, entry, fdb, ports, nowMillis);
            }
        }
        return new Trace(ingress, in.name(), frame.clone(), frame.length, status, learn, lookup, action,
                egress(ports, ingress, action, frame.length), 0, 0, 0, false);
    }

    private static List<Egress> egress(PortTable ports, int ingress, int action, int length) {
        List<Egress> out = new ArrayList<>();
        if (Action.isOutput(action)) {
            out.add(copy(ports, action, length));
        } else if (Action.isFlood(action)) {
            for (int p : ports.forwardingPorts()) {
                if (ports.floodsTo(ingress, p, action == Action.FLOOD_UNKNOWN)) {
                    out.add(copy(ports, p, length));
                }
            }
        }
        return out;
    }

    private static Egress copy(PortTable ports, int port, int length) {
        Port p = ports.port(port);
        return new Egress(port, p.name(), length > p.maxFrameLength() ? DropReason.OVERSIZE : null);
    }
}
