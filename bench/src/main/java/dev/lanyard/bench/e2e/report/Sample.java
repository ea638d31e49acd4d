package dev.lanyard.bench.e2e.report;

/**
 * One raw value: a metric of one system in one round, or why it could not be measured.
 *
 * @param system  lanyard, bridge, ovs or direct
 * @param round   1-based round
 * @param metric  the metric key (see {@link Metrics})
 * @param value   the value, null when the test failed
 * @param failure why the test failed, null when it did not
 */
public record Sample(String system, int round, String metric, Double value, String failure) {
    /** Checks that exactly one of value and failure is given. */
    public Sample {
        if ((value == null) == (failure == null)) {
            throw new IllegalArgumentException("a sample has either a value or a failure: " + system + " " + metric);
        }
        if (value != null && (value.isNaN() || value.isInfinite())) {
            throw new IllegalArgumentException("not a finite value for " + system + " " + metric + ": " + value);
        }
    }

    /** A measured value. */
    public static Sample of(String system, int round, String metric, double value) {
        return new Sample(system, round, metric, value, null);
    }

    /** A failed measurement. */
    public static Sample failed(String system, int round, String metric, String why) {
        return new Sample(system, round, metric, null, why);
    }
}
