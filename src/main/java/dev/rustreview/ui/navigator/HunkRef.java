package dev.rustreview.ui.navigator;

/** Points at one hunk of the branch diff: the file's path and the hunk's index in it. */
public record HunkRef(String path, int index) {
}
