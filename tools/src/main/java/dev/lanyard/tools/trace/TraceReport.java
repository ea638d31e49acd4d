package dev.lanyard.tools.trace;

import java.util.List;

/**
 * A trace as plain values, ready for JSON (the daemon's API) and for {@link TraceText}.
 *
 * @param ingress       the ingress port's name
 * @param ingressIndex  its index
 * @param length        the frame's length on the wire
 * @param live          true for a real frame, false for a synthetic one (a prediction)
 * @param rxEpochNanos  live: the receive timestamp, nanoseconds since the epoch; null for a synthetic frame
 * @param nanosInSwitch live: receive timestamp to the end of the transmit kick; null for a synthetic frame
 * @param steps         decode, learn, lookup, action (and, live, time), in order
 * @param egress        the copies sent or that would be sent
 * @param egressOmitted live: copies of a wide flood not kept
 */
public record TraceReport(String ingress, int ingressIndex, int length, boolean live, Long rxEpochNanos,
        Long nanosInSwitch, List<TraceStep> steps, List<EgressReport> egress, int egressOmitted) {

    /** Copies the lists. */
    public TraceReport {
        steps = List.copyOf(steps);
        egress = List.copyOf(egress);
    }

    /** The step of that name, or null. */
    public TraceStep step(String name) {
        for (TraceStep s : steps) {
            if (s.step().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
