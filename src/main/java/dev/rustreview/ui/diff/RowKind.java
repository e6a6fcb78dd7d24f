package dev.rustreview.ui.diff;

/** What a row of the diff view shows. */
public enum RowKind {
    HUNK_HEADER,
    CONTEXT,
    ADDED,
    REMOVED,
    /** A message in place of content: binary file, over-size file, missing final newline. */
    NOTE,
    /** An empty row in the split view that keeps a change's two sides level. */
    FILLER,
    /** A run of unchanged lines folded into one row; clicking it (or Enter) shows them. */
    FOLD,
    /** A comment thread shown under the line it is anchored to; not a line of the file. */
    THREAD
}
