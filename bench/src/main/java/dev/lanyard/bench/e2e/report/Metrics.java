package dev.lanyard.bench.e2e.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of metrics, in report order, and the tests that produce them. */
public final class Metrics {
    /** Test names as --tests takes them, in run order. */
    public static final List<String> TESTS = List.of("latency", "ping", "tcp", "tcp-txoff", "rate64", "rate1514",
            "flood");

    /** Every metric, in report order. */
    public static final List<Metric> ALL;
    private static final Map<String, Metric> BY_KEY;

    static {
        List<Metric> m = new ArrayList<>();
        Metric.Better lower = Metric.Better.LOWER;
        m.add(new Metric("udp_rtt_p50_us", "latency", "UDP round trip p50", "µs", lower, true, 1));
        m.add(new Metric("udp_rtt_p99_us", "latency", "UDP round trip p99", "µs", lower, true, 1));
        m.add(new Metric("udp_rtt_p999_us", "latency", "UDP round trip p99.9", "µs", lower, true, 1));
        m.add(new Metric("udp_rtt_max_us", "latency", "UDP round trip max", "µs", lower, true, 1));
        m.add(new Metric("udp_rtt_lost", "latency", "UDP round trips lost", "count", lower, false, 0));
        m.add(new Metric("ping_avg_us", "ping", "ping average", "µs", lower, true, 1));
        m.add(new Metric("ping_max_us", "ping", "ping max", "µs", lower, false, 1));
        m.add(new Metric("ping_loss_pct", "ping", "ping loss", "%", lower, false, 1));
        tcp(m, "tcp", "tcp1", "TCP 1 stream, default offloads");
        tcp(m, "tcp", "tcp4", "TCP 4 streams, default offloads");
        tcp(m, "tcp-txoff", "tcp1_txoff", "TCP 1 stream, tx offloads off");
        tcp(m, "tcp-txoff", "tcp4_txoff", "TCP 4 streams, tx offloads off");
        frames(m, "rate64", "64 B unicast");
        frames(m, "rate1514", "1514 B unicast");
        frames(m, "flood", "64 B flood (per receiver)");
        ALL = Collections.unmodifiableList(m);
        BY_KEY = m.stream().collect(Collectors.toUnmodifiableMap(Metric::key, Function.identity()));
    }

    private Metrics() {
    }

    private static void tcp(List<Metric> m, String test, String key, String label) {
        m.add(new Metric(key + "_gbps", test, label, "Gbit/s", Metric.Better.HIGHER, true, 2));
        m.add(new Metric(key + "_retransmits", test, label + ": retransmits", "count", Metric.Better.LOWER, false,
                0));
    }

    private static void frames(List<Metric> m, String test, String label) {
        m.add(new Metric(test + "_mpps", test, label + ": delivered", "Mpps", Metric.Better.HIGHER, true, 3));
        m.add(new Metric(test + "_offered_mpps", test, label + ": offered", "Mpps", Metric.Better.NEITHER, false, 3));
        m.add(new Metric(test + "_loss_pct", test, label + ": loss", "%", Metric.Better.LOWER, true, 1));
        m.add(new Metric(test + "_ingress_drop_pct", test, label + ": refused at switch port backlog", "%",
                Metric.Better.LOWER, false, 1));
        m.add(new Metric(test + "_egress_drop_pct", test, label + ": refused at receiver backlog", "%",
                Metric.Better.LOWER, false, 1));
        m.add(new Metric(test + "_switch_cpu", test, label + ": switch process CPU per Mframe", "s",
                Metric.Better.LOWER, true, 2));
        m.add(new Metric(test + "_switch_core", test, label + ": switch core busy per Mframe", "s",
                Metric.Better.LOWER, true, 2));
        m.add(new Metric(test + "_host_core_busy_pct", test, label + ": hosts' core busy", "%",
                Metric.Better.NEITHER, false, 0));
        m.add(new Metric(test + "_switch_core_busy_pct", test, label + ": switch core busy", "%",
                Metric.Better.NEITHER, false, 0));
    }

    /** What a test measures, for progress lines and footnotes. */
    public static String describe(String test) {
        return switch (test) {
            case "latency" -> "UDP ping-pong latency";
            case "ping" -> "ping";
            case "tcp" -> "TCP, 1 and 4 streams, default offloads";
            case "tcp-txoff" -> "TCP, 1 and 4 streams, tx offloads off";
            case "rate64" -> "64 B frame rate";
            case "rate1514" -> "1514 B frame rate";
            case "flood" -> "64 B flood rate";
            default -> test;
        };
    }

    /** The metric with this key; fails naming it when there is none. */
    public static Metric get(String key) {
        Metric m = BY_KEY.get(key);
        if (m == null) {
            throw new IllegalArgumentException("no metric " + key);
        }
        return m;
    }

    /** The metrics the chart shows. */
    public static List<Metric> charted() {
        return ALL.stream().filter(Metric::charted).toList();
    }
}
