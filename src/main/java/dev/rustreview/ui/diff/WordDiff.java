package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Intra-line highlights: for each removed line paired with the added line that replaced it, the span
 * that differs once the common prefix and suffix (snapped to word boundaries) are set aside. Cheap and
 * predictable, which is what a reviewer scanning a one-token change needs.
 */
public final class WordDiff {

    /** The changed range {@code [start, end)} of one row; empty when nothing is highlighted. */
    public record Range(int start, int end) {
        public static final Range NONE = new Range(0, 0);

        public boolean isEmpty() {
            return end <= start;
        }
    }

    private WordDiff() {
    }

    /** The differing ranges of {@code removed} and {@code added}, in that order. */
    public static Range[] between(String removed, String added) {
        int max = Math.min(removed.length(), added.length());
        int prefix = 0;
        while (prefix < max && removed.charAt(prefix) == added.charAt(prefix)) {
            prefix++;
        }
        // Back to a word start when the change begins mid-word (count -> counter marks the whole word).
        while (prefix > 0 && isWord(removed.charAt(prefix - 1)) && (wordAt(removed, prefix) || wordAt(added, prefix))) {
            prefix--;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && removed.charAt(removed.length() - 1 - suffix) == added.charAt(added.length() - 1 - suffix)) {
            suffix++;
        }
        int oldEnd = removed.length() - suffix;
        int newEnd = added.length() - suffix;
        while (suffix > 0 && isWord(removed.charAt(oldEnd)) && (wordAt(removed, oldEnd - 1) || wordAt(added, newEnd - 1))) {
            oldEnd++;
            newEnd++;
            suffix--;
        }
        return new Range[] {new Range(prefix, Math.max(prefix, oldEnd)), new Range(prefix, Math.max(prefix, newEnd))};
    }

    private static boolean wordAt(String s, int i) {
        return i >= 0 && i < s.length() && isWord(s.charAt(i));
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * Highlights for every row of a document: a run of removed rows directly followed by a run of added
     * rows is paired line by line; rows without a partner (or that changed completely) get none.
     */
    public static List<Range> forRows(List<DiffRow> rows) {
        List<Range> out = new ArrayList<>(java.util.Collections.nCopies(rows.size(), Range.NONE));
        int i = 0;
        while (i < rows.size()) {
            if (rows.get(i).kind() != RowKind.REMOVED) {
                i++;
                continue;
            }
            int removedStart = i;
            while (i < rows.size() && rows.get(i).kind() == RowKind.REMOVED) {
                i++;
            }
            int addedStart = i;
            while (i < rows.size() && rows.get(i).kind() == RowKind.ADDED) {
                i++;
            }
            int pairs = Math.min(addedStart - removedStart, i - addedStart);
            for (int p = 0; p < pairs; p++) {
                String oldText = rows.get(removedStart + p).text();
                String newText = rows.get(addedStart + p).text();
                Range[] r = between(oldText, newText);
                // A line rewritten end to end gains nothing from a highlight covering all of it.
                if (r[0].end() - r[0].start() < oldText.length() || r[1].end() - r[1].start() < newText.length()) {
                    out.set(removedStart + p, r[0]);
                    out.set(addedStart + p, r[1]);
                }
            }
        }
        return out;
    }
}
