package dev.rustreview.review;

import dev.rustreview.model.Severity;
import java.util.Map;

/**
 * How far a review is, and whether it is ready: every hunk decided, every critical and high finding
 * acknowledged, no open issue annotations.
 *
 * @param findings     per severity, acknowledged (checked or dismissed) of total
 * @param byCategory   per category id, decided of total hunks
 * @param byFile       per path, decided of total hunks
 * @param byCommit     per commit id, decided of total hunks the commit wrote lines in
 */
public record Coverage(int hunksDecided, int hunksTotal, int accepted, int rejected, int discuss,
                       Map<Severity, Count> findings, int openAnnotations, int openIssues, int outdatedAnnotations,
                       boolean ready, Map<String, Count> byCategory, Map<String, Count> byFile,
                       Map<String, Count> byCommit) {

    /** {@code done} of {@code total}. */
    public record Count(int done, int total) {
        Count plus(boolean isDone) {
            return new Count(done + (isDone ? 1 : 0), total + 1);
        }
    }
}
