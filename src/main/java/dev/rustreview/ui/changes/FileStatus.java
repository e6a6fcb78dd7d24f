package dev.rustreview.ui.changes;

import dev.rustreview.model.FileChange;

/** How a changed file is labelled in lists: a status letter, its path, its +/- counts. */
public final class FileStatus {

    private FileStatus() {
    }

    /** One letter as in {@code git status --short}: A, M, D, R, C, and T for a type or mode change. */
    public static String letter(FileChange f) {
        return switch (f.changeType()) {
            case ADDED -> "A";
            case MODIFIED -> "M";
            case DELETED -> "D";
            case RENAMED -> "R";
            case COPIED -> "C";
            case MODE_CHANGED, TYPE_CHANGED -> "T";
        };
    }

    public static String pathLabel(FileChange f) {
        return switch (f.changeType()) {
            case RENAMED, COPIED -> f.oldPath() + " \u2192 " + f.newPath();
            default -> f.path();
        };
    }

    public static String counts(FileChange f) {
        if (f.binary()) {
            return "binary";
        }
        if (f.tooLarge()) {
            return "too large";
        }
        return "+" + f.additions() + " \u2212" + f.deletions();
    }
}
