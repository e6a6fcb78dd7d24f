package dev.rustreview.review;

import dev.rustreview.model.Commit;
import dev.rustreview.model.Hunk;
import java.util.List;

/**
 * What the agent changed between two rounds, without what came in from the base through a rebase: per file the
 * hunks of the new branch diff that the old one lacked (and the reverse), and the commits paired like
 * {@code git range-diff}.
 */
public record SinceLastReview(Round from, Round to, List<FileInterdiff> files, List<CommitPair> commits) {

    public SinceLastReview {
        files = List.copyOf(files);
        commits = List.copyOf(commits);
    }

    /**
     * One file's interdiff: hunks only the new round has, hunks only the old round had, and the line diff of
     * the old hunks' new-side text against the new hunks' ({@code ' '} both, {@code '-'} only before,
     * {@code '+'} only now), empty when the region is too large for a line diff.
     */
    public record FileInterdiff(String path, List<Hunk> added, List<Hunk> dropped, List<HunkInterdiff.Line> lines) {
        public FileInterdiff {
            added = List.copyOf(added);
            dropped = List.copyOf(dropped);
            lines = List.copyOf(lines);
        }

        /** Whether the line diff shows any change (a rebase can re-cut hunks without changing their text). */
        public boolean changed() {
            return lines.isEmpty() ? !added.isEmpty() || !dropped.isEmpty()
                    : lines.stream().anyMatch(l -> l.kind() != ' ');
        }
    }

    /** How a commit of the old round maps to one of the new round. */
    public enum Match { SAME, CHANGED, ADDED, DROPPED }

    /** A range-diff line: {@code older} is null for an added commit, {@code newer} null for a dropped one. */
    public record CommitPair(Commit older, Commit newer, Match match) {
    }
}
