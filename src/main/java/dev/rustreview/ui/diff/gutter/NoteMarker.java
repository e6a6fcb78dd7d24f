package dev.rustreview.ui.diff.gutter;

import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * The gutter's annotation part: a small speech bubble on annotated lines, the note on hover. A CSS shape
 * rather than a glyph, so it renders the same with any font and takes its colour from the theme.
 */
public final class NoteMarker implements IntFunction<Node> {

    private final IntFunction<String> notes;

    /** {@code notes} gives the tooltip of a paragraph's annotation, null when it has none. */
    public NoteMarker(IntFunction<String> notes) {
        this.notes = notes;
    }

    @Override
    public Node apply(int paragraph) {
        String note = notes.apply(paragraph);
        if (note == null) {
            return null; // most rows: no node at all
        }
        StackPane cell = new StackPane();
        cell.getStyleClass().add("note-cell");
        cell.setMinWidth(DiffGutter.MARKER_WIDTH);
        cell.setPrefWidth(DiffGutter.MARKER_WIDTH);
        Region bubble = new Region();
        bubble.getStyleClass().add("annotation-marker");
        bubble.setMinSize(10, 9);
        bubble.setMaxSize(10, 9);
        cell.getChildren().add(bubble);
        Tooltip tip = new Tooltip(note);
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        tip.setShowDelay(Duration.millis(250));
        Tooltip.install(cell, tip);
        return cell;
    }
}
