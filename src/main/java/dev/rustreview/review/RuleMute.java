package dev.rustreview.review;

import java.time.Instant;

/**
 * The reviewer's choice about one rule's findings in this review: muted here, muted for the whole repository
 * (also written to the team's {@code .rust-review.json} when there is a work tree), or shown although the
 * repository's file mutes it. Muting hides a rule's findings from the navigator's counts and the plan; it never
 * acknowledges them, and they stay counted ("3 muted") and one click away.
 */
public record RuleMute(String rule, Scope scope, String author, Instant at) {

    /** Where the choice holds. */
    public enum Scope {
        /** Muted in this review only. */
        REVIEW,
        /** Muted for the repository: the reviewer also shares it through {@code .rust-review.json}. */
        REPOSITORY,
        /** Shown in this review although the repository's {@code .rust-review.json} mutes it. */
        SHOWN
    }
}
