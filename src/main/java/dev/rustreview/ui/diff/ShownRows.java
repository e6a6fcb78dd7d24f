package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows one pane currently shows: the folded rows, with folds opened as the reviewer expands them.
 * Maps each paragraph back to the full document so marks computed once for all rows stay valid. Plain
 * data (tested without a toolkit); the view mutates it on the FX thread just before the matching replace.
 */
final class ShownRows {

    private final List<DiffRow> full;
    private final ArrayList<DiffRow> shown;
    private final ArrayList<Integer> source;

    ShownRows(List<DiffRow> full, Folding folding) {
        this.full = full;
        this.shown = new ArrayList<>(folding.shown());
        this.source = new ArrayList<>(folding.source());
    }

    int size() {
        return shown.size();
    }

    DiffRow row(int paragraph) {
        return paragraph >= 0 && paragraph < shown.size() ? shown.get(paragraph) : null;
    }

    /** The full-document index of the paragraph's row (a fold's first hidden row), -1 when out of range. */
    int source(int paragraph) {
        return paragraph >= 0 && paragraph < source.size() ? source.get(paragraph) : -1;
    }

    List<DiffRow> rows() {
        return java.util.Collections.unmodifiableList(shown);
    }

    /** Opens the fold at {@code paragraph}; returns the full index of its first hidden row, or -1 if it is no fold. */
    int expand(int paragraph) {
        DiffRow fold = row(paragraph);
        if (fold == null || fold.kind() != RowKind.FOLD) {
            return -1;
        }
        int from = source.get(paragraph);
        List<Integer> indices = new ArrayList<>(fold.folded());
        for (int k = from; k < from + fold.folded(); k++) {
            indices.add(k);
        }
        shown.remove(paragraph);
        shown.addAll(paragraph, full.subList(from, from + fold.folded()));
        source.remove(paragraph);
        source.addAll(paragraph, indices);
        return from;
    }

    /** The paragraph showing full row {@code index}: the row itself, or the fold hiding it; -1 if none. */
    int paragraphOf(int index) {
        for (int p = 0; p < shown.size(); p++) {
            int s = source.get(p);
            int span = shown.get(p).kind() == RowKind.FOLD ? shown.get(p).folded() : 1;
            if (s <= index && index < s + span) {
                return p;
            }
        }
        return -1;
    }

    /** Inserts comment-thread rows after paragraph {@code after}; they map to no row of the full document. */
    void insertThreadRows(int after, List<DiffRow> threadRows) {
        shown.addAll(after + 1, threadRows);
        for (int k = 0; k < threadRows.size(); k++) {
            source.add(after + 1, -1);
        }
    }

    /** The runs of comment-thread paragraphs, as {first, count}, last run first (so removing keeps indices). */
    List<int[]> threadRuns() {
        List<int[]> runs = new ArrayList<>();
        int p = 0;
        while (p < shown.size()) {
            if (shown.get(p).kind() == RowKind.THREAD) {
                int from = p;
                while (p < shown.size() && shown.get(p).kind() == RowKind.THREAD) {
                    p++;
                }
                runs.add(0, new int[] {from, p - from});
            } else {
                p++;
            }
        }
        return runs;
    }

    /** Removes {@code count} paragraphs from {@code from} (a run of {@link #threadRuns}). */
    void remove(int from, int count) {
        shown.subList(from, from + count).clear();
        source.subList(from, from + count).clear();
    }
}
