package dev.rustreview.ui.diff;

import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.List;

/**
 * The diff with more of the file around it: up to {@code extra} unchanged lines above and below each hunk (the
 * {@code ]} key adds {@value #STEP} at a time), or the whole new side of the file ({@link #WHOLE_FILE}, the
 * {@code w} key), read from the head's blob. Lines outside every hunk are context rows of no unit (hunk -1); a
 * span still hidden is one note row saying how many lines it holds and which keys show them. Old line numbers
 * of those lines follow from the hunks before them (each shifts the old side by its old count minus its new
 * count). Plain data, built off the FX thread.
 */
public final class WideContext {

    /** Lines added above and below each hunk per step. */
    public static final int STEP = 20;
    /** {@code extra} for the whole file. */
    public static final int WHOLE_FILE = Integer.MAX_VALUE;

    private WideContext() {
    }

    /**
     * {@code diff}'s rows (from {@link DiffDocument#of}) with the unchanged lines of {@code newText} (the head's
     * version of the file) around its hunks. A file that is not a modification (added, deleted, binary) or whose
     * text does not fit its hunks is returned as it is.
     */
    public static DiffDocument of(DiffDocument diff, FileChange file, String newText, int extra) {
        if (extra <= 0 || newText == null || file.hunks().isEmpty() || file.oldPath() == null
                || file.newPath() == null) {
            return diff;
        }
        String[] lines = newText.split("\n", -1);
        int total = newText.endsWith("\n") ? lines.length - 1 : lines.length;
        List<List<DiffRow>> byHunk = rowsByHunk(diff.rows(), file.hunks().size());
        if (byHunk == null) {
            return diff;
        }
        List<DiffRow> out = new ArrayList<>();
        int offset = 0; // old line minus new line for unchanged lines, before the next hunk
        int previousEnd = 0; // the last new line of the previous hunk
        for (int h = 0; h < file.hunks().size(); h++) {
            Hunk hunk = file.hunks().get(h);
            int start = hunk.newCount() > 0 ? hunk.newStart() : hunk.newStart() + 1;
            if (start - 1 > total) {
                return diff; // the text is not the version these hunks describe
            }
            gap(out, lines, previousEnd + 1, start - 1, offset, h == 0 ? 0 : extra, extra);
            out.addAll(byHunk.get(h));
            offset += hunk.oldCount() - hunk.newCount();
            previousEnd = hunk.newCount() > 0 ? hunk.newStart() + hunk.newCount() - 1 : hunk.newStart();
        }
        gap(out, lines, previousEnd + 1, total, offset, extra, 0);
        return new DiffDocument(diff.path(), out);
    }

    /**
     * Unchanged new lines {@code from..to}: the first {@code afterPrevious} (below the hunk above) and the last
     * {@code beforeNext} (above the hunk below) shown, the rest one note row.
     */
    private static void gap(List<DiffRow> out, String[] lines, int from, int to, int offset, int afterPrevious,
                            int beforeNext) {
        if (from > to) {
            return;
        }
        int count = to - from + 1;
        long shown = (long) afterPrevious + beforeNext;
        if (shown >= count) {
            for (int n = from; n <= to; n++) {
                out.add(context(lines, n, offset));
            }
            return;
        }
        for (int n = from; n < from + afterPrevious; n++) {
            out.add(context(lines, n, offset));
        }
        int hidden = count - afterPrevious - beforeNext;
        out.add(new DiffRow(RowKind.NOTE, 0, 0, hiddenText(hidden), -1));
        for (int n = to - beforeNext + 1; n <= to; n++) {
            out.add(context(lines, n, offset));
        }
    }

    /** The text of a note row standing for {@code hidden} unchanged lines. */
    static String hiddenText(int hidden) {
        return "\u22ef " + hidden + " unchanged line" + (hidden == 1 ? "" : "s") + " not shown (] shows " + STEP
                + " more around each change, w the whole file)";
    }

    /** Whether a row is such a note (a click on it shows more). */
    public static boolean isHiddenSpan(DiffRow row) {
        return row != null && row.kind() == RowKind.NOTE && row.hunk() < 0 && row.text().startsWith("\u22ef ")
                && row.text().contains(" not shown (");
    }

    private static DiffRow context(String[] lines, int newLine, int offset) {
        String text = lines[newLine - 1];
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1) + DiffDocument.CR_MARK;
        }
        return new DiffRow(RowKind.CONTEXT, newLine + offset, newLine, text, -1);
    }

    // The document's rows of each hunk, its header first; null when they are not in hunk order.
    private static List<List<DiffRow>> rowsByHunk(List<DiffRow> rows, int hunks) {
        List<List<DiffRow>> out = new ArrayList<>();
        for (int h = 0; h < hunks; h++) {
            out.add(new ArrayList<>());
        }
        for (DiffRow r : rows) {
            if (r.hunk() < 0 || r.hunk() >= hunks) {
                return null;
            }
            out.get(r.hunk()).add(r);
        }
        return out;
    }
}
