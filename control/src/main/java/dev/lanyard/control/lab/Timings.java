package dev.lanyard.control.lab;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Phase times of a command, for whoever wants to know where {@code up} and {@code down} spend theirs: with the
 * environment variable {@code LANYARD_TIMINGS=1}, each phase prints "timing: PHASE T ms" (milliseconds since the JVM
 * started) to stderr; with {@code LANYARD_TIMINGS=/some/file}, the lines are appended to that file (which also
 * catches a daemon's). Silent otherwise, at the cost of one branch.
 */
public final class Timings {
    private static final String WHERE = System.getenv("LANYARD_TIMINGS");
    private static final boolean ON = WHERE != null && !WHERE.isEmpty() && !WHERE.equals("0");

    private Timings() {
    }

    /** Marks the end of a phase. */
    public static void mark(String phase) {
        if (!ON) {
            return;
        }
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        String line = "timing: " + phase + " " + ms + " ms (pid " + ProcessHandle.current().pid() + ")\n";
        if (WHERE.equals("1")) {
            System.err.print(line);
            return;
        }
        synchronized (Timings.class) {
            try (OutputStream out = new FileOutputStream(WHERE, true)) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.err.print(line);
            }
        }
    }
}
