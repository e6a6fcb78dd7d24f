package dev.rustreview.ui.diff;

import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Where comment threads go among a pane's rows and what they show: each thread's rows follow the row of the
 * line it ends on (or the fold hiding that line), collapsed to its summary or open. Plain data, tested
 * without a toolkit; thread rows are {@link RowKind#THREAD} rows with no line numbers, so nothing that maps
 * lines to rows counts them.
 */
final class ThreadRows {

    /** Rows to insert after paragraph {@code after}; {@code ids} names the thread of each row. */
    record Block(int after, List<DiffRow> rows, List<String> ids) {
    }

    private ThreadRows() {
    }

    /**
     * The blocks for {@code threads}, last paragraph first so inserting them in that order keeps the earlier
     * paragraphs' indices. {@code afterOf} gives the paragraph a thread's rows follow (-1: its line is not in
     * this diff, no block); {@code blank} says where a pane shows blank rows instead of the text (the split
     * view's other side, so the two panes stay level).
     */
    static List<Block> place(List<InlineThread> threads, ToIntFunction<InlineThread> afterOf, Set<String> collapsed,
                             Predicate<InlineThread> blank, IntUnaryOperator hunkAt) {
        List<Block> blocks = new ArrayList<>();
        for (InlineThread t : threads) {
            int after = afterOf.applyAsInt(t);
            if (after < 0) {
                continue;
            }
            List<String> texts = collapsed.contains(t.id()) ? List.of(t.summary()) : t.rows();
            boolean empty = blank.test(t);
            List<DiffRow> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int hunk = hunkAt.applyAsInt(after);
            for (String text : texts) {
                rows.add(new DiffRow(RowKind.THREAD, 0, 0, empty ? "" : text, hunk));
                ids.add(t.id());
            }
            blocks.add(new Block(after, rows, ids));
        }
        // Threads ending on the same row keep the order they came in (oldest first) under it.
        List<Block> merged = new ArrayList<>();
        blocks.sort(Comparator.comparingInt(Block::after));
        for (Block b : blocks) {
            Block last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.after() == b.after()) {
                List<DiffRow> rows = new ArrayList<>(last.rows());
                rows.addAll(b.rows());
                List<String> ids = new ArrayList<>(last.ids());
                ids.addAll(b.ids());
                merged.set(merged.size() - 1, new Block(b.after(), rows, ids));
            } else {
                merged.add(b);
            }
        }
        java.util.Collections.reverse(merged);
        return merged;
    }

    /**
     * The full-document index of the last row showing {@code line} of {@code side} (a removed or context row
     * for the old side, an added or context row for the new side), -1 when the diff does not show it.
     */
    /** The paragraph of {@code shown} a thread ending on {@code line} of {@code side} follows, -1 if none. */
    static int paragraphAfter(ShownRows shown, List<DiffRow> full, Side side, int line) {
        int index = lastRowOf(full, side, line);
        return index < 0 ? -1 : shown.paragraphOf(index);
    }

    static int lastRowOf(List<DiffRow> full, Side side, int line) {
        for (int i = full.size() - 1; i >= 0; i--) {
            DiffRow r = full.get(i);
            boolean numbered = r.kind() == RowKind.ADDED || r.kind() == RowKind.REMOVED || r.kind() == RowKind.CONTEXT;
            if (numbered && r.lineOn(side) == line) {
                return i;
            }
        }
        return -1;
    }
}
