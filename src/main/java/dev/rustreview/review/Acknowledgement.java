package dev.rustreview.review;

import java.time.Instant;

/**
 * A reviewer's answer to one finding: checked (optionally with a note), or dismissed as a false positive.
 *
 * @param note the reviewer's note; the reason when dismissed
 */
public record Acknowledgement(String findingId, Kind kind, String note, String author, Instant at, int round) {

    /** Checked and fine, or not a real problem. */
    public enum Kind { CHECKED, DISMISSED }
}
