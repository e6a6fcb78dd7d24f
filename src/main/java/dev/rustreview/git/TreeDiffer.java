package dev.rustreview.git;
import dev.rustreview.model.FileChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Diffs two trees object by object: which paths changed (with rename and copy detection at git's default
 * 50% similarity) and, through {@link FileChangeFactory}, what changed in each. Only trees and blobs are
 * read; the working tree, the index and attributes-driven filters are never involved.
 */
final class TreeDiffer {

    static final int RENAME_SCORE = 50;

    private TreeDiffer() {
    }

    /** {@code oldTree} null means the empty tree (a root commit's parent side). */
    static List<FileChange> diff(ObjectReader reader, Config config, RevTree oldTree, RevTree newTree,
                                 DiffOptions options) throws IOException {
        List<TreeChange> changes = new ArrayList<>();
        for (DiffEntry entry : scan(reader, config, oldTree, newTree)) {
            changes.add(TreeChange.of(entry));
        }
        FileChangeFactory factory = new FileChangeFactory(reader, options);
        List<FileChange> files = new ArrayList<>();
        for (TreeChange change : TreeChange.pairTypeChanges(changes)) {
            files.add(factory.create(change));
        }
        return files;
    }

    /**
     * Only the change at {@code path} (its new path, or its old path when deleted): the same scan and rename
     * pairing as {@link #diff}, but only that one file's contents are read and diffed.
     */
    static java.util.Optional<FileChange> diffOne(ObjectReader reader, Config config, RevTree oldTree, RevTree newTree,
                                                  String path, DiffOptions options) throws IOException {
        List<TreeChange> changes = new ArrayList<>();
        for (DiffEntry entry : scan(reader, config, oldTree, newTree)) {
            changes.add(TreeChange.of(entry));
        }
        FileChangeFactory factory = new FileChangeFactory(reader, options);
        for (TreeChange change : TreeChange.pairTypeChanges(changes)) {
            String at = change.type() == dev.rustreview.model.ChangeType.DELETED ? change.oldPath() : change.newPath();
            if (path.equals(at)) {
                return java.util.Optional.of(factory.create(change));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The formatter is given the caller's reader rather than the repository, so it opens nothing of its
     * own, leaves the reader open, and has no attribute lookup that could consult the working tree.
     */
    private static List<DiffEntry> scan(ObjectReader reader, Config config, RevTree oldTree, RevTree newTree)
            throws IOException {
        try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            formatter.setReader(reader, config);
            formatter.setDiffAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
            formatter.setDetectRenames(true);
            formatter.getRenameDetector().setRenameScore(RENAME_SCORE);
            AbstractTreeIterator a = oldTree == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, oldTree);
            AbstractTreeIterator b = new CanonicalTreeParser(null, reader, newTree);
            return formatter.scan(a, b);
        }
    }
}
