package dev.rustreview.ui.diff;

/**
 * One paragraph of the unified diff view.
 *
 * @param oldLine line on the old side, 0 when the row has none
 * @param newLine line on the new side, 0 when the row has none
 * @param hunk    index of the hunk the row belongs to, -1 for file-level notes
 * @param folded  for a {@link RowKind#FOLD} row, how many context rows it stands for (its line numbers are
 *                the first hidden row's); 0 for every other row
 */
public record DiffRow(RowKind kind, int oldLine, int newLine, String text, int hunk, int folded) {

    public DiffRow(RowKind kind, int oldLine, int newLine, String text, int hunk) {
        this(kind, oldLine, newLine, text, hunk, 0);
    }

    /** The line this row shows on {@code side}, 0 when it has none there (added rows have no old line). */
    public int lineOn(dev.rustreview.model.Side side) {
        boolean old = side == dev.rustreview.model.Side.OLD;
        if (kind == RowKind.ADDED && old || kind == RowKind.REMOVED && !old) {
            return 0;
        }
        return old ? oldLine : newLine;
    }

    /** The CSS class of the whole paragraph. */
    public String styleClass() {
        return switch (kind) {
            case HUNK_HEADER -> "diff-hunk-header";
            case CONTEXT -> "diff-context";
            case ADDED -> "diff-added";
            case REMOVED -> "diff-removed";
            case NOTE -> "diff-note";
            case FILLER -> "diff-filler";
            case FOLD -> "diff-fold";
            case THREAD -> "diff-thread";
        };
    }
}
