package dev.rustreview.review;

import java.time.Instant;

/**
 * One look at the head: a new round starts whenever the review is opened on a different head commit.
 *
 * @param number      1, 2, ...
 * @param headRef     the head as the reviewer named it ({@code agent/backup-executor-v2})
 * @param mergeBaseId the diff's old side, so the round's diff can be rebuilt for "since last review"
 */
public record Round(int number, String headRef, String headCommitId, String baseCommitId, String mergeBaseId,
                    Instant at, int files, int hunks, int findings) {
}
