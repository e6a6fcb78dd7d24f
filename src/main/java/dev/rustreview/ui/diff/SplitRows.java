package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The unified rows rearranged side by side: old side left, new side right, with filler rows so that a
 * removed line and the added line replacing it sit on the same paragraph in both panes.
 *
 * @param source for each split row, the index of the unified row it shows, -1 for a filler
 */
public record SplitRows(List<DiffRow> left, List<DiffRow> right, List<Integer> leftSource, List<Integer> rightSource) {

    public SplitRows {
        left = List.copyOf(left);
        right = List.copyOf(right);
        leftSource = List.copyOf(leftSource);
        rightSource = List.copyOf(rightSource);
    }

    public static SplitRows of(List<DiffRow> rows) {
        List<DiffRow> left = new ArrayList<>();
        List<DiffRow> right = new ArrayList<>();
        List<Integer> ls = new ArrayList<>();
        List<Integer> rs = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            DiffRow row = rows.get(i);
            if (row.kind() != RowKind.REMOVED && row.kind() != RowKind.ADDED) {
                left.add(row);
                right.add(row);
                ls.add(i);
                rs.add(i);
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
            int removed = addedStart - removedStart;
            int added = i - addedStart;
            for (int p = 0; p < Math.max(removed, added); p++) {
                add(rows, p < removed ? removedStart + p : -1, left, ls, rows.get(removedStart).hunk());
                add(rows, p < added ? addedStart + p : -1, right, rs, rows.get(removedStart).hunk());
            }
        }
        return new SplitRows(left, right, ls, rs);
    }

    private static void add(List<DiffRow> rows, int index, List<DiffRow> side, List<Integer> sources, int hunk) {
        side.add(index < 0 ? new DiffRow(RowKind.FILLER, 0, 0, "", hunk) : rows.get(index));
        sources.add(index);
    }
}
