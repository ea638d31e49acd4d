package dev.lanyard.bench.e2e.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** results.json: a {@link RunReport} as JSON, and back. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as indented JSON. */
    public static String render(RunReport report) throws IOException {
        return JSON.writeValueAsString(report) + "\n";
    }

    /** Reads a report back from JSON. */
    public static RunReport parse(String json) throws IOException {
        return JSON.readValue(json, RunReport.class);
    }

    /** Writes the report to {@code file}, through a temporary file so a reader never sees half of it. */
    public static void write(RunReport report, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, render(report));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
