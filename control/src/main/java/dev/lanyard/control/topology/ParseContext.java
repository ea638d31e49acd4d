package dev.lanyard.control.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a parse collects on the way: problems, and the location of every element for later checks. */
final class ParseContext {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Location> marks = new HashMap<>();

    ParseContext(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    List<Problem> problems() {
        return problems;
    }

    void error(Location at, String message) {
        problems.add(at.problem(message));
    }

    /** Remembers where the element at {@code path} is; the first mark of a path wins. */
    void mark(String path, Location at) {
        marks.putIfAbsent(path, at);
    }

    Source source() {
        return new Source(file, marks);
    }
}
