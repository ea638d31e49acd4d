package dev.lanyard.bench.e2e;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Progress on the terminal: which round, system and test runs now and about how long the whole run still takes,
 * from a plan of estimated step times corrected by how long the finished steps really took.
 */
final class Progress {
    private final PrintStream out;
    private final List<String> keys = new ArrayList<>();
    private final List<Double> estimates = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private int current = -1;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** Adds a step to the plan. */
    void plan(String key, double estimateSeconds) {
        keys.add(key);
        estimates.add(estimateSeconds);
    }

    /** The planned total, in seconds. */
    double plannedSeconds() {
        return estimates.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Starts step {@code key} (skipping any planned before it) and prints {@code text} with the time left. */
    void step(String key, String text) {
        int i = keys.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("no planned step " + key);
        }
        current = i;
        out.printf(Locale.ROOT, "[%3d%% %6s] %s · about %s left%n", (int) (100.0 * i / keys.size()),
                duration((System.nanoTime() - startNanos) / 1e9), text, duration(secondsLeft()));
        out.flush();
    }

    /** A message between steps. */
    void note(String text) {
        out.println("       " + text);
        out.flush();
    }

    /** Seconds left: the planned time of the steps from the current one on, scaled by how the plan has held. */
    double secondsLeft() {
        double doneEstimate = 0;
        double left = 0;
        for (int i = 0; i < estimates.size(); i++) {
            if (i < current) {
                doneEstimate += estimates.get(i);
            } else {
                left += estimates.get(i);
            }
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double scale = doneEstimate < 5 ? 1 : Math.max(0.5, Math.min(3, elapsed / doneEstimate));
        return left * scale;
    }

    /** "4m05s", "35s". */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
