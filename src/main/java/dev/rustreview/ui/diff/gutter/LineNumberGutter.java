package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffRow;
import dev.rustreview.ui.diff.HunkBadge;
import dev.rustreview.ui.diff.RowKind;
import java.util.List;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;

/**
 * The gutter's line-number part: old and new line numbers as one text node, right-aligned in columns by
 * padding (the gutter font is monospace), which is far cheaper to style and lay out than a label per
 * number. A hunk header has no numbers, so its columns show the hunk's decision badge instead.
 */
public final class LineNumberGutter implements IntFunction<Node> {

    // Generous for a 12px monospace digit, so the gutter's minimum width, not the text, sets the code's indent.
    private static final double CHAR_WIDTH = 8;

    private final IntFunction<DiffRow> rows;
    private final IntFunction<HunkBadge> badges;
    private final int digits;
    private final boolean showOld;
    private final boolean showNew;

    /**
     * Numbers of one or both sides (the split view shows one side per pane); {@code all} sizes the
     * columns, {@code badges} gives a hunk's badge (null for none).
     */
    public LineNumberGutter(IntFunction<DiffRow> rows, List<DiffRow> all, IntFunction<HunkBadge> badges,
                            boolean showOld, boolean showNew) {
        this.rows = rows;
        this.badges = badges;
        this.showOld = showOld;
        this.showNew = showNew;
        int max = all.stream().mapToInt(r -> Math.max(r.oldLine(), r.newLine())).max().orElse(1);
        this.digits = Math.max(3, String.valueOf(max).length());
    }

    /** The width the numbers take: one column per side shown, each a space wider than the longest number. */
    double width() {
        return CHAR_WIDTH * (digits + 1) * columns();
    }

    private int columns() {
        return (showOld ? 1 : 0) + (showNew ? 1 : 0);
    }

    @Override
    public Node apply(int paragraph) {
        DiffRow row = rows.apply(paragraph);
        HunkBadge badge = row != null && row.kind() == RowKind.HUNK_HEADER ? badges.apply(row.hunk()) : null;
        if (badge != null && badge.isShown()) {
            return badge(badge, width());
        }
        Text text = new Text(numbers(row));
        text.getStyleClass().add("diff-line-number");
        return text;
    }

    /** The numbers of {@code row} padded into their columns; blank for rows without them (and folds). */
    String numbers(DiffRow row) {
        boolean none = row == null || row.kind() == RowKind.FOLD;
        StringBuilder sb = new StringBuilder();
        if (showOld) {
            pad(sb, none ? 0 : row.oldLine());
        }
        if (showNew) {
            pad(sb, none ? 0 : row.newLine());
        }
        return sb.toString();
    }

    private void pad(StringBuilder sb, int line) {
        String n = line > 0 ? Integer.toString(line) : "";
        sb.append(" ".repeat(digits + 1 - n.length())).append(n);
    }

    private static Label badge(HunkBadge badge, double width) {
        Label label = new Label(badge.text());
        label.getStyleClass().add("hunk-badge");
        if (badge.styleClass() != null && !badge.styleClass().isBlank()) {
            label.getStyleClass().add(badge.styleClass());
        }
        // At least the numbers' width so a short badge keeps the header text aligned with the code.
        label.setMinWidth(width);
        label.setAlignment(Pos.CENTER);
        return label;
    }
}
