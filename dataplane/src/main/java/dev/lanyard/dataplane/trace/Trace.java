package dev.lanyard.dataplane.trace;

import dev.lanyard.dataplane.fdb.LearnResult;
import dev.lanyard.dataplane.forward.Action;
import dev.lanyard.dataplane.frame.EthernetFlyweight;

import java.util.List;

/**
 * A frame's path through the pipeline, step by step: decode, learn, lookup, action and the egress copies. Made by
 * {@link Tracer} for a synthetic frame (a prediction: nothing was sent or learned) or by a live trace for a real
 * frame, which adds the time it spent in the switch. Renderers in tools turn it into text and JSON.
 *
 * @param ingress       the ingress port's index
 * @param ingressName   its name
 * @param frame         the frame's bytes as on the wire, VLAN tag in place; a live trace keeps only the first ones
 * @param wireLength    the frame's full length
 * @param decodeStatus  {@link EthernetFlyweight#OK} or a decode error
 * @param learn         a {@link LearnResult} code, {@link LearnResult#SKIPPED} when learning did not run
 * @param lookup        the destination lookup
 * @param action        the {@link Action} code decided
 * @param egress        the copies sent (or that would be sent), in port order
 * @param egressOmitted further copies of a wide flood that a live trace did not keep
 * @param rxNanos       live: the receive timestamp (CLOCK_REALTIME ns); 0 for a synthetic frame
 * @param kickNanos     live: the end of the burst's transmit kick; 0 for a synthetic frame
 * @param live          true for a real frame, false for a prediction
 */
public record Trace(int ingress, String ingressName, byte[] frame, int wireLength, int decodeStatus, int learn,
        Lookup lookup, int action, List<Egress> egress, int egressOmitted, long rxNanos, long kickNanos,
        boolean live) {

    /** Copies the egress list. */
    public Trace {
        egress = List.copyOf(egress);
    }

    /** Nanoseconds from the receive timestamp to the transmit kick; -1 for a synthetic frame. */
    public long timeInSwitchNanos() {
        return live ? kickNanos - rxNanos : -1;
    }

    /** True when the decision flooded the frame but no port could take it (counted as a no-egress drop). */
    public boolean floodedNowhere() {
        return Action.isFlood(action) && egress.isEmpty() && egressOmitted == 0;
    }
}
