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

    static Topology parse(String yaml) {
        try {
            return Topologies.parse("lab.yaml", yaml);
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
