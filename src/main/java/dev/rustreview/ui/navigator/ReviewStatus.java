package dev.rustreview.ui.navigator;

import dev.rustreview.review.DecisionState;

/** What the navigator shows of the review: each hunk's decision and whether the agent changed it since. */
public interface ReviewStatus {

    /** No review open: every hunk unreviewed. */
    ReviewStatus NONE = new ReviewStatus() {
        @Override
        public DecisionState state(HunkEntry hunk) {
            return DecisionState.UNREVIEWED;
        }

        @Override
        public boolean changed(HunkEntry hunk) {
            return false;
        }
    };

    DecisionState state(HunkEntry hunk);

    /** Whether the hunk changed since an earlier round's decision (it is unreviewed again). */
    boolean changed(HunkEntry hunk);

    default boolean decided(HunkEntry hunk) {
        return state(hunk) != DecisionState.UNREVIEWED;
    }
}
