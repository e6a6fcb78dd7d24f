package dev.rustreview.ui.app;

import dev.rustreview.io.AtomicFiles;
import dev.rustreview.model.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Read-only copies of one version of a file for an external editor, under the temporary folder
 * ({@code rust-review-open/<commit>/<path>}): a bare repository has no file to open, and a checkout at another
 * commit would show other lines than the review. The same version is written once and reused.
 */
final class EditorCopies {

    private EditorCopies() {
    }

    static Optional<Path> copy(SourceReader sources, String commitId, String path) {
        Optional<String> text = sources.fileAt(commitId, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "rust-review-open", commitId.substring(0, Math.min(12, commitId.length())));
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            return Optional.empty(); // a path that climbs out of the folder is not a file of the tree
        }
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent());
                AtomicFiles.replace(file, text.get().getBytes(StandardCharsets.UTF_8), null);
                file.toFile().setReadOnly();
            }
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a copy of " + path + " for the editor: " + e.getMessage(), e);
        }
    }
}
