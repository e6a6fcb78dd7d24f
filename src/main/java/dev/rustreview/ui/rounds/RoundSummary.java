package dev.rustreview.ui.rounds;

import dev.rustreview.review.SinceLastReview;

/** The banner's words for a new round, from what changed since the last one: plain data, tested without a scene. */
public record RoundSummary(int fromRound, int toRound, int hunksChanged, int filesChanged, int commitsChanged,
                           int outdatedDecisions) {

    /** Counts hunks the agent added, rewrote or dropped (a rewrite is one dropped and one added hunk: counted once). */
    public static RoundSummary of(SinceLastReview since, int outdatedDecisions) {
        int hunks = 0;
        int files = 0;
        for (SinceLastReview.FileInterdiff f : since.files()) {
            if (f.changed()) {
                files++;
                hunks += Math.max(f.added().size(), f.dropped().size());
            }
        }
        int commits = (int) since.commits().stream().filter(c -> c.match() != SinceLastReview.Match.SAME).count();
        return new RoundSummary(since.from().number(), since.to().number(), hunks, files, commits, outdatedDecisions);
    }

    /** "The agent updated this branch: 2 units changed since your last review (round 1 → 2) …" */
    public String text() {
        StringBuilder sb = new StringBuilder("The agent updated this branch: ")
                .append(plural(hunksChanged, "unit")).append(" changed since your last review (round ")
                .append(fromRound).append(" \u2192 ").append(toRound).append(")");
        if (filesChanged > 0) {
            sb.append(" in ").append(plural(filesChanged, "file"));
        }
        if (outdatedDecisions > 0) {
            sb.append("; ").append(plural(outdatedDecisions, "earlier decision")).append(" no longer ")
                    .append(outdatedDecisions == 1 ? "fits and its unit is" : "fit and their units are")
                    .append(" unreviewed again");
        }
        return sb.append('.').toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
