package dev.rustreview.review;

/**
 * A decision whose hunk changed in a later round: kept, never deleted, and shown next to the hunk it became.
 *
 * @param decision  the earlier decision as made
 * @param nowHunkId the hunk of round {@code sinceRound} it maps to, null when the hunk is gone
 * @param sinceRound the round in which the hunk was found changed
 */
public record OutdatedDecision(Decision decision, String nowHunkId, int sinceRound) {
}
