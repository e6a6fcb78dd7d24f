package dev.rustreview.ui.diff;

import dev.rustreview.model.Side;
import java.util.List;
import java.util.Optional;

/**
 * The lines a reviewer selected, as a comment refers to them: one side, one inclusive range.
 *
 * @param hunkIndex the hunk of the first selected line
 */
public record LineSelection(String path, Side side, int startLine, int endLine, int hunkIndex) {

    /**
     * The selection over rows {@code from..to} (inclusive) of {@code rows}. The new side wins as soon as
     * one selected row has a new line (a comment on changed code is about the result); removed-only
     * selections refer to the old side. A fold stands for all the lines it hides. Empty when no selected
     * row has a line (headers, notes, fillers).
     */
    public static Optional<LineSelection> of(String path, List<DiffRow> rows, int from, int to) {
        for (Side side : List.of(Side.NEW, Side.OLD)) {
            int start = Integer.MAX_VALUE;
            int end = 0;
            int hunk = -1;
            for (int i = Math.max(0, from); i <= Math.min(to, rows.size() - 1); i++) {
                DiffRow row = rows.get(i);
                if (!hasLines(row)) {
                    continue;
                }
                int line = row.lineOn(side);
                if (line <= 0) {
                    continue;
                }
                int last = row.kind() == RowKind.FOLD ? line + row.folded() - 1 : line;
                if (hunk < 0) {
                    hunk = row.hunk();
                }
                start = Math.min(start, line);
                end = Math.max(end, last);
            }
            if (hunk >= 0 || end > 0) {
                return Optional.of(new LineSelection(path, side, start, end, hunk));
            }
        }
        return Optional.empty();
    }

    private static boolean hasLines(DiffRow row) {
        return switch (row.kind()) {
            case ADDED, REMOVED, CONTEXT, FOLD -> true;
            case HUNK_HEADER, NOTE, FILLER, THREAD -> false;
        };
    }
}
