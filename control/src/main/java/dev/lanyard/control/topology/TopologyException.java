package dev.lanyard.control.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a topology cannot be used as it is: it carries every problem found, sorted by place, and its message
 * lists them one a line.
 */
public final class TopologyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The problems, sorted by file, line and column. */
    private final transient List<Problem> problems;

    /** An exception for these problems (at least one). */
    public TopologyException(List<Problem> problems) {
        super(render(problems));
        this.problems = problems.stream().sorted().collect(Collectors.toUnmodifiableList());
    }

    /** The problems, sorted by file, line and column. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TopologyException needs at least one problem");
        }
        return problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
