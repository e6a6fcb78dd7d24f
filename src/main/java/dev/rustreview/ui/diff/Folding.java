package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds long runs of unchanged rows: more than {@value #MAX_RUN} consecutive context rows keep
 * {@value #KEEP} rows at each end and the rest become one {@link RowKind#FOLD} row. Pure data, so the
 * split view's two sides (whose context rows sit on the same paragraphs) fold identically.
 *
 * @param shown  the rows as first shown
 * @param source for each shown row the index of its row in the full list; for a fold, its first hidden row
 */
public record Folding(List<DiffRow> shown, List<Integer> source) {

    static final int MAX_RUN = 8;
    static final int KEEP = 3;

    public Folding {
        shown = List.copyOf(shown);
        source = List.copyOf(source);
    }

    /** Every row shown, nothing folded (the reviewer asked for more of the file). */
    public static Folding none(List<DiffRow> rows) {
        List<Integer> source = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            source.add(i);
        }
        return new Folding(rows, source);
    }

    public static Folding of(List<DiffRow> rows) {
        List<DiffRow> shown = new ArrayList<>(rows.size());
        List<Integer> source = new ArrayList<>(rows.size());
        int i = 0;
        while (i < rows.size()) {
            int end = i;
            while (end < rows.size() && rows.get(end).kind() == RowKind.CONTEXT) {
                end++;
            }
            if (end - i > MAX_RUN) {
                for (int k = i; k < i + KEEP; k++) {
                    shown.add(rows.get(k));
                    source.add(k);
                }
                int from = i + KEEP;
                int count = end - KEEP - from;
                shown.add(foldRow(rows.get(from), count));
                source.add(from);
                for (int k = end - KEEP; k < end; k++) {
                    shown.add(rows.get(k));
                    source.add(k);
                }
                i = end;
            } else if (end > i) {
                for (int k = i; k < end; k++) {
                    shown.add(rows.get(k));
                    source.add(k);
                }
                i = end;
            } else {
                shown.add(rows.get(i));
                source.add(i);
                i++;
            }
        }
        return new Folding(shown, source);
    }

    static DiffRow foldRow(DiffRow first, int count) {
        return new DiffRow(RowKind.FOLD, first.oldLine(), first.newLine(),
                "\u22ef " + count + " unchanged lines (click to expand)", first.hunk(), count);
    }
}
