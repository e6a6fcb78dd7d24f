package dev.rustreview.git;

import java.time.Instant;

/**
 * A branch or tag, for pickers and for "did you mean" suggestions.
 *
 * @param shortName  the name as a user types it ({@code main}, {@code origin/main}, {@code v1.0})
 * @param fullName   the full ref name ({@code refs/heads/main})
 * @param commitId   the commit it points to (annotated tags peeled)
 * @param commitTime when that commit was committed
 */
public record RefInfo(String shortName, String fullName, Kind kind, String commitId, Instant commitTime) {

    /** Where the ref lives. */
    public enum Kind {
        /** A local branch, {@code refs/heads/}. */
        LOCAL,
        /** A remote-tracking branch, {@code refs/remotes/}. */
        REMOTE,
        /** A tag, {@code refs/tags/}. */
        TAG
    }
}
