package dev.rustreview.review;

import dev.rustreview.model.Side;
import java.util.List;

/**
 * Where an annotation sits, with enough of the code to find it again after a rebase.
 *
 * @param path      null for an annotation on the whole review
 * @param side      null unless {@code scope} is LINES
 * @param lines     the anchored lines' text at the time, to re-anchor by content
 * @param hunkId    the hunk the lines were in, null for file or review scope or context outside hunks
 */
public record Anchor(Scope scope, String path, Side side, int startLine, int endLine, List<String> lines,
                     String hunkId) {

    /** A line range, a whole file, or the whole review. */
    public enum Scope { LINES, FILE, REVIEW }

    public Anchor {
        lines = List.copyOf(lines);
    }

    public static Anchor review() {
        return new Anchor(Scope.REVIEW, null, null, 0, 0, List.of(), null);
    }

    public static Anchor file(String path) {
        return new Anchor(Scope.FILE, path, null, 0, 0, List.of(), null);
    }

    public Anchor movedTo(int start, int end, String newHunkId) {
        return new Anchor(scope, path, side, start, end, lines, newHunkId);
    }
}
