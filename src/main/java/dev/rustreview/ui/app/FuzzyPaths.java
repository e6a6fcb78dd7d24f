package dev.rustreview.ui.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Go to file" matching as editors do it: the query's characters must appear in the path in order (any case);
 * a match scores higher when its characters are consecutive, start a path segment or a word, and fall in the
 * file name rather than the folders. Paths that do not contain the query in order are left out.
 */
final class FuzzyPaths {

    private FuzzyPaths() {
    }

    /** The paths matching {@code query}, best first (then shorter, then alphabetical); all paths for a blank query. */
    static List<String> rank(List<String> paths, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return paths.stream().sorted().toList();
        }
        record Scored(String path, int score) {
        }
        List<Scored> out = new ArrayList<>();
        for (String p : paths) {
            int s = score(p, q);
            if (s >= 0) {
                out.add(new Scored(p, s));
            }
        }
        out.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(x -> x.path().length())
                .thenComparing(Scored::path));
        return out.stream().map(Scored::path).toList();
    }

    /** The match's score, or -1 when {@code lowerQuery} is not a subsequence of {@code path}. */
    static int score(String path, String lowerQuery) {
        String p = path.toLowerCase(Locale.ROOT);
        int nameStart = path.lastIndexOf('/') + 1;
        int score = 0;
        int at = 0;
        int previous = -2;
        for (int i = 0; i < lowerQuery.length(); i++) {
            char c = lowerQuery.charAt(i);
            int found = p.indexOf(c, at);
            if (found < 0) {
                return -1;
            }
            score += 1;
            if (found == previous + 1) {
                score += 5; // consecutive
            }
            if (found == 0 || "/_-. ".indexOf(path.charAt(found - 1)) >= 0) {
                score += 3; // start of a segment or word
            }
            if (found >= nameStart) {
                score += 2; // in the file name
            }
            previous = found;
            at = found + 1;
        }
        return score;
    }
}
