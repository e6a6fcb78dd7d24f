package dev.rustreview.model;

/**
 * One line of a hunk.
 *
 * @param oldLine        1-based line on the old side, 0 for an added line
 * @param newLine        1-based line on the new side, 0 for a removed line
 * @param text           the line without its terminator
 * @param crlf           the line ended in CR LF (shown as such, never normalised away)
 * @param noNewlineAtEnd the file ends on this line without a final newline
 */
public record DiffLine(LineKind kind, int oldLine, int newLine, String text, boolean crlf, boolean noNewlineAtEnd) {

    public boolean isAdded() {
        return kind == LineKind.ADDED;
    }

    public boolean isRemoved() {
        return kind == LineKind.REMOVED;
    }
}
