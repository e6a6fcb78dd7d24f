package dev.rustreview.model;

/** A line of a hunk: unchanged context, added on the new side, or removed from the old side. */
public enum LineKind {
    CONTEXT,
    ADDED,
    REMOVED
}
