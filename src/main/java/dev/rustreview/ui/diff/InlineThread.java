package dev.rustreview.ui.diff;

import dev.rustreview.model.Side;
import java.util.List;

/**
 * A comment thread as the diff shows it under its lines: the annotation's id, the side and line it ends on
 * (the rows go under that line), whether it is resolved, its one-row summary (shown collapsed) and its rows
 * (shown expanded: the comment, the replies, what the keys do). Plain text, built by the window from the review.
 */
public record InlineThread(String id, Side side, int line, boolean resolved, String summary, List<String> rows) {

    public InlineThread {
        rows = List.copyOf(rows);
    }
}
