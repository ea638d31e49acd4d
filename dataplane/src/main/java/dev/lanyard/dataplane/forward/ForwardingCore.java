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

    /** Where the frame goes: an {@link Action} code. {@code decodeStatus} is what the flyweight's wrap returned. */
    public static int decide(int ingress, EthernetFlyweight eth, int decodeStatus, MacTable table, PortTable ports,
            long nowMillis) {
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
        long entry = table.lookup(eth.vid(), dst);
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
