package dev.rustreview.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line-level attribution notes of a branch, looked up by commit, path and line, with the notes that were
 * ignored (too large, malformed) each described in one line.
 */
public final class LineNotes {

    public static final LineNotes NONE = new LineNotes(List.of(), List.of());

    private final List<LineNote> notes;
    private final List<String> ignored;
    private final Map<String, List<LineNote>> byCommitAndPath = new HashMap<>();

    public LineNotes(List<LineNote> notes, List<String> ignored) {
        this.notes = List.copyOf(notes);
        this.ignored = List.copyOf(ignored);
        for (LineNote note : this.notes) {
            byCommitAndPath.computeIfAbsent(note.commitId() + '\n' + note.path(), k -> new ArrayList<>()).add(note);
        }
    }

    /**
     * The note covering {@code line} (1-based) of {@code path} as {@code commitId} left it, or null. When notes
     * overlap, the last one read wins (git-ai's rule: later entries are newer).
     */
    public LineNote at(String commitId, String path, int line) {
        List<LineNote> candidates = byCommitAndPath.get(commitId + '\n' + path);
        if (candidates == null) {
            return null;
        }
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (candidates.get(i).covers(commitId, path, line)) {
                return candidates.get(i);
            }
        }
        return null;
    }

    public List<LineNote> notes() {
        return notes;
    }

    /** One line per note that was not used, naming it and why. */
    public List<String> ignored() {
        return ignored;
    }

    public boolean isEmpty() {
        return notes.isEmpty();
    }
}
