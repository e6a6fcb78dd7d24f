package dev.rustreview.model;

/**
 * One provenance signal that matched.
 *
 * @param field   where it matched: {@code author}, {@code committer}, {@code trailer:Co-Authored-By}, {@code message},
 *                {@code subject}, {@code branch}, {@code merge-subject:abc1234}; a signal found on a pull request's
 *                own commits is prefixed with {@code refs/pull/N/head abc1234 }
 * @param value   the text that matched
 * @param pattern the pattern (or rule) that matched it
 * @param tool    the agent it points to ({@code Claude Code}), or null for a generic signal
 * @param weak    whether the signal is weak (a branch name, free text): it makes a commit at most {@code assisted}
 */
public record ProvenanceEvidence(String field, String value, String pattern, String tool, boolean weak) {

    /** A strong signal. */
    public ProvenanceEvidence(String field, String value, String pattern, String tool) {
        this(field, value, pattern, tool, false);
    }
}
