package dev.lanyard.control.topology;

/**
 * A place in a topology file, as a compiler names it: file, line and column, both counted from 1.
 *
 * @param file   the file name as the user gave it
 * @param line   the line, from 1
 * @param column the column, from 1
 */
public record Location(String file, int line, int column) {
    /** The start of a file, for problems that belong to no particular place in it. */
    public static Location startOf(String file) {
        return new Location(file, 1, 1);
    }

    /** A problem at this place. */
    public Problem problem(String message) {
        return new Problem(file, line, column, message);
    }

    /** {@code line:column}, for messages that point at another place in the same file. */
    public String lineColumn() {
        return line + ":" + column;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
