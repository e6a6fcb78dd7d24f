package dev.rustreview.model;

import java.util.List;
import java.util.Optional;

/**
 * What a pull request shows: the branch's commits (oldest first) and the diff from the merge-base to head.
 *
 * @param repository  the repository's directory as opened
 * @param mergeBaseId the merge-base of base and head (the diff's old side)
 * @param fromId      the commit the diff starts from (usually the merge-base)
 * @param toId        the commit the diff ends at (usually head)
 */
public record ChangeSet(
        String repository,
        Revision base,
        Revision head,
        String mergeBaseId,
        String fromId,
        String toId,
        List<Commit> commits,
        List<FileChange> files) {

    public ChangeSet {
        commits = List.copyOf(commits);
        files = List.copyOf(files);
    }

    /**
     * Why this pull request shows nothing, when head has no commit that base lacks (it is base, or behind it: a
     * branch already merged, or base and head given the wrong way round); empty when there is something to review.
     */
    public Optional<String> nothingToReview() {
        if (!files.isEmpty() || !commits.isEmpty() || mergeBaseId == null || !mergeBaseId.equals(toId)) {
            return Optional.empty();
        }
        String h = head == null ? "head" : head.spec();
        String b = base == null ? "base" : base.spec();
        return Optional.of("Nothing to review: " + h + " has no commits that " + b + " lacks (it is the same commit "
                + "or behind it); pick another head, or swap base and head");
    }

    public long additions() {
        return files.stream().mapToLong(FileChange::additions).sum();
    }

    public long deletions() {
        return files.stream().mapToLong(FileChange::deletions).sum();
    }
}
