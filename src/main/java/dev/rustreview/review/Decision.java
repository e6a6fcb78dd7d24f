package dev.rustreview.review;

import java.time.Instant;
import java.util.List;

/**
 * A reviewer's decision on one hunk.
 *
 * @param hunkId      the hunk's stable id when the decision was made
 * @param reason      why (required for a rejection), may be null
 * @param round       the round the decision was made in
 * @param fingerprint the hunk's content fingerprint when decided, so a later change is noticed
 * @param path        the file, kept so a changed hunk can be found again
 * @param items       the enclosing items, kept for the same reason
 */
public record Decision(String hunkId, DecisionState state, String reason, String author, Instant at, int round,
                       String fingerprint, String path, List<String> items) {

    public Decision {
        items = List.copyOf(items);
    }
}
