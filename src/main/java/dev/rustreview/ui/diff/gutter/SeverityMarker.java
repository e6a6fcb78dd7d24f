package dev.rustreview.ui.diff.gutter;

import dev.rustreview.model.Finding;
import dev.rustreview.ui.diff.DiffMarks;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** The gutter's risk part: a dot in the colour of the most severe finding on the line, explained on hover. */
public final class SeverityMarker implements IntFunction<Node> {

    private final DiffMarks marks;

    public SeverityMarker(DiffMarks marks) {
        this.marks = marks;
    }

    @Override
    public Node apply(int paragraph) {
        List<Finding> here = marks.findingsAt(paragraph);
        Label dot = new Label(here.isEmpty() ? "" : "\u25CF");
        dot.getStyleClass().add("severity-marker");
        dot.setMinWidth(14);
        dot.setPrefWidth(14);
        dot.setAlignment(Pos.CENTER);
        if (!here.isEmpty()) {
            Finding top = here.stream().min(Comparator.comparing(Finding::severity)).orElseThrow();
            dot.getStyleClass().add("marker-" + top.severity().label());
            Tooltip tip = new Tooltip(here.stream()
                    .map(f -> f.ruleId() + " (" + f.severity().label() + "): " + f.title() + "\n" + f.explanation())
                    .collect(Collectors.joining("\n\n")));
            tip.setWrapText(true);
            tip.setMaxWidth(480);
            tip.setShowDelay(Duration.millis(250));
            dot.setTooltip(tip);
        }
        return dot;
    }
}
