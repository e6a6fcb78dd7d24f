package dev.rustreview.model;

import java.util.List;

/**
 * One file of a diff. Binary and over-size files carry their sizes and no hunks.
 *
 * @param oldPath    path on the old side, null for an added file
 * @param newPath    path on the new side, null for a deleted file
 * @param similarity rename/copy similarity in percent, 0 otherwise
 * @param oldBlobId  object id on the old side, null when absent
 * @param newBlobId  object id on the new side, null when absent
 * @param oldSize    bytes on the old side, -1 when absent or not a blob
 * @param newSize    bytes on the new side, -1 when absent or not a blob
 * @param language   a short language name derived from the path ({@code rust}, {@code toml}, ...)
 * @param encoding   how the text was decoded ({@code UTF-8}, or {@code ISO-8859-1} for invalid UTF-8)
 */
public record FileChange(
        String oldPath,
        String newPath,
        ChangeType changeType,
        int similarity,
        FileKind oldKind,
        FileKind newKind,
        String oldBlobId,
        String newBlobId,
        long oldSize,
        long newSize,
        boolean binary,
        boolean tooLarge,
        String language,
        String encoding,
        List<Hunk> hunks) {

    public FileChange {
        hunks = List.copyOf(hunks);
    }

    /** The same file with other hunks (the review units cut from these). */
    public FileChange withHunks(List<Hunk> other) {
        return new FileChange(oldPath, newPath, changeType, similarity, oldKind, newKind, oldBlobId, newBlobId, oldSize,
                newSize, binary, tooLarge, language, encoding, other);
    }

    /** The path a reviewer knows the file by: the new path, or the old one for a deletion. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }

    public long additions() {
        return hunks.stream().mapToLong(Hunk::additions).sum();
    }

    public long deletions() {
        return hunks.stream().mapToLong(Hunk::deletions).sum();
    }

    /** Whether the file has text hunks to show (not binary, not over the size limit, not a submodule). */
    public boolean hasText() {
        return !binary && !tooLarge && oldKind != FileKind.SUBMODULE && newKind != FileKind.SUBMODULE;
    }
}
