package dev.lanyard.control.topology;

import java.util.List;
import java.util.Map;

/**
 * Typed access to the keys of one YAML map, reporting unknown keys and wrong types to the parse context. Getters
 * return null (or the default) for a key that is absent, null, or of the wrong type, so parsing goes on and every
 * problem of a file is reported at once.
 */
final class Fields {
    private final Map<String, YamlNode.Entry> entries;
    private final Location at;
    private final ParseContext ctx;
    /** Whether the node was not a map at all, which has been reported; missing keys then go unreported. */
    private final boolean broken;

    private Fields(Map<String, YamlNode.Entry> entries, Location at, ParseContext ctx, boolean broken) {
        this.entries = entries;
        this.at = at;
        this.ctx = ctx;
        this.broken = broken;
    }

    /**
     * The fields of {@code node}, which must be a map (or empty, which counts as an empty map). Every key is marked
     * at {@code path/KEY}; keys not in {@code allowed} are reported as belonging to {@code owner}.
     */
    static Fields of(YamlNode node, Location keyAt, String owner, String path, List<String> allowed,
                     ParseContext ctx) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
            return new Fields(Map.of(), keyAt, ctx, false);
        }
        if (!(node instanceof YamlNode.MapNode map)) {
            ctx.error(node.at(), owner + " must be a map of " + String.join(", ", allowed) + ", got "
                    + node.describe());
            return new Fields(Map.of(), keyAt, ctx, true);
        }
        for (YamlNode.Entry e : map.entries().values()) {
            ctx.mark(Source.path(path, e.key()), e.value() instanceof YamlNode.Scalar ? e.value().at() : e.keyAt());
            if (!allowed.contains(e.key())) {
                ctx.error(e.keyAt(), unknownKey(e.key(), owner, allowed));
            }
        }
        return new Fields(map.entries(), keyAt, ctx, false);
    }

    /** Where the map is, for "missing key" problems. */
    Location at() {
        return at;
    }

    boolean has(String key) {
        YamlNode.Entry e = entries.get(key);
        return e != null && !(e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL);
    }

    YamlNode node(String key) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Where the value of {@code key} is, or where the map is when the key is absent. */
    Location valueAt(String key) {
        YamlNode.Entry e = entries.get(key);
        return e == null ? at : e.value().at();
    }

    /** The entries of a map-valued key, in file order; empty when absent or null. */
    Map<String, YamlNode.Entry> map(String key, String what) {
        YamlNode value = node(key);
        if (value == null || !has(key)) {
            return Map.of();
        }
        if (value instanceof YamlNode.MapNode m) {
            return m.entries();
        }
        ctx.error(value.at(), key + " must be a map of " + what + ", got " + value.describe());
        return Map.of();
    }

    /** The items of a list-valued key; empty when absent or null. */
    List<YamlNode> list(String key) {
        YamlNode value = node(key);
        if (value == null || !has(key)) {
            return List.of();
        }
        if (value instanceof YamlNode.ListNode l) {
            return l.items();
        }
        ctx.error(value.at(), key + " must be a list, got " + value.describe());
        return List.of();
    }

    /** A text value; any scalar but null counts, so that {@code port: 1234} names a port "1234". */
    String string(String key) {
        if (!has(key)) {
            return null;
        }
        YamlNode value = node(key);
        if (value instanceof YamlNode.Scalar s) {
            return s.text();
        }
        ctx.error(value.at(), key + " must be a single value, got " + value.describe());
        return null;
    }

    String requiredString(String key, String owner) {
        if (!has(key)) {
            if (!broken) {
                ctx.error(entries.containsKey(key) ? valueAt(key) : at, owner + " needs \"" + key + ":\"");
            }
            return null;
        }
        return string(key);
    }

    int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        YamlNode value = node(key);
        if (value instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.INTEGER) {
            try {
                String digits = s.text().replace("_", "");
                long n = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
                if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                    return (int) n;
                }
            } catch (NumberFormatException e) {
                ctx.error(value.at(), key + " must be a whole number, got " + value.describe());
                return fallback;
            }
            ctx.error(value.at(), key + " " + s.text() + " is far too large");
            return fallback;
        }
        ctx.error(value.at(), key + " must be a whole number, got " + value.describe());
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        YamlNode value = node(key);
        if (value instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Kind.TRUE || s.kind() == YamlNode.Kind.FALSE)) {
            return s.kind() == YamlNode.Kind.TRUE;
        }
        ctx.error(value.at(), key + " must be true or false, got " + value.describe());
        return fallback;
    }

    private static String unknownKey(String key, String owner, List<String> allowed) {
        return "unknown key \"" + key + "\" in " + owner + Spelling.hint(key, allowed) + "; allowed: "
                + String.join(", ", allowed);
    }
}
