package dev.rustreview.ui.diff.gutter;

import dev.rustreview.ui.diff.DiffMarks;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The gutter's provenance part: whether a paragraph's line was introduced by an agent-written commit.
 * Drawn as the gutter box's left border (style class {@code agent-written}), not a node of its own.
 */
public final class AgentStripe implements IntPredicate {

    /** The border every gutter row reserves, coloured only on agent-written lines. */
    static final double WIDTH = 3;

    private final DiffMarks marks;
    private final IntUnaryOperator source;

    /** {@code source} maps a paragraph to the row index {@code marks} use (folds shift paragraphs). */
    public AgentStripe(DiffMarks marks, IntUnaryOperator source) {
        this.marks = marks;
        this.source = source;
    }

    @Override
    public boolean test(int paragraph) {
        return marks.agentAt(source.applyAsInt(paragraph));
    }
}
