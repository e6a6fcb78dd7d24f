package dev.rustreview.review;

import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current round's files cut down to the hunks with one decision, with each hunk's id for messages. */
public record DecidedHunks(List<FileChange> files, Map<Hunk, String> ids) {

    public static DecidedHunks of(Review review, HunkIndex index, DecisionState state) {
        Map<FileChange, List<Hunk>> byFile = new LinkedHashMap<>();
        Map<Hunk, String> ids = new IdentityHashMap<>();
        for (HunkIndex.Entry e : index.entries()) {
            if (review.state(e.id()) == state) {
                byFile.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e.hunk());
                ids.put(e.hunk(), e.id());
            }
        }
        List<FileChange> files = new ArrayList<>();
        byFile.forEach((f, hunks) -> files.add(new FileChange(f.oldPath(), f.newPath(), f.changeType(), f.similarity(),
                f.oldKind(), f.newKind(), f.oldBlobId(), f.newBlobId(), f.oldSize(), f.newSize(), f.binary(),
                f.tooLarge(), f.language(), f.encoding(), hunks)));
        return new DecidedHunks(files, ids);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The hunk's id, or its header when it is not one of these (never null, for messages). */
    public String name(Hunk hunk) {
        String id = ids.get(hunk);
        return id != null ? id : hunk.header();
    }
}
