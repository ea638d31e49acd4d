package dev.lanyard.control.topology;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems the checks find, locating each through the topology's source. */
final class Problems {
    private final Source source;
    private final List<Problem> list = new ArrayList<>();

    Problems(Source source) {
        this.source = source;
    }

    void add(String path, String message) {
        list.add(source.problem(path, message));
    }

    List<Problem> list() {
        return list;
    }
}
