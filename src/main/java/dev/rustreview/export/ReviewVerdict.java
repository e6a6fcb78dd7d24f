package dev.rustreview.export;

import dev.rustreview.review.Coverage;

/** The overall outcome an export reports, derived from coverage (the review model keeps no explicit verdict). */
public enum ReviewVerdict {
    APPROVE,
    REQUEST_CHANGES,
    COMMENT;

    /** Rejections or open issues ask for changes; a ready review approves; anything else is still a comment. */
    public static ReviewVerdict of(Coverage c) {
        if (c.rejected() > 0 || c.openIssues() > 0) {
            return REQUEST_CHANGES;
        }
        return c.ready() ? APPROVE : COMMENT;
    }

    public String label() {
        return switch (this) {
            case APPROVE -> "approved";
            case REQUEST_CHANGES -> "changes requested";
            case COMMENT -> "in progress";
        };
    }
}
