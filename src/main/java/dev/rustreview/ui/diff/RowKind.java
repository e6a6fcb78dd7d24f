package dev.rustreview.ui.diff;

/** What a row of the diff view shows. */
public enum RowKind {
    HUNK_HEADER,
    CONTEXT,
    ADDED,
    REMOVED,
    /** A message in place of content: binary file, over-size file, missing final newline. */
    NOTE
}
