package dev.rustreview.git;
import dev.rustreview.model.SourceReader;
import dev.rustreview.model.TreeFile;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads whole files from the object database, decoded with the same rules as the diff (UTF-8, else
 * ISO-8859-1; nothing for binary or over-size blobs). Safe to share between threads: each call opens its
 * own reader.
 */
final class BlobSourceReader implements SourceReader {

    private final Repository repo;
    private final String where;
    private final DiffOptions options;

    BlobSourceReader(Repository repo, String where, DiffOptions options) {
        this.repo = repo;
        this.where = where;
        this.options = options;
    }

    @Override
    public Optional<String> blob(String blobId) {
        ObjectId id = parseId(blobId);
        return GitErrors.guard(where, "reading blob " + blobId, () -> {
            try (ObjectReader reader = repo.newObjectReader()) {
                return textOf(reader, id);
            }
        });
    }

    @Override
    public Optional<String> fileAt(String commitId, String path) {
        ObjectId id = parseId(commitId);
        return GitErrors.guard(where, "reading " + path + " at " + commitId, () -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit commit;
                try {
                    commit = walk.parseCommit(id);
                } catch (MissingObjectException | IncorrectObjectTypeException e) {
                    return Optional.<String>empty();
                }
                try (TreeWalk tree = TreeWalk.forPath(reader, path, commit.getTree())) {
                    if (tree == null || FileMode.GITLINK.equals(tree.getFileMode(0))
                            || FileMode.TREE.equals(tree.getFileMode(0))) {
                        return Optional.<String>empty();
                    }
                    return textOf(reader, tree.getObjectId(0));
                }
            }
        });
    }

    @Override
    public List<TreeFile> files(String commitId, List<String> suffixes) {
        ObjectId id = parseId(commitId);
        return GitErrors.guard(where, "listing files at " + commitId, () -> {
            List<TreeFile> out = new ArrayList<>();
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit commit;
                try {
                    commit = walk.parseCommit(id);
                } catch (MissingObjectException | IncorrectObjectTypeException e) {
                    return out;
                }
                try (TreeWalk tree = new TreeWalk(reader)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        String path = tree.getPathString();
                        if ((tree.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE
                                && suffixes.stream().anyMatch(path::endsWith)) {
                            out.add(new TreeFile(path, tree.getObjectId(0).name()));
                        }
                    }
                }
            }
            return out;
        });
    }

    private Optional<String> textOf(ObjectReader reader, ObjectId id) throws IOException {
        BlobReader.Blob blob;
        try {
            blob = BlobReader.read(reader, id, options.maxFileBytes());
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return Optional.empty();
        }
        return blob.text() == null ? Optional.empty() : Optional.of(blob.text().text());
    }

    /** A malformed id is a caller's bug, not a missing file. */
    private static ObjectId parseId(String id) {
        if (id == null) {
            throw new IllegalArgumentException("object id is null");
        }
        try {
            return ObjectId.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a full object id: " + id, e);
        }
    }
}
