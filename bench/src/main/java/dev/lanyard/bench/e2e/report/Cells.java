package dev.lanyard.bench.e2e.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The texts of table cells and chart labels: values, failures with footnotes, ratios. */
final class Cells {
    private final List<String> footnotes = new ArrayList<>();

    /** The footnotes collected so far, "[n] text". */
    List<String> footnotes() {
        return footnotes;
    }

    /** A median cell: the value, "failed [n]", or "–" when not measured. */
    String median(Metric metric, Median m) {
        if (m == null) {
            return "–";
        }
        if (m.value() == null) {
            return "failed " + note(m.system() + ", " + Metrics.describe(metric.test()) + ": " + m.failure());
        }
        String v = metric.format(m.value());
        if (m.failed() > 0) {
            v += " (" + m.failed() + " of " + (m.failed() + m.rounds()) + " rounds failed "
                    + note(m.system() + ", " + Metrics.describe(metric.test()) + ": " + m.failure()) + ")";
        }
        return v;
    }

    private String note(String text) {
        int i = footnotes.indexOf(text);
        if (i < 0) {
            footnotes.add(text);
            i = footnotes.size() - 1;
        }
        return "[" + (i + 1) + "]";
    }

    /** "0.78×" for a / b, or "" when either is missing or b is zero. */
    static String ratio(Median a, Median b) {
        if (a == null || b == null || a.value() == null || b.value() == null || b.value() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f×", a.value() / b.value());
    }

    /** All rounds' values of one metric and system, "a · b", failures as "failed". */
    static String rounds(Metric metric, List<Sample> samples, String system) {
        List<String> parts = new ArrayList<>();
        for (Sample s : samples) {
            if (s.system().equals(system) && s.metric().equals(metric.key())) {
                parts.add(s.value() == null ? "failed" : metric.format(s.value()));
            }
        }
        return parts.isEmpty() ? "–" : String.join(" · ", parts);
    }

    /** Escapes a table cell. */
    static String md(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The median of a system and metric, or null. */
    static Median find(Map<String, Map<String, Median>> index, String system, String metric) {
        Map<String, Median> bySystem = index.get(system);
        return bySystem == null ? null : bySystem.get(metric);
    }
}
