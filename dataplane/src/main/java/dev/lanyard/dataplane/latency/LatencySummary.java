package dev.lanyard.dataplane.latency;

import org.HdrHistogram.Histogram;

/**
 * The time frames spent in the switch on one port, in nanoseconds: how many were measured and the percentiles that
 * {@code lanyard ports} and the metrics endpoint show. All values are 0 when nothing was measured.
 *
 * @param count frames measured
 * @param sum   their times added up, as the histogram has them (each within its 1% precision)
 * @param p50   median
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param max   largest value
 */
public record LatencySummary(long count, long sum, long p50, long p99, long p999, long max) {
    /** Nothing measured. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** The summary of a histogram. */
    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getTotalCount(), Math.round(h.getMean() * h.getTotalCount()),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
