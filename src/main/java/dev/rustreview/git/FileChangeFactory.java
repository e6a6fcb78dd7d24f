package dev.rustreview.git;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads both sides of one {@link TreeChange} and builds the model's {@link FileChange}: sizes, binary and
 * size checks, decoded text and hunks. One instance serves one diff call (it shares that call's reader).
 */
final class FileChangeFactory {

    private final ObjectReader reader;
    private final DiffOptions options;
    private final DiffAlgorithm algorithm = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);
    /** An exact rename or a mode change has the same blob on both sides: read it once. */
    private final Map<ObjectId, BlobReader.Blob> blobs = new HashMap<>();

    FileChangeFactory(ObjectReader reader, DiffOptions options) {
        this.reader = reader;
        this.options = options;
    }

    FileChange create(TreeChange change) throws IOException {
        FileKind oldKind = FileKinds.of(change.oldMode());
        FileKind newKind = FileKinds.of(change.newMode());
        BlobReader.Blob oldBlob = blob(oldKind, change.oldId());
        BlobReader.Blob newBlob = blob(newKind, change.newId());
        boolean tooLarge = isTooLarge(oldBlob) || isTooLarge(newBlob);
        boolean binary = isBinary(oldBlob) || isBinary(newBlob);
        boolean submodule = oldKind == FileKind.SUBMODULE || newKind == FileKind.SUBMODULE;
        boolean hasText = !tooLarge && !binary && !submodule;

        List<Hunk> hunks = List.of();
        String encoding = null;
        if (hasText) {
            DecodedText oldText = textOf(oldBlob);
            DecodedText newText = textOf(newBlob);
            encoding = DecodedText.LATIN_1.equals(oldText.encoding()) || DecodedText.LATIN_1.equals(newText.encoding())
                    ? DecodedText.LATIN_1 : DecodedText.UTF_8;
            if (!sameContent(change)) {
                hunks = hunks(oldBlob, newBlob, oldText, newText);
            }
        }
        String path = change.newPath() != null ? change.newPath() : change.oldPath();
        return new FileChange(change.oldPath(), change.newPath(), change.type(), change.similarity(),
                oldKind, newKind, idOf(change.oldId()), idOf(change.newId()),
                sizeOf(oldBlob), sizeOf(newBlob), binary, tooLarge, Languages.of(path), encoding, hunks);
    }

    private List<Hunk> hunks(BlobReader.Blob oldBlob, BlobReader.Blob newBlob, DecodedText oldText,
                             DecodedText newText) {
        RawText a = rawOf(oldBlob);
        RawText b = rawOf(newBlob);
        if (a.size() != oldText.lineCount() || b.size() != newText.lineCount()) {
            throw new IllegalStateException("line split disagrees with JGit: " + a.size() + "/" + oldText.lineCount()
                    + " and " + b.size() + "/" + newText.lineCount());
        }
        EditList edits = algorithm.diff(RawTextComparator.DEFAULT, a, b);
        return HunkBuilder.build(ChangeCompactor.compact(edits, a, oldText, b, newText), oldText, newText);
    }

    /** The edit list is computed on the raw bytes, as git does, not on the decoded text. */
    private static RawText rawOf(BlobReader.Blob blob) {
        return blob == null ? RawText.EMPTY_TEXT : new RawText(blob.bytes());
    }

    private static boolean sameContent(TreeChange change) {
        return change.oldId() != null && change.oldId().equals(change.newId());
    }

    /** Submodules have no blob (their id is a commit in another repository); absent sides have nothing. */
    private BlobReader.Blob blob(FileKind kind, ObjectId id) throws IOException {
        if (kind == FileKind.NONE || kind == FileKind.SUBMODULE) {
            return null;
        }
        BlobReader.Blob cached = blobs.get(id);
        if (cached == null) {
            cached = BlobReader.read(reader, id, options.maxFileBytes());
            blobs.put(id.copy(), cached);
        }
        return cached;
    }

    private static DecodedText textOf(BlobReader.Blob blob) {
        return blob == null ? DecodedText.decode(new byte[0]) : blob.text();
    }

    private static boolean isTooLarge(BlobReader.Blob blob) {
        return blob != null && blob.tooLarge();
    }

    private static boolean isBinary(BlobReader.Blob blob) {
        return blob != null && blob.binary();
    }

    private static long sizeOf(BlobReader.Blob blob) {
        return blob == null ? -1 : blob.size();
    }

    private static String idOf(ObjectId id) {
        return id == null ? null : id.name();
    }
}
