package dev.lanyard.control.topology;

import java.util.Map;

/**
 * Where each element of a parsed topology came from, so that checks made after parsing still point at a line and
 * column. Elements are named by paths such as {@code hosts/ns0/interfaces/eth0/addresses/1}; a path the parser did
 * not mark falls back to its nearest marked parent, and finally to the start of the file.
 *
 * @param file      the file name as the user gave it
 * @param locations the marked paths
 */
public record Source(String file, Map<String, Location> locations) {
    /** Copies the map. */
    public Source {
        locations = Map.copyOf(locations);
    }

    /** A source for a topology built in code: every path resolves to the start of {@code name}. */
    public static Source none(String name) {
        return new Source(name, Map.of());
    }

    /** Joins path segments with "/". */
    public static String path(Object... segments) {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    /** The location of the element at {@code path}, or of its nearest marked parent. */
    public Location at(String path) {
        String p = path;
        while (true) {
            Location found = locations.get(p);
            if (found != null) {
                return found;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return locations.getOrDefault("", Location.startOf(file));
            }
            p = p.substring(0, slash);
        }
    }

    /** A problem at the element at {@code path}. */
    public Problem problem(String path, String message) {
        return at(path).problem(message);
    }
}
