package dev.rustreview.git;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the names closest to a mistyped one. A name that contains the typed text (a truncated branch
 * name) always qualifies; otherwise the edit distance must be small relative to the typed length.
 */
final class NameSuggester {

    static final int MAX_SUGGESTIONS = 3;

    private NameSuggester() {
    }

    static List<String> suggest(String typed, Collection<String> names) {
        String query = typed.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, query.length() / 3);
        record Scored(String name, boolean contains, int distance) {
        }
        return names.stream()
                .distinct()
                .map(name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return new Scored(name, lower.contains(query), levenshtein(query, lower));
                })
                .filter(s -> s.contains() || s.distance() <= tolerance)
                .sorted(Comparator.comparing((Scored s) -> !s.contains())
                        .thenComparingInt(Scored::distance)
                        .thenComparing(Scored::name))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::name)
                .toList();
    }

    /** Classic two-row edit distance (insert, delete, substitute all cost 1). */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
