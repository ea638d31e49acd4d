package dev.lanyard.bench.e2e.probe;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What trafgen reports when it stops: "     1803806 packets outgoing". */
public final class TrafgenSummary {
    private static final Pattern OUTGOING = Pattern.compile("(\\d+) packets outgoing");

    private TrafgenSummary() {
    }

    /** The number of frames trafgen says it sent, if its summary is in {@code output}. */
    public static OptionalLong packetsOutgoing(String output) {
        Matcher m = OUTGOING.matcher(output);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The line trafgen died with ("Flushing TX_RING failed: ..."), or null when it printed a summary. */
    public static String failure(String output) {
        if (packetsOutgoing(output).isPresent()) {
            return null;
        }
        String last = null;
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        return last == null ? "trafgen printed nothing" : last;
    }
}
