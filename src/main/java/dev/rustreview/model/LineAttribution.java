package dev.rustreview.model;

/**
 * A run of new-side lines of one file that the same branch commit introduced (inclusive range).
 *
 * @param note the line-level attribution note covering every line of the run, which overrides the commit's
 *             verdict for them; null when the commit's verdict stands
 */
public record LineAttribution(String path, int startLine, int endLine, String commitId, LineNote note) {

    /** A run attributed from its commit only. */
    public LineAttribution(String path, int startLine, int endLine, String commitId) {
        this(path, startLine, endLine, commitId, null);
    }
}
