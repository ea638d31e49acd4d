package dev.lanyard.tools.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table for terminals: columns sized to their widest cell, numbers right-aligned, as {@code ip -s} and
 * {@code ovs-ofctl} print theirs.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headers. */
    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; values are printed with {@code String.valueOf}. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size()
                    + " columns");
        }
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** The table, one line per row, ending in a newline. */
    public String render() {
        int[] width = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
        }
        for (List<String> r : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
                numeric[c] &= r.get(c).matches("-?[0-9][0-9.,]*[%a-zA-Z/]*|-");
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width, numeric);
        for (List<String> r : rows) {
            line(sb, r, width, numeric);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] numeric) {
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            int pad = width[c] - v.length();
            if (c > 0) {
                sb.append("  ");
            }
            if (numeric[c]) {
                sb.append(" ".repeat(pad)).append(v);
            } else {
                sb.append(v);
                if (c < cells.size() - 1) {
                    sb.append(" ".repeat(pad));
                }
            }
        }
        sb.append('\n');
    }
}
