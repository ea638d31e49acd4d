package dev.lanyard.control.topology;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean" suggestions for misspelt keys and names. */
final class Spelling {
    private Spelling() {
    }

    /** The Levenshtein distance between two strings. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * " (did you mean "X"?)" for the closest candidate, or "" when none is close: within one edit for words of up to
     * five characters, two for longer ones, so that "gw" is not taken for "to".
     */
    static String hint(String wrong, Collection<String> candidates) {
        int allowed = wrong.length() <= 5 ? 1 : 2;
        return candidates.stream()
                .filter(c -> distance(c, wrong) <= allowed)
                .min(Comparator.comparingInt(c -> distance(c, wrong)))
                .map(c -> " (did you mean \"" + c + "\"?)")
                .orElse("");
    }
}
