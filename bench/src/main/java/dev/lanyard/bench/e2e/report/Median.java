package dev.lanyard.bench.e2e.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The summary of one metric of one system over the rounds: the median of the rounds that produced a value, and
 * how many failed and why.
 *
 * @param system  the system
 * @param metric  the metric key
 * @param value   the median, null when no round produced a value
 * @param rounds  the rounds with a value
 * @param failed  the rounds that failed
 * @param failure the distinct failure texts joined by "; ", null when none failed
 */
public record Median(String system, String metric, Double value, int rounds, int failed, String failure) {

    /** The median of a non-empty list: the middle value, or the mean of the two middle ones. */
    public static double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of nothing");
        }
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The summaries of every (system, metric) that has samples, systems in the order given, metrics by catalogue. */
    public static List<Median> summarize(List<Sample> samples, List<String> systems) {
        List<Median> out = new ArrayList<>();
        for (String system : systems) {
            for (Metric metric : Metrics.ALL) {
                List<Double> values = new ArrayList<>();
                Set<String> failures = new LinkedHashSet<>();
                int failed = 0;
                for (Sample s : samples) {
                    if (!s.system().equals(system) || !s.metric().equals(metric.key())) {
                        continue;
                    }
                    if (s.value() != null) {
                        values.add(s.value());
                    } else {
                        failed++;
                        failures.add(s.failure());
                    }
                }
                if (values.isEmpty() && failed == 0) {
                    continue;
                }
                out.add(new Median(system, metric.key(), values.isEmpty() ? null : of(values), values.size(), failed,
                        failures.isEmpty() ? null : String.join("; ", failures)));
            }
        }
        return out;
    }

    /** Indexes summaries by system, then metric key. */
    public static Map<String, Map<String, Median>> index(List<Median> medians) {
        Map<String, Map<String, Median>> out = new LinkedHashMap<>();
        for (Median m : medians) {
            out.computeIfAbsent(m.system(), k -> new LinkedHashMap<>()).put(m.metric(), m);
        }
        return out;
    }
}
