package dev.rustreview.model;

/** What a tree entry is on one side of a diff. */
public enum FileKind {
    REGULAR,
    EXECUTABLE,
    SYMLINK,
    /** A gitlink: the entry records a commit of another repository. */
    SUBMODULE,
    /** The side has no entry (an added file's old side, a deleted file's new side). */
    NONE
}
