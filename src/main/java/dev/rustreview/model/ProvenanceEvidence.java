package dev.rustreview.model;

/**
 * One provenance signal that matched.
 *
 * @param field   where it matched: {@code author}, {@code committer}, {@code trailer:Co-Authored-By}, {@code message}
 * @param value   the text that matched
 * @param pattern the pattern (or rule) that matched it
 * @param tool    the agent it points to ({@code Claude Code}), or null for a generic signal
 */
public record ProvenanceEvidence(String field, String value, String pattern, String tool) {
}
