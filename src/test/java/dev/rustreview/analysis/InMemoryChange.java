package dev.rustreview.analysis;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Revision;
import dev.rustreview.model.SourceReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test fixture: a change set of added files held in memory, with a {@link SourceReader} over them. */
final class InMemoryChange implements SourceReader {

    private final Map<String, String> blobs = new HashMap<>();
    private final Map<String, String> headFiles = new HashMap<>();
    private final List<FileChange> files = new ArrayList<>();

    /** Every file at head, path to text. */
    Map<String, String> headFiles() {
        return Map.copyOf(headFiles);
    }

    /** Adds a new file whose every line is added. */
    InMemoryChange added(String path, String text) {
        String id = "blob" + files.size();
        blobs.put(id, text);
        headFiles.put(path, text);
        List<DiffLine> lines = new ArrayList<>();
        String[] split = text.split("\n", -1);
        int count = text.endsWith("\n") ? split.length - 1 : split.length;
        for (int i = 0; i < count; i++) {
            lines.add(new DiffLine(LineKind.ADDED, 0, i + 1, split[i], false, false));
        }
        files.add(new FileChange(null, path, ChangeType.ADDED, 0, FileKind.NONE, FileKind.REGULAR, null, id, -1,
                text.length(), false, false, path.endsWith(".rs") ? "rust" : "text", "UTF-8",
                List.of(new Hunk(0, 0, 1, count, lines))));
        return this;
    }

    /** A file at head that is not part of the diff ({@code .gitattributes}, {@code .rust-review.json}). */
    InMemoryChange atHead(String path, String text) {
        headFiles.put(path, text);
        return this;
    }

    ChangeSet changeSet() {
        return new ChangeSet("/mem", new Revision("main", "refs/heads/main", "base"),
                new Revision("topic", "refs/heads/topic", "head"), "base", "base", "head", List.of(), files);
    }

    @Override
    public Optional<String> blob(String blobId) {
        return Optional.ofNullable(blobs.get(blobId));
    }

    @Override
    public Optional<String> fileAt(String commitId, String path) {
        return Optional.ofNullable(headFiles.get(path));
    }
}
