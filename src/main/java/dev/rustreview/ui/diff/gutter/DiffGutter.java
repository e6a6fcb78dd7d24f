package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffRow;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The root paragraph graphic: the line numbers, then a column per marker (note, finding), with the agent
 * stripe drawn as the box's left border. Kept to a box and one text node on most rows, because every node
 * here is styled and laid out for each visible paragraph when a file opens; markers exist only where
 * something is marked. The box's minimum width is the same on every row so the code lines up. RichTextFX
 * calls it only for visible paragraphs, so setting a new one is how the view refreshes badges and notes
 * without touching the document.
 */
public final class DiffGutter implements IntFunction<Node> {

    static final double MARKER_WIDTH = 14;
    /** The border every row reserves on the code's side, coloured on the selected unit's rows. */
    static final double CURRENT_WIDTH = 3;

    private final IntFunction<DiffRow> rows;
    private final IntPredicate agent;
    private final IntPredicate current;
    private final LineNumberGutter numbers;
    private final List<IntFunction<Node>> markers;
    private final double width;

    /**
     * {@code rows} gives the row shown at a paragraph (null past the end), {@code agent} whether an
     * agent-written commit introduced it; {@code markers} return null where they have nothing to show.
     */
    public DiffGutter(IntFunction<DiffRow> rows, IntPredicate agent, LineNumberGutter numbers,
                      List<IntFunction<Node>> markers) {
        this(rows, agent, p -> false, numbers, markers);
    }

    /** As above; {@code current} marks the rows of the unit the reviewer is on (a bar beside the code). */
    public DiffGutter(IntFunction<DiffRow> rows, IntPredicate agent, IntPredicate current, LineNumberGutter numbers,
                      List<IntFunction<Node>> markers) {
        this.rows = rows;
        this.agent = agent;
        this.current = current;
        this.numbers = numbers;
        this.markers = List.copyOf(markers);
        this.width = AgentStripe.WIDTH + numbers.width() + MARKER_WIDTH * markers.size() + CURRENT_WIDTH;
    }

    @Override
    public Node apply(int paragraph) {
        HBox box = new HBox();
        box.getStyleClass().add("diff-gutter");
        box.setMinWidth(width);
        DiffRow row = rows.apply(paragraph);
        if (row != null) {
            box.getStyleClass().add(row.styleClass() + "-gutter");
        }
        if (agent.test(paragraph)) {
            box.getStyleClass().add("agent-written");
        }
        if (current.test(paragraph)) {
            box.getStyleClass().add("current-unit");
        }
        box.getChildren().add(numbers.apply(paragraph));
        int skipped = 0;
        for (IntFunction<Node> marker : markers) {
            Node m = marker.apply(paragraph);
            if (m == null) {
                skipped++;
                continue;
            }
            if (skipped > 0) { // keep each marker in its own column
                Region gap = new Region();
                gap.setMinWidth(MARKER_WIDTH * skipped);
                box.getChildren().add(gap);
                skipped = 0;
            }
            box.getChildren().add(m);
        }
        return box;
    }
}
