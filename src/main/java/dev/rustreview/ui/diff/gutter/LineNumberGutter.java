package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffRow;
import java.util.List;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The gutter's line-number part: old and new line numbers side by side, sized for the widest number so
 * the columns line up. The view calls it only for visible paragraphs (RichTextFX virtualises them).
 */
public final class LineNumberGutter implements IntFunction<Node> {

    private final List<DiffRow> rows;
    private final double columnWidth;
    private final boolean showOld;
    private final boolean showNew;

    public LineNumberGutter(List<DiffRow> rows) {
        this(rows, true, true);
    }

    /** Numbers of one or both sides (the split view shows one side per pane). */
    public LineNumberGutter(List<DiffRow> rows, boolean showOld, boolean showNew) {
        this.rows = rows;
        this.showOld = showOld;
        this.showNew = showNew;
        int max = rows.stream().mapToInt(r -> Math.max(r.oldLine(), r.newLine())).max().orElse(1);
        this.columnWidth = 8.0 * Math.max(3, String.valueOf(max).length()) + 10;
    }

    @Override
    public Node apply(int paragraph) {
        DiffRow row = paragraph < rows.size() ? rows.get(paragraph) : null;
        HBox box = new HBox();
        if (showOld) {
            box.getChildren().add(number(row == null ? 0 : row.oldLine()));
        }
        if (showNew) {
            box.getChildren().add(number(row == null ? 0 : row.newLine()));
        }
        return box;
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
