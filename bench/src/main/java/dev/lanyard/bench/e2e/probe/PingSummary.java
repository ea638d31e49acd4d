package dev.lanyard.bench.e2e.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary lines of iputils ping: "N packets transmitted, M received, X% packet loss" and
 * "rtt min/avg/max/mdev = a/b/c/d ms" (the second missing when nothing came back).
 *
 * @param transmitted echo requests sent
 * @param received    replies
 * @param minUs       smallest round trip, microseconds (NaN when none)
 * @param avgUs       mean round trip, microseconds (NaN when none)
 * @param maxUs       largest round trip, microseconds (NaN when none)
 * @param mdevUs      mean deviation, microseconds (NaN when none)
 */
public record PingSummary(int transmitted, int received, double minUs, double avgUs, double maxUs, double mdevUs) {
    private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
    private static final Pattern RTT = Pattern.compile(
            "= ([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+) ms");

    /** Parses ping's output; fails when there is no summary in it. */
    public static PingSummary parse(String output) {
        Matcher c = COUNTS.matcher(output);
        if (!c.find()) {
            throw new IllegalArgumentException("no ping summary in: " + output.strip());
        }
        int tx = Integer.parseInt(c.group(1));
        int rx = Integer.parseInt(c.group(2));
        Matcher r = RTT.matcher(output);
        if (!r.find()) {
            return new PingSummary(tx, rx, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new PingSummary(tx, rx, ms(r.group(1)), ms(r.group(2)), ms(r.group(3)), ms(r.group(4)));
    }

    /** The share of requests without a reply, in percent. */
    public double lossPercent() {
        return transmitted == 0 ? 100 : 100.0 * (transmitted - received) / transmitted;
    }

    private static double ms(String text) {
        return Double.parseDouble(text) * 1000;
    }
}
