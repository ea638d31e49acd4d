package dev.lanyard.tools.trace;

import dev.lanyard.dataplane.trace.Trace;

import java.time.Instant;

/**
 * A trace as text, one step per line, in the spirit of {@code ovs-appctl ofproto/trace}:
 * <pre>
 * Frame: 60 bytes on p0 (port 0), not sent
 * decode: 02:00:00:00:00:10 &gt; 02:00:00:00:00:11, untagged, ethertype 0x88b5
 * learn:  02:00:00:00:00:10 in vlan 0 on p0: new
 * lookup: 02:00:00:00:00:11 in vlan 0: hit on p1 (dynamic, last seen 2.0 s ago)
 * action: output to p1
 * </pre>
 * A live trace adds the receive time to the first line and a last line with the time in the switch.
 */
public final class TraceText {
    private TraceText() {
    }

    /** Renders a trace. */
    public static String render(Trace trace) {
        return render(TraceReports.of(trace));
    }

    /** Renders a report; lines end in '\n'. */
    public static String render(TraceReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Frame: ").append(report.length()).append(report.length() == 1 ? " byte" : " bytes")
                .append(" on ").append(report.ingress()).append(" (port ").append(report.ingressIndex()).append(')');
        if (report.live()) {
            long t = report.rxEpochNanos();
            sb.append(" at ").append(Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L),
                    Math.floorMod(t, 1_000_000_000L)));
        } else {
            sb.append(", not sent");
        }
        sb.append('\n');
        for (TraceStep s : report.steps()) {
            String label = s.step() + ":";
            sb.append(label);
            for (int k = label.length(); k < 8; k++) {
                sb.append(' ');
            }
            sb.append(s.text()).append('\n');
        }
        return sb.toString();
    }
}
