package dev.lanyard.bench.e2e.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's files: results.json, results.md and chart.svg, and when published RESULTS.md with its chart. */
public final class Reports {
    /** The published report's name, next to the published chart. */
    public static final String PUBLISHED = "RESULTS.md";
    /** The published chart's name. */
    public static final String PUBLISHED_CHART = "results-latest.svg";

    private Reports() {
    }

    /** Writes results.json, results.md and chart.svg into {@code dir}. */
    public static void write(RunReport report, Path dir) throws IOException {
        JsonReport.write(report, dir.resolve("results.json"));
        render(report, dir);
    }

    /** Writes results.md and chart.svg into {@code dir} (from a report read back, its JSON stays as it is). */
    public static void render(RunReport report, Path dir) throws IOException {
        Files.writeString(dir.resolve("results.md"), MarkdownReport.render(report, "chart.svg"));
        Files.writeString(dir.resolve("chart.svg"), SvgChart.render(report));
    }

    /** Writes RESULTS.md and results-latest.svg into {@code dir}; only a complete run is published. */
    public static void publish(RunReport report, Path dir) throws IOException {
        if (!report.complete()) {
            throw new IOException("not publishing an incomplete run");
        }
        Files.writeString(dir.resolve(PUBLISHED), MarkdownReport.render(report, PUBLISHED_CHART));
        Files.writeString(dir.resolve(PUBLISHED_CHART), SvgChart.render(report));
    }
}
