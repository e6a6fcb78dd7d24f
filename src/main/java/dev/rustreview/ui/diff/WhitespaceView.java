package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The diff with whitespace ignored, as {@code git diff -w} shows it: within each run of removed lines and the
 * added lines after it, a removed and an added line that differ only in whitespace (re-indented, tabs for spaces,
 * trailing blanks) are one unchanged line, shown with its new text and both line numbers. A hunk left with no
 * change says "whitespace only" in its header. Only the view changes: units, decisions and findings are the
 * same, and a finding on such a line still marks it. Plain data, built off the FX thread.
 */
public final class WhitespaceView {

    /** Blocks larger than this (removed × added lines) keep their rows: the alignment is quadratic. */
    private static final long MAX_CELLS = 4_000_000;
    static final String WHITESPACE_ONLY = "  \u00b7 whitespace only";

    private WhitespaceView() {
    }

    public static DiffDocument of(DiffDocument doc) {
        List<DiffRow> in = doc.rows();
        List<DiffRow> out = new ArrayList<>(in.size());
        int i = 0;
        while (i < in.size()) {
            DiffRow row = in.get(i);
            if (row.kind() != RowKind.REMOVED && row.kind() != RowKind.ADDED) {
                out.add(row);
                i++;
                continue;
            }
            int removedFrom = i;
            while (i < in.size() && in.get(i).kind() == RowKind.REMOVED) {
                i++;
            }
            int addedFrom = i;
            while (i < in.size() && in.get(i).kind() == RowKind.ADDED) {
                i++;
            }
            align(in.subList(removedFrom, addedFrom), in.subList(addedFrom, i), out);
        }
        return new DiffDocument(doc.path(), markWhitespaceOnly(out));
    }

    /** Whether two lines differ only in whitespace (all of it ignored, as {@code -w} does). */
    static boolean sameIgnoringWhitespace(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && Character.isWhitespace(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && Character.isWhitespace(b.charAt(j))) {
                j++;
            }
            if (i == a.length() || j == b.length()) {
                return i == a.length() && j == b.length();
            }
            if (a.charAt(i++) != b.charAt(j++)) {
                return false;
            }
        }
    }

    // The longest common subsequence of the two runs under sameIgnoringWhitespace; matched pairs become context.
    private static void align(List<DiffRow> removed, List<DiffRow> added, List<DiffRow> out) {
        int n = removed.size();
        int m = added.size();
        if (n == 0 || m == 0 || (long) n * m > MAX_CELLS) {
            out.addAll(removed);
            out.addAll(added);
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int a = n - 1; a >= 0; a--) {
            for (int b = m - 1; b >= 0; b--) {
                lcs[a][b] = sameIgnoringWhitespace(removed.get(a).text(), added.get(b).text()) ? lcs[a + 1][b + 1] + 1
                        : Math.max(lcs[a + 1][b], lcs[a][b + 1]);
            }
        }
        List<DiffRow> pendingRemoved = new ArrayList<>();
        List<DiffRow> pendingAdded = new ArrayList<>();
        int a = 0;
        int b = 0;
        while (a < n || b < m) {
            if (a < n && b < m && sameIgnoringWhitespace(removed.get(a).text(), added.get(b).text())
                    && lcs[a][b] == lcs[a + 1][b + 1] + 1) {
                out.addAll(pendingRemoved);
                out.addAll(pendingAdded);
                pendingRemoved.clear();
                pendingAdded.clear();
                DiffRow r = removed.get(a);
                DiffRow d = added.get(b);
                out.add(new DiffRow(RowKind.CONTEXT, r.oldLine(), d.newLine(), d.text(), d.hunk()));
                a++;
                b++;
            } else if (b == m || a < n && lcs[a + 1][b] >= lcs[a][b + 1]) {
                pendingRemoved.add(removed.get(a++));
            } else {
                pendingAdded.add(added.get(b++));
            }
        }
        out.addAll(pendingRemoved);
        out.addAll(pendingAdded);
    }

    private static List<DiffRow> markWhitespaceOnly(List<DiffRow> rows) {
        List<DiffRow> out = new ArrayList<>(rows);
        for (int h = 0; h < out.size(); h++) {
            DiffRow header = out.get(h);
            if (header.kind() != RowKind.HUNK_HEADER) {
                continue;
            }
            boolean changed = false;
            for (int k = h + 1; k < out.size() && out.get(k).kind() != RowKind.HUNK_HEADER; k++) {
                changed |= out.get(k).kind() == RowKind.ADDED || out.get(k).kind() == RowKind.REMOVED;
            }
            if (!changed) {
                out.set(h, new DiffRow(RowKind.HUNK_HEADER, 0, 0, header.text() + WHITESPACE_ONLY, header.hunk()));
            }
        }
        return out;
    }
}
