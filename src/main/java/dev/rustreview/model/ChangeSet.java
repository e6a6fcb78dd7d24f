package dev.rustreview.model;

import java.util.List;

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

    public long additions() {
        return files.stream().mapToLong(FileChange::additions).sum();
    }

    public long deletions() {
        return files.stream().mapToLong(FileChange::deletions).sum();
    }
}
