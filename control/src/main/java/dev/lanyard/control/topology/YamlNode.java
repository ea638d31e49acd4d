package dev.lanyard.control.topology;

import java.util.List;
import java.util.Map;

/** A YAML node with the place it starts at: the tree the parser reads, since Jackson's own tree forgets places. */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    /** Where the node starts. */
    Location at();

    /** How the node is called in "must be X, got Y" messages. */
    String describe();

    /**
     * A mapping whose keys keep file order.
     *
     * @param entries the entries by key
     * @param at      where the mapping starts
     */
    record MapNode(Map<String, Entry> entries, Location at) implements YamlNode {
        @Override
        public String describe() {
            return "a map";
        }
    }

    /**
     * One key of a mapping with its value.
     *
     * @param key   the key
     * @param keyAt where the key is
     * @param value the value
     */
    record Entry(String key, Location keyAt, YamlNode value) {
    }

    /**
     * A sequence.
     *
     * @param items the items
     * @param at    where the sequence starts
     */
    record ListNode(List<YamlNode> items, Location at) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar with its original text and what YAML made of it.
     *
     * @param kind what YAML resolved it to
     * @param text the text as written (for a null, the empty string or "null" or "~")
     * @param at   where it is
     */
    record Scalar(Kind kind, String text, Location at) implements YamlNode {
        @Override
        public String describe() {
            return kind == Kind.NULL ? "nothing" : "\"" + text + "\"";
        }
    }

    /** What a scalar resolved to. */
    enum Kind {
        STRING, INTEGER, FLOAT, TRUE, FALSE, NULL
    }
}
