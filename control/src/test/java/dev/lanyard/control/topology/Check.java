package dev.lanyard.control.topology;

import java.util.List;

/** Runs text through parser and validator and returns the problems as the user would read them. */
final class Check {
    private Check() {
    }

    static List<String> problems(String yaml) {
        try {
            Topologies.parse("lab.yaml", yaml);
            return List.of();
        } catch (TopologyException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }

    /** "lab.yaml:L:C:", the place of the {@code n}th (from 1) occurrence of {@code token} in {@code yaml}. */
    static String at(String yaml, String token, int n) {
        int index = -1;
        for (int i = 0; i < n; i++) {
            index = yaml.indexOf(token, index + 1);
            if (index < 0) {
                throw new AssertionError("\"" + token + "\" does not occur " + n + " times in\n" + yaml);
            }
        }
        int lineStart = yaml.lastIndexOf('\n', index) + 1;
        long line = yaml.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
        return "lab.yaml:" + line + ":" + (index - lineStart + 1) + ":";
    }

    /** The place of the first occurrence of {@code token}. */
    static String at(String yaml, String token) {
        return at(yaml, token, 1);
    }

    static Topology parse(String yaml) {
        try {
            return Topologies.parse("lab.yaml", yaml);
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
