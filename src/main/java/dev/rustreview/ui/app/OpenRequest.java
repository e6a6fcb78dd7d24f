package dev.rustreview.ui.app;

import java.nio.file.Path;

/**
 * What the window opens: a repository (null for the bundled sample), optional base and head revisions, and
 * optionally the review to continue ({@code reviewId}; null: the head branch's own review). Continuing a review
 * on another head is how a rewritten agent branch becomes the review's next round.
 */
public record OpenRequest(Path repo, String base, String head, String reviewId) {

    public OpenRequest(Path repo, String base, String head) {
        this(repo, base, head, null);
    }

    /** The bundled sample, at its default branches. */
    public static OpenRequest sample() {
        return new OpenRequest(null, null, null);
    }

    /** The same repository at another base and head, continuing {@code review} (null: the head's own). */
    public OpenRequest at(String newBase, String newHead, String review) {
        return new OpenRequest(repo, newBase, newHead, review);
    }
}
