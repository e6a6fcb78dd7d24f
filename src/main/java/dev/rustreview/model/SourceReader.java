package dev.rustreview.model;

import java.util.List;
import java.util.Optional;

/**
 * Reads whole file contents from the repository's object database, decoded exactly as the diff decodes
 * them, so that analysis can parse both sides of a change without touching git itself.
 */
public interface SourceReader {

    /** The text of a blob; empty when it is missing, binary or over the size limit. */
    Optional<String> blob(String blobId);

    /** The text of {@code path} at {@code commitId} (for {@code .gitattributes}, {@code .rust-review.json}). */
    Optional<String> fileAt(String commitId, String path);

    /**
     * The regular files of {@code commitId}'s tree whose path ends with one of {@code suffixes}
     * ({@code ".rs"}, {@code "Cargo.toml"}), read from git objects (never the work tree). Readers without a
     * tree (in-memory fixtures) return nothing, and the analysis then sees only the changed files.
     */
    default List<TreeFile> files(String commitId, List<String> suffixes) {
        return List.of();
    }
}
