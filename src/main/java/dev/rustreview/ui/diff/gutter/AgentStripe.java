package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffMarks;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/** The gutter's provenance part: a thin stripe beside lines an agent-written commit introduced. */
public final class AgentStripe implements IntFunction<Node> {

    private final DiffMarks marks;
    private final IntUnaryOperator source;

    /** {@code source} maps a paragraph to the row index {@code marks} use (folds shift paragraphs). */
    public AgentStripe(DiffMarks marks, IntUnaryOperator source) {
        this.marks = marks;
        this.source = source;
    }

    @Override
    public Node apply(int paragraph) {
        Region stripe = new Region();
        stripe.getStyleClass().add("agent-stripe");
        if (marks.agentAt(source.applyAsInt(paragraph))) {
            stripe.getStyleClass().add("agent-written");
        }
        stripe.setMinWidth(3);
        stripe.setPrefWidth(3);
        stripe.setMaxHeight(Double.MAX_VALUE);
        return stripe;
    }
}
