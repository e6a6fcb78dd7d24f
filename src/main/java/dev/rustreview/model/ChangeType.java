package dev.rustreview.model;

/** How a file changed between the two sides of a diff. */
public enum ChangeType {
    ADDED,
    MODIFIED,
    DELETED,
    RENAMED,
    COPIED,
    /** Same content, only the executable bit changed. */
    MODE_CHANGED,
    /** The entry changed kind: a regular file became a symlink or the other way round. */
    TYPE_CHANGED
}
