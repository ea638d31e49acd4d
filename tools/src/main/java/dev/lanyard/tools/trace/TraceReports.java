package dev.lanyard.tools.trace;

import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.forward.DropReason;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.MacAddress;
import dev.lanyard.dataplane.frame.PacketDecoder;
import dev.lanyard.dataplane.trace.Egress;
import dev.lanyard.dataplane.trace.Lookup;
import dev.lanyard.dataplane.trace.LookupKind;
import dev.lanyard.dataplane.trace.Trace;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Explains a {@link Trace} step by step: the sentences and keys of a {@link TraceReport}. */
public final class TraceReports {
    private static final String[] LEARN_KEYS = {
        "unchanged", "new", "refresh", "move", "refused-table-full", "refused-port-limit", "refused-static",
        "contended", "disabled", "invalid-source", "static",
    };

    private TraceReports() {
    }

    /** The report of a trace. */
    public static TraceReport of(Trace t) {
        PacketDecoder decoder = new PacketDecoder();
        decoder.decode(ByteBuffer.wrap(t.frame()), 0, t.frame().length, 0, EthernetFlyweight.NO_TAG);
        EthernetFlyweight eth = decoder.ethernet();
        List<TraceStep> steps = new ArrayList<>();
        steps.add(new TraceStep("decode", decodeKey(t.decodeStatus()), FrameSummary.describe(decoder, t)));
        steps.add(learn(t, eth));
        steps.add(lookup(t, eth));
        steps.add(action(t));
        if (t.live()) {
            steps.add(new TraceStep("time", "in-switch", String.format(Locale.ROOT, "%.1f us in the switch",
                    t.timeInSwitchNanos() / 1_000.0)));
        }
        List<EgressReport> egress = new ArrayList<>();
        for (Egress e : t.egress()) {
            egress.add(new EgressReport(e.name(), e.port(), e.queued(), e.drop() == null ? null : e.drop().key()));
        }
        return new TraceReport(t.ingressName(), t.ingress(), t.wireLength(), t.live(),
                t.live() ? t.rxNanos() : null, t.live() ? t.timeInSwitchNanos() : null, steps, egress,
                t.egressOmitted());
    }

    private static String decodeKey(int status) {
        switch (status) {
            case EthernetFlyweight.OK:
                return "ok";
            case EthernetFlyweight.RUNT:
                return DropReason.RUNT.key();
            case EthernetFlyweight.TRUNCATED_TAG:
                return DropReason.TRUNCATED_TAG.key();
            default:
                return DropReason.BAD_LENGTH.key();
        }
    }

    private static TraceStep learn(Trace t, EthernetFlyweight eth) {
        int code = t.learn();
        if (code == LearnResult.SKIPPED) {
            return new TraceStep("learn", "skipped", "skipped: " + (t.decodeStatus() != EthernetFlyweight.OK
                    ? "the frame did not decode" : t.ingressName() + " is not forwarding (disabled or link down)"));
        }
        String key = code >= 0 && code < LEARN_KEYS.length ? LEARN_KEYS[code] : "unknown";
        return new TraceStep("learn", key, MacAddress.toString(eth.src()) + " in vlan " + eth.vid() + " on "
                + t.ingressName() + ": " + LearnResult.label(code));
    }

    private static TraceStep lookup(Trace t, EthernetFlyweight eth) {
        Lookup l = t.lookup();
        String dst = MacAddress.toString(eth.dst());
        if (l.kind() == LookupKind.NOT_DONE) {
            return new TraceStep("lookup", LookupKind.NOT_DONE.key(), "skipped: " + whyNoLookup(t, eth, dst));
        }
        String head = dst + " in vlan " + eth.vid() + ": ";
        String port = portName(t, l.port());
        switch (l.kind()) {
            case MISS:
                return new TraceStep("lookup", "miss", head + "miss");
            case STALE:
                return new TraceStep("lookup", "stale", head + "stale entry on " + port + ", last seen "
                        + seconds(l.ageMillis()) + " ago, past the ageing time: treated as a miss");
            case GONE:
                return new TraceStep("lookup", "gone", head + "entry on port " + l.port()
                        + ", which is gone: treated as a miss");
            default:
                String entry = " (" + (l.isStatic() ? "static" : "dynamic, last seen " + seconds(l.ageMillis())
                        + " ago") + ")";
                if (l.port() == t.ingress()) {
                    return new TraceStep("lookup", "hit", head + "hit on " + port + ", the ingress port" + entry);
                }
                return new TraceStep("lookup", "hit", head + "hit on " + port + entry);
        }
    }

    private static String whyNoLookup(Trace t, EthernetFlyweight eth, String dst) {
        if (t.decodeStatus() != EthernetFlyweight.OK) {
            return "the frame did not decode";
        }
        if (Action.isDrop(t.action())) {
            switch (Action.reason(t.action())) {
                case INGRESS_DISABLED:
                    return t.ingressName() + " is not forwarding (disabled or link down)";
                case INVALID_SOURCE:
                    return "the source " + MacAddress.toString(eth.src()) + " is not a unicast address";
                case LINK_LOCAL:
                    return dst + " is an IEEE 802.1D link-local address";
                default:
                    break;
            }
        }
        if (MacAddress.isBroadcast(eth.dst())) {
            return dst + " is the broadcast address";
        }
        return dst + " is a multicast address";
    }

    private static TraceStep action(Trace t) {
        int a = t.action();
        if (Action.isDrop(a)) {
            DropReason r = Action.reason(a);
            return new TraceStep("action", "drop", "drop: " + r.key() + " (" + r.label() + ")");
        }
        if (t.floodedNowhere()) {
            return new TraceStep("action", "drop", "drop: " + DropReason.NO_EGRESS.key() + " ("
                    + DropReason.NO_EGRESS.label() + ")");
        }
        if (Action.isOutput(a)) {
            String to = t.egress().isEmpty() ? portName(t, a) : copy(t, t.egress().get(0));
            return new TraceStep("action", "output", "output to " + to);
        }
        StringBuilder sb = new StringBuilder(Action.describe(a)).append(" to [");
        for (int k = 0; k < t.egress().size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(copy(t, t.egress().get(k)));
        }
        if (t.egressOmitted() > 0) {
            sb.append(", and ").append(t.egressOmitted()).append(" more");
        }
        return new TraceStep("action", "flood", sb.append(']').toString());
    }

    private static String copy(Trace t, Egress e) {
        if (e.queued()) {
            return e.name();
        }
        return e.name() + " (" + (t.live() ? "dropped: " : "would be dropped: ") + e.drop().key() + ")";
    }

    private static String portName(Trace t, int index) {
        if (index == t.ingress()) {
            return t.ingressName();
        }
        for (Egress e : t.egress()) {
            if (e.port() == index) {
                return e.name();
            }
        }
        return "port " + index;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
