package dev.rustreview.ui.diff;

/**
 * One paragraph of the unified diff view.
 *
 * @param oldLine line on the old side, 0 when the row has none
 * @param newLine line on the new side, 0 when the row has none
 * @param hunk    index of the hunk the row belongs to, -1 for file-level notes
 */
public record DiffRow(RowKind kind, int oldLine, int newLine, String text, int hunk) {

    /** The CSS class of the whole paragraph. */
    public String styleClass() {
        return switch (kind) {
            case HUNK_HEADER -> "diff-hunk-header";
            case CONTEXT -> "diff-context";
            case ADDED -> "diff-added";
            case REMOVED -> "diff-removed";
            case NOTE -> "diff-note";
            case FILLER -> "diff-filler";
        };
    }
}
