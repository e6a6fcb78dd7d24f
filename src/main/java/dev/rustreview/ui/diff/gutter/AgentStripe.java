package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffMarks;
import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/** The gutter's provenance part: a thin stripe beside lines an agent-written commit introduced. */
public final class AgentStripe implements IntFunction<Node> {

    private final DiffMarks marks;

    public AgentStripe(DiffMarks marks) {
        this.marks = marks;
    }

    @Override
    public Node apply(int paragraph) {
        Region stripe = new Region();
        stripe.getStyleClass().add("agent-stripe");
        if (marks.agentAt(paragraph)) {
            stripe.getStyleClass().add("agent-written");
        }
        stripe.setMinWidth(3);
        stripe.setPrefWidth(3);
        stripe.setMaxHeight(Double.MAX_VALUE);
        return stripe;
    }
}
