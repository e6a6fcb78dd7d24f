package dev.rustreview.ui.diff.gutter;

import dev.rustreview.model.Finding;
import dev.rustreview.ui.diff.DiffMarks;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/** The gutter's risk part: a dot in the colour of the most severe finding on the line, explained on hover. */
public final class SeverityMarker implements IntFunction<Node> {

    private final DiffMarks marks;
    private final java.util.function.IntUnaryOperator source;
    private final java.util.function.Predicate<Finding> shown;

    /** {@code source} maps a paragraph to the row index {@code marks} use (folds shift paragraphs). */
    public SeverityMarker(DiffMarks marks, java.util.function.IntUnaryOperator source) {
        this(marks, source, f -> true);
    }

    /**
     * Marks only the findings {@code shown} accepts: the navigator's severity filter and muted rules hide a
     * finding's dot as they hide it from the unit's count.
     */
    public SeverityMarker(DiffMarks marks, java.util.function.IntUnaryOperator source,
                          java.util.function.Predicate<Finding> shown) {
        this.marks = marks;
        this.source = source;
        this.shown = shown;
    }

    @Override
    public Node apply(int paragraph) {
        List<Finding> here = marks.findingsAt(source.applyAsInt(paragraph)).stream().filter(shown).toList();
        if (here.isEmpty()) {
            return null; // most rows: no node at all
        }
        // A shape, not a glyph: the diff area's text rules would recolour a label's text.
        StackPane cell = new StackPane();
        cell.getStyleClass().add("severity-marker");
        cell.setMinWidth(DiffGutter.MARKER_WIDTH);
        cell.setPrefWidth(DiffGutter.MARKER_WIDTH);
        Finding top = here.stream().min(Comparator.comparing(Finding::severity)).orElseThrow();
        Region dot = new Region();
        dot.getStyleClass().addAll("marker-dot", "marker-" + top.severity().label());
        dot.setMinSize(8, 8);
        dot.setMaxSize(8, 8);
        cell.getChildren().add(dot);
        Tooltip tip = new Tooltip(here.stream()
                .map(f -> f.sourceLabel() + " (" + f.severity().label() + "): " + f.title() + "\n" + f.explanation()
                        + f.compiler().stream().filter(c -> !f.compilerOnly())
                                .map(c -> "\n" + c.ruleId() + ": " + c.message()).collect(Collectors.joining()))
                .collect(Collectors.joining("\n\n")));
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        tip.setShowDelay(Duration.millis(250));
        Tooltip.install(cell, tip);
        return cell;
    }
}
