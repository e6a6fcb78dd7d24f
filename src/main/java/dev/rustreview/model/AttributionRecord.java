package dev.rustreview.model;

/**
 * The raw text of one line-level attribution record as the repository carries it (untrusted, size-bounded by
 * the reader): a git note on a branch commit, or a trace file at the head.
 *
 * @param format   {@code git-ai}, {@code whogitit} or {@code agent-trace}
 * @param commitId the commit a note is attached to; null for a trace file (its records name their revision)
 * @param location where it was read: {@code refs/notes/ai}, or the file's path
 * @param text     the content, decoded as UTF-8
 */
public record AttributionRecord(String format, String commitId, String location, String text) {
}
