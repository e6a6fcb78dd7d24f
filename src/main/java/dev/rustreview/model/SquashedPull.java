package dev.rustreview.model;

import java.util.List;

/**
 * The commits of the pull request a squash-merge commit came from: squashing drops their trailers and authors,
 * the forge keeps them at {@code refs/pull/N/head}.
 *
 * @param commitId the squash commit whose subject ends in {@code (#N)}
 * @param number   N
 * @param commits  the pull request's own commits (reachable from its head, not from the squash commit's parents),
 *                 oldest first, at most a bounded number
 */
public record SquashedPull(String commitId, int number, List<Commit> commits) {

    public SquashedPull {
        commits = List.copyOf(commits);
    }

    /** The ref the commits were read from. */
    public String ref() {
        return "refs/pull/" + number + "/head";
    }
}
