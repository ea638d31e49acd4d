package dev.lanyard.bench.e2e.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * chart.svg: one panel per charted metric, the systems' medians side by side as bars, each round's value as a
 * dot on its bar, a failed system marked "failed". Plain SVG with no scripts or fonts to fetch.
 */
public final class SvgChart {
    static final int COLUMNS = 4;
    static final int PANEL_W = 300;
    static final int PANEL_H = 220;
    static final int HEADER_H = 56;
    private static final int PLOT_TOP = 56;
    private static final int PLOT_BOTTOM = 30;
    private static final int PLOT_LEFT = 46;
    private static final Map<String, String> COLORS = Map.of("lanyard", "#2b6cb0", "bridge", "#718096", "ovs",
            "#dd6b20", "direct", "#38a169");

    private SvgChart() {
    }

    /** Renders the chart of a report. */
    public static String render(RunReport r) {
        List<Metric> metrics = new ArrayList<>();
        for (Metric m : Metrics.charted()) {
            if (r.settings().tests().contains(m.test())) {
                metrics.add(m);
            }
        }
        int rows = (metrics.size() + COLUMNS - 1) / COLUMNS;
        int width = COLUMNS * PANEL_W;
        int height = HEADER_H + rows * PANEL_H;
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        b.append("<text x=\"12\" y=\"24\" font-size=\"16\" font-weight=\"bold\">")
                .append(esc("Lanyard bench: medians of " + r.settings().rounds() + " round"
                        + (r.settings().rounds() == 1 ? "" : "s") + ", dots are single rounds"))
                .append("</text>\n");
        b.append("<text x=\"12\" y=\"44\" font-size=\"11\" fill=\"#444\">")
                .append(esc(r.started() + " · " + r.machine().cpuModel() + ", " + r.machine().cpus() + " CPUs, Linux "
                        + r.machine().kernel() + " · ratios within one run count; absolute figures are context"
                        + (r.complete() ? "" : " · INCOMPLETE RUN")))
                .append("</text>\n");
        Map<String, Map<String, Median>> index = Median.index(r.medians());
        for (int i = 0; i < metrics.size(); i++) {
            int x = (i % COLUMNS) * PANEL_W;
            int y = HEADER_H + (i / COLUMNS) * PANEL_H;
            panel(b, metrics.get(i), r, index, x, y);
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static void panel(StringBuilder b, Metric metric, RunReport r, Map<String, Map<String, Median>> index,
                              int x, int y) {
        List<String> systems = r.settings().systems();
        b.append(String.format(Locale.ROOT, "<g class=\"panel\" data-metric=\"%s\" transform=\"translate(%d,%d)\">%n",
                esc(metric.key()), x, y));
        b.append(String.format(Locale.ROOT, "<rect x=\"4\" y=\"4\" width=\"%d\" height=\"%d\" fill=\"#f7fafc\" "
                + "stroke=\"#e2e8f0\"/>%n", PANEL_W - 8, PANEL_H - 8));
        int colon = metric.label().indexOf(": ");
        String title = colon < 0 ? metric.label() : metric.label().substring(0, colon);
        String what = colon < 0 ? "" : metric.label().substring(colon + 2) + " · ";
        b.append("<text x=\"12\" y=\"22\" font-size=\"12\" font-weight=\"bold\">").append(esc(title))
                .append("</text>\n");
        b.append("<text x=\"12\" y=\"37\" font-size=\"10\" fill=\"#555\">")
                .append(esc(what + metric.unit() + ", " + metric.better().text())).append("</text>\n");
        double max = 0;
        for (Sample s : r.samples()) {
            if (s.metric().equals(metric.key()) && s.value() != null) {
                max = Math.max(max, s.value());
            }
        }
        double top = niceCeiling(max);
        int plotH = PANEL_H - PLOT_TOP - PLOT_BOTTOM;
        int plotW = PANEL_W - PLOT_LEFT - 14;
        int baseY = PLOT_TOP + plotH;
        for (int g = 0; g <= 2; g++) {
            double v = top * g / 2;
            int gy = baseY - (int) Math.round(plotH * g / 2.0);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cbd5e0\" "
                    + "stroke-width=\"0.5\"/>%n", PLOT_LEFT, gy, PLOT_LEFT + plotW, gy));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\" "
                    + "fill=\"#555\">%s</text>%n", PLOT_LEFT - 4, gy + 3, esc(axis(v))));
        }
        int slot = plotW / Math.max(1, systems.size());
        int barW = Math.max(8, slot * 3 / 5);
        for (int k = 0; k < systems.size(); k++) {
            String system = systems.get(k);
            int cx = PLOT_LEFT + slot * k + slot / 2;
            String color = COLORS.getOrDefault(system, "#805ad5");
            Median m = Cells.find(index, system, metric.key());
            if (m != null && m.value() != null) {
                int h = top == 0 ? 0 : (int) Math.round(plotH * m.value() / top);
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s</title></rect>%n", cx - barW / 2, baseY - h, barW, h, color,
                        esc(system + ": " + metric.format(m.value()) + " " + metric.unit())));
                double highest = m.value();
                for (Sample s : r.samples()) {
                    if (s.system().equals(system) && s.metric().equals(metric.key()) && s.value() != null) {
                        highest = Math.max(highest, s.value());
                    }
                }
                int labelY = baseY - (top == 0 ? 0 : (int) Math.round(plotH * highest / top)) - 5;
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">"
                        + "%s</text>%n", cx, labelY, esc(metric.format(m.value()))));
            } else {
                String text = m == null ? "n/a" : "failed";
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" "
                        + "fill=\"%s\">%s</text>%n", cx, baseY - 6, m == null ? "#718096" : "#c53030", text));
            }
            for (Sample s : r.samples()) {
                if (s.system().equals(system) && s.metric().equals(metric.key()) && s.value() != null) {
                    int dy = baseY - (top == 0 ? 0 : (int) Math.round(plotH * s.value() / top));
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"#1a202c\" "
                            + "fill-opacity=\"0.7\"/>%n", cx, dy));
                }
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">"
                    + "%s</text>%n", cx, baseY + 14, esc(system)));
        }
        b.append("</g>\n");
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code v} (1 for 0). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * p >= v) {
                return f * p;
            }
        }
        return 10 * p;
    }

    private static String axis(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Escapes text for XML. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
