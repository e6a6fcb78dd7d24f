package dev.rustreview.review;

import java.time.Instant;

/**
 * One look at the head: a new round starts whenever the review is opened on a different head commit.
 *
 * @param number      1, 2, ...
 * @param headRef     the head as the reviewer named it ({@code agent/backup-executor-v2})
 * @param mergeBaseId the diff's old side, so the round's diff can be rebuilt for "since last review"
 * @param compilerCheck the compiler check of this round's head, as its file name under
 *                    {@code <gitdir>/rust-review/checks/} (keyed by head commit, merge-base, toolchain and lints);
 *                    null when none ran
 */
public record Round(int number, String headRef, String headCommitId, String baseCommitId, String mergeBaseId,
                    Instant at, int files, int hunks, int findings, String compilerCheck) {

    /** A round no compiler check ran on yet. */
    public Round(int number, String headRef, String headCommitId, String baseCommitId, String mergeBaseId,
                 Instant at, int files, int hunks, int findings) {
        this(number, headRef, headCommitId, baseCommitId, mergeBaseId, at, files, hunks, findings, null);
    }

    public Round withCompilerCheck(String file) {
        return new Round(number, headRef, headCommitId, baseCommitId, mergeBaseId, at, files, hunks, findings, file);
    }
}
