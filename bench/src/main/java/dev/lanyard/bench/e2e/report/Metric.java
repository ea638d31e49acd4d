package dev.lanyard.bench.e2e.report;

/**
 * One measured quantity, as it appears in results.json (key), the table (label, unit) and the chart.
 *
 * @param key     the JSON key, e.g. "rate64_mpps"
 * @param test    the test (as --tests names it) that measures it
 * @param label   the table row
 * @param unit    the unit, e.g. "Mpps"
 * @param better  which way is better
 * @param charted whether the chart gets a panel for it
 * @param digits  decimals to show
 */
public record Metric(String key, String test, String label, String unit, Better better, boolean charted,
                     int digits) {

    /** Which way a value is better. */
    public enum Better {
        /** More is better (throughput). */
        HIGHER("higher is better"),
        /** Less is better (latency, loss, CPU). */
        LOWER("lower is better"),
        /** Context, neither (a core's busy share). */
        NEITHER("context");

        private final String text;

        Better(String text) {
            this.text = text;
        }

        /** "higher is better". */
        public String text() {
            return text;
        }
    }

    /** Whether a ratio of two systems' values means something (not for percentages and counts near zero). */
    public boolean ratioMeaningful() {
        return !unit.equals("%") && !unit.equals("count");
    }

    /** Formats a value with this metric's decimals. */
    public String format(double value) {
        return String.format(java.util.Locale.ROOT, "%." + digits + "f", value);
    }
}
