package dev.rustreview.model;

/** Who wrote a commit, as far as its metadata tells. */
public enum Verdict {
    /** The author or committer is a coding agent. */
    AGENT,
    /** A human author with an agent trailer or message marker. */
    ASSISTED,
    /** No agent signal. */
    HUMAN,
    /** Outside the reviewed range. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
