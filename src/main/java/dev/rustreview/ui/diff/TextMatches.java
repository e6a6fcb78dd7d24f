package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a search query occurs in a list of paragraphs, in reading order. Smart case as editors do: a query in
 * lower case matches any case, one with a capital letter matches exactly. Matches do not overlap.
 */
final class TextMatches {

    /** One occurrence: paragraph, first column, length. */
    record Match(int paragraph, int column, int length) {
    }

    /** Beyond this many matches the rest are not collected (a one-letter query on a huge file). */
    static final int LIMIT = 10_000;

    private TextMatches() {
    }

    static List<Match> find(List<String> paragraphs, String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        boolean ignoreCase = query.equals(query.toLowerCase(Locale.ROOT));
        int length = query.length();
        List<Match> out = new ArrayList<>();
        for (int p = 0; p < paragraphs.size() && out.size() < LIMIT; p++) {
            // regionMatches compares in place: lower-casing the text could change its length and so the columns.
            String text = paragraphs.get(p);
            for (int at = 0; at + length <= text.length() && out.size() < LIMIT; at++) {
                if (text.regionMatches(ignoreCase, at, query, 0, length)) {
                    out.add(new Match(p, at, length));
                    at += length - 1;
                }
            }
        }
        return out;
    }

    /** The first match at or after {@code paragraph}/{@code column}, wrapping to the first; -1 when none. */
    static int firstFrom(List<Match> matches, int paragraph, int column) {
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            if (m.paragraph() > paragraph || m.paragraph() == paragraph && m.column() >= column) {
                return i;
            }
        }
        return matches.isEmpty() ? -1 : 0;
    }
}
