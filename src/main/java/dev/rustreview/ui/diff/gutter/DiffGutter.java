package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffRow;
import java.util.List;
import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.layout.HBox;

/**
 * The root paragraph graphic: composes the gutter's parts in order (stripe, numbers, note, marker), each
 * reading its own model, and colours the whole gutter row by the row's kind. RichTextFX calls it only for
 * visible paragraphs, so setting a new one is how the view refreshes badges and notes without touching
 * the document.
 */
public final class DiffGutter implements IntFunction<Node> {

    private final IntFunction<DiffRow> rows;
    private final List<IntFunction<Node>> parts;

    /** {@code rows} gives the row shown at a paragraph (null past the end). */
    public DiffGutter(IntFunction<DiffRow> rows, List<IntFunction<Node>> parts) {
        this.rows = rows;
        this.parts = List.copyOf(parts);
    }

    @Override
    public Node apply(int paragraph) {
        HBox box = new HBox();
        box.getStyleClass().add("diff-gutter");
        DiffRow row = rows.apply(paragraph);
        if (row != null) {
            box.getStyleClass().add(row.styleClass() + "-gutter");
        }
        parts.forEach(p -> box.getChildren().add(p.apply(paragraph)));
        return box;
    }
}
