package dev.lanyard.bench.e2e.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** results.md (and bench/RESULTS.md): the run as Markdown tables a person can read at a glance. */
public final class MarkdownReport {
    /** Metrics whose lanyard/bridge ratio heads the report. */
    static final List<String> HEADLINE = List.of("tcp1_gbps", "tcp4_gbps", "tcp1_txoff_gbps", "rate64_mpps",
            "rate64_loss_pct", "rate64_switch_core", "rate64_switch_cpu", "udp_rtt_p50_us", "udp_rtt_p99_us");

    private MarkdownReport() {
    }

    /** Renders the report; {@code chart} is the chart's path relative to the Markdown file, null for none. */
    public static String render(RunReport r, String chart) {
        StringBuilder b = new StringBuilder();
        List<String> systems = r.settings().systems();
        Map<String, Map<String, Median>> index = Median.index(r.medians());
        Cells cells = new Cells();
        b.append("# Lanyard bench: Lanyard, kernel bridge, OVS userspace and a bare veth pair\n\n");
        b.append("Written by `lanyard bench` from one run; the figures are not edited by hand.")
                .append(r.complete() ? "" : " **This run did not complete: the figures are partial.**")
                .append("\n\n");
        Machine m = r.machine();
        b.append("- **Run**: ").append(r.started()).append(" to ").append(r.finished() == null ? "?" : r.finished())
                .append('\n');
        b.append("- **Machine**: ").append(m.cpuModel()).append(", ").append(m.cpus()).append(" CPUs, Linux ")
                .append(m.kernel()).append(", Java ").append(m.java()).append("; load average at start ")
                .append(m.load()).append('\n');
        b.append("- **Tools**: ");
        List<String> tools = new ArrayList<>();
        m.tools().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> tools.add(e.getKey() + " " + e.getValue()));
        b.append(String.join(", ", tools)).append('\n');
        b.append("- **Command**: `").append(r.command()).append("`\n");
        RunReport.Settings s = r.settings();
        b.append("- **Settings**: ").append(s.rounds()).append(" round").append(s.rounds() == 1 ? "" : "s")
                .append(", systems interleaved in each round (").append(String.join(", ", systems))
                .append(", the order rotating by round); ").append(fmt(s.durationSeconds()))
                .append(" s per TCP and frame-rate measurement; ").append(fmt(s.warmupSeconds()))
                .append(" s warm-up per system; ").append(s.latencySamples()).append(" UDP round trips; ")
                .append(s.pingCount()).append(" pings; tests ").append(String.join(", ", s.tests()))
                .append(s.lanyardArgs().isEmpty() ? "" : "; lanyard switch " + String.join(" ", s.lanyardArgs()))
                .append('\n');
        b.append("- **Placement**:\n");
        for (String p : r.placement()) {
            b.append("  - ").append(p).append('\n');
        }
        b.append("\nThe machine is shared and noisy: ratios between systems measured in this one run are what count; "
                + "absolute figures are context.\n\n");
        if (chart != null) {
            b.append("![one panel per metric, systems side by side](").append(chart).append(")\n\n");
        }
        headline(b, index, systems);
        b.append("## Medians over ").append(s.rounds()).append(" round").append(s.rounds() == 1 ? "" : "s")
                .append("\n\n");
        List<String> versus = new ArrayList<>();
        for (String other : List.of("bridge", "ovs")) {
            if (systems.contains("lanyard") && systems.contains(other)) {
                versus.add(other);
            }
        }
        b.append("| metric | unit | better |");
        systems.forEach(x -> b.append(' ').append(x).append(" |"));
        versus.forEach(x -> b.append(" lanyard/").append(x).append(" |"));
        b.append("\n|---|---|---|");
        systems.forEach(x -> b.append("---:|"));
        versus.forEach(x -> b.append("---:|"));
        b.append('\n');
        for (Metric metric : Metrics.ALL) {
            if (!s.tests().contains(metric.test())) {
                continue;
            }
            b.append("| ").append(metric.label()).append(" | ").append(metric.unit()).append(" | ")
                    .append(metric.better() == Metric.Better.NEITHER ? "" : metric.better() == Metric.Better.HIGHER
                            ? "↑" : "↓").append(" |");
            for (String x : systems) {
                b.append(' ').append(Cells.md(cells.median(metric, Cells.find(index, x, metric.key())))).append(" |");
            }
            for (String x : versus) {
                b.append(' ').append(metric.ratioMeaningful() ? Cells.ratio(Cells.find(index, "lanyard",
                        metric.key()), Cells.find(index, x, metric.key())) : "").append(" |");
            }
            b.append('\n');
        }
        if (!cells.footnotes().isEmpty()) {
            b.append('\n');
            for (int i = 0; i < cells.footnotes().size(); i++) {
                b.append('[').append(i + 1).append("] ").append(Cells.md(cells.footnotes().get(i))).append("  \n");
            }
        }
        b.append("\n## Every round\n\n| metric |");
        systems.forEach(x -> b.append(' ').append(x).append(" |"));
        b.append("\n|---|");
        systems.forEach(x -> b.append("---:|"));
        b.append('\n');
        for (Metric metric : Metrics.ALL) {
            if (s.tests().contains(metric.test())) {
                b.append("| ").append(metric.label()).append(" (").append(metric.unit()).append(") |");
                systems.forEach(x -> b.append(' ').append(Cells.rounds(metric, r.samples(), x)).append(" |"));
                b.append('\n');
            }
        }
        if (!r.notes().isEmpty()) {
            b.append("\n## Method and notes\n\n");
            r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
        }
        if (!r.switchLogs().isEmpty()) {
            b.append("\n## What the switches reported when they stopped\n");
            for (RunReport.SwitchLog log : r.switchLogs()) {
                b.append("\n### ").append(log.system()).append(", round ").append(log.round()).append("\n\n```text\n")
                        .append(log.text().strip()).append("\n```\n");
            }
        }
        return b.toString();
    }

    private static void headline(StringBuilder b, Map<String, Map<String, Median>> index, List<String> systems) {
        if (!systems.contains("lanyard") || !systems.contains("bridge")) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String key : HEADLINE) {
            Metric metric = Metrics.get(key);
            Median l = Cells.find(index, "lanyard", key);
            Median br = Cells.find(index, "bridge", key);
            String ratio = metric.ratioMeaningful() ? Cells.ratio(l, br) : "";
            if (l == null && br == null) {
                continue;
            }
            Cells c = new Cells();
            lines.add("- " + metric.label() + " (" + metric.better().text() + "): lanyard "
                    + plain(c.median(metric, l)) + ", bridge " + plain(c.median(metric, br)) + " " + metric.unit()
                    + (ratio.isEmpty() ? "" : ": **" + ratio + "**"));
        }
        if (!lines.isEmpty()) {
            b.append("## Lanyard against the kernel bridge\n\n");
            lines.forEach(x -> b.append(x).append('\n'));
            b.append('\n');
        }
    }

    private static String plain(String cell) {
        return cell.replaceAll(" \\[\\d+]", "");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
