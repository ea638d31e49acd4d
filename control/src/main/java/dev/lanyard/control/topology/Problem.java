package dev.lanyard.control.topology;

import java.util.Comparator;

/**
 * One thing wrong with a topology, located in its file:
 * {@code lab.yaml:12:9: interface name "averyveryverylongname" is 21 bytes; Linux allows at most 15}.
 *
 * @param file    the file name as the user gave it
 * @param line    the line, from 1
 * @param column  the column, from 1
 * @param message what is wrong, in one sentence without a final period
 */
public record Problem(String file, int line, int column, String message) implements Comparable<Problem> {
    private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column)
            .thenComparing(Problem::message);

    @Override
    public int compareTo(Problem other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
