package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffRow;
import dev.rustreview.ui.diff.HunkBadge;
import dev.rustreview.ui.diff.RowKind;
import java.util.List;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The gutter's line-number part: old and new line numbers side by side, sized for the widest number so
 * the columns line up. A hunk header has no numbers, so its columns show the hunk's decision badge instead.
 */
public final class LineNumberGutter implements IntFunction<Node> {

    private final IntFunction<DiffRow> rows;
    private final IntFunction<HunkBadge> badges;
    private final double columnWidth;
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
        this.columnWidth = 8.0 * Math.max(3, String.valueOf(max).length()) + 10;
    }

    @Override
    public Node apply(int paragraph) {
        DiffRow row = rows.apply(paragraph);
        HBox box = new HBox();
        HunkBadge badge = row != null && row.kind() == RowKind.HUNK_HEADER ? badges.apply(row.hunk()) : null;
        if (badge != null && badge.isShown()) {
            box.getChildren().add(badge(badge, columnWidth * ((showOld ? 1 : 0) + (showNew ? 1 : 0))));
            return box;
        }
        boolean fold = row != null && row.kind() == RowKind.FOLD;
        if (showOld) {
            box.getChildren().add(number(row == null || fold ? 0 : row.oldLine()));
        }
        if (showNew) {
            box.getChildren().add(number(row == null || fold ? 0 : row.newLine()));
        }
        return box;
    }

    private static Label badge(HunkBadge badge, double width) {
        Label label = new Label(badge.text());
        label.getStyleClass().add("hunk-badge");
        if (badge.styleClass() != null && !badge.styleClass().isBlank()) {
            label.getStyleClass().add(badge.styleClass());
        }
        // At least the numbers' width so short badges keep the header text aligned with the code.
        label.setMinWidth(Math.max(width, label.prefWidth(-1)));
        label.setAlignment(Pos.CENTER);
        return label;
    }

    private Label number(int line) {
        Label label = new Label(line > 0 ? Integer.toString(line) : "");
        label.getStyleClass().add("diff-line-number");
        label.setMinWidth(columnWidth);
        label.setPrefWidth(columnWidth);
        label.setAlignment(Pos.CENTER_RIGHT);
        return label;
    }
}
