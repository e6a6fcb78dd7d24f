package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffRow;
import java.util.List;
import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.layout.HBox;

/**
 * The root paragraph graphic: composes the gutter's parts in order (stripe, numbers, marker), each reading
 * its own model, and colours the whole gutter row by the row's kind.
 */
public final class DiffGutter implements IntFunction<Node> {

    private final List<DiffRow> rows;
    private final List<IntFunction<Node>> parts;

    public DiffGutter(List<DiffRow> rows, List<IntFunction<Node>> parts) {
        this.rows = rows;
        this.parts = List.copyOf(parts);
    }

    @Override
    public Node apply(int paragraph) {
        HBox box = new HBox();
        box.getStyleClass().add("diff-gutter");
        if (paragraph < rows.size()) {
            box.getStyleClass().add(rows.get(paragraph).styleClass() + "-gutter");
        }
        parts.forEach(p -> box.getChildren().add(p.apply(paragraph)));
        return box;
    }
}
