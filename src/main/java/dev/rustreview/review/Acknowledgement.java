package dev.rustreview.review;

import java.time.Instant;

/**
 * A reviewer's answer to one finding: checked (optionally with a note), dismissed as a false
 * positive, or marked as a problem for the agent to fix.
 *
 * @param note the reviewer's note; the reason when dismissed
 */
public record Acknowledgement(String findingId, Kind kind, String note, String author, Instant at, int round) {

    /**
     * Checked and fine, not a real problem (a false positive), or a real problem the agent has to fix (it goes into
     * the feedback for the agent and counts as an open issue until the agent's next round).
     */
    public enum Kind { CHECKED, DISMISSED, PROBLEM }
}
