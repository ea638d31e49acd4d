package dev.lanyard.dataplane.forward;

import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.fdb.MacTable;
import dev.lanyard.dataplane.frame.EthernetFlyweight;
import dev.lanyard.dataplane.frame.MacAddress;

/**
 * The forwarding decision and the learning step, with the kernel bridge's 802.1D behaviour. {@link #decide} is a
 * pure function of the ingress port, the decoded header and the table and port snapshots, so it is unit-tested
 * without sockets and replayed by the tracer. The checks run in VPP's l2_fwd order: a miss floods, a stale entry
 * floods, a hit on the ingress port is a reflection.
 */
public final class ForwardingCore {
    /** Returned by {@link #beforeLookup} when the decision needs the table's entry for the destination. */
    public static final int NEEDS_LOOKUP = Integer.MIN_VALUE;
    private static final DropReason[] DECODE_ERRORS = {null, DropReason.RUNT, DropReason.TRUNCATED_TAG,
        DropReason.BAD_LENGTH};

    private ForwardingCore() {
    }

    /**
     * Learns the frame's source on the ingress port, when that port learns and the source is a unicast address.
     * Call only for frames that decoded cleanly on a forwarding port. Returns a {@link LearnResult} code.
     */
    public static int learn(int ingress, EthernetFlyweight eth, MacTable table, PortTable ports, long nowMillis) {
        if (!ports.learning(ingress)) {
            return LearnResult.DISABLED;
        }
        long src = eth.src();
        if (!MacAddress.isValidSource(src)) {
            return LearnResult.INVALID_SOURCE;
        }
        return table.learn(eth.vid(), src, ingress, nowMillis, ports.macLimit(ingress));
    }

    /**
     * What {@link #learn} would return, without changing the table: for traces, which explain a frame's path
     * without sending it.
     */
    public static int predictLearn(int ingress, EthernetFlyweight eth, MacTable table, PortTable ports,
            long nowMillis) {
        if (!ports.learning(ingress)) {
            return LearnResult.DISABLED;
        }
        long src = eth.src();
        if (!MacAddress.isValidSource(src)) {
            return LearnResult.INVALID_SOURCE;
        }
        return table.predictLearn(eth.vid(), src, ingress, nowMillis, ports.macLimit(ingress));
    }

    /** Where the frame goes: an {@link Action} code. {@code decodeStatus} is what the flyweight's wrap returned. */
    public static int decide(int ingress, EthernetFlyweight eth, int decodeStatus, MacTable table, PortTable ports,
            long nowMillis) {
        int early = beforeLookup(ingress, eth, decodeStatus, ports);
        if (early != NEEDS_LOOKUP) {
            return early;
        }
        return afterLookup(ingress, table.lookup(eth.vid(), eth.dst()), table, ports, nowMillis);
    }

    /**
     * The part of the decision that needs no table: decode errors, a disabled ingress, an invalid source, group
     * destinations. Returns an {@link Action} code, or {@link #NEEDS_LOOKUP} for a unicast destination.
     */
    public static int beforeLookup(int ingress, EthernetFlyweight eth, int decodeStatus, PortTable ports) {
        if (decodeStatus != EthernetFlyweight.OK) {
            return Action.drop(DECODE_ERRORS[decodeStatus]);
        }
        if (!ports.forwarding(ingress)) {
            return Action.drop(DropReason.INGRESS_DISABLED);
        }
        if (!MacAddress.isValidSource(eth.src())) {
            return Action.drop(DropReason.INVALID_SOURCE);
        }
        long dst = eth.dst();
        if (MacAddress.isGroup(dst)) {
            if (MacAddress.isLinkLocal(dst)) {
                return Action.drop(DropReason.LINK_LOCAL);
            }
            return dst == MacAddress.BROADCAST ? Action.FLOOD_BROADCAST : Action.FLOOD_MULTICAST;
        }
        return NEEDS_LOOKUP;
    }

    /**
     * The rest of the decision for a unicast destination, given the value word the table returned for it (0 for
     * none). Returns an {@link Action} code.
     */
    public static int afterLookup(int ingress, long entry, MacTable table, PortTable ports, long nowMillis) {
        if (entry == 0 || table.isStale(entry, nowMillis)) {
            return Action.FLOOD_UNKNOWN;
        }
        int egress = MacTable.portOf(entry);
        if (egress == ingress) {
            return Action.drop(DropReason.REFLECTION);
        }
        if (ports.port(egress) == null) {
            return Action.FLOOD_UNKNOWN;
        }
        if (ports.isolated(ingress) && ports.isolated(egress)) {
            return Action.drop(DropReason.ISOLATED);
        }
        if (!ports.forwarding(egress)) {
            return Action.drop(DropReason.EGRESS_DOWN);
        }
        return Action.output(egress);
    }
}
