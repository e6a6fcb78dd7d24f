package dev.rustreview.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * What one commit changed of some paths against one of its parents, as a rename-detecting tree diff of the whole
 * commit would say, but reading only the trees the commit changed. Only when one of the paths is new against the
 * parent (or changed type) does the whole diff run, because only then can rename detection pair it with a file.
 */
final class EdgeChanges {

    /**
     * Where a changed path's lines at the child may come from at the parent.
     *
     * @param parentPath the path at the parent (the old path of a rename)
     * @param parentBlob the parent's blob; null when not a blob (a submodule: no text)
     * @param childBlob  the child's blob; null when not a blob
     */
    record Link(String parentPath, ObjectId parentBlob, ObjectId childBlob) {
    }

    /** The path is new against the parent (added, or copied from another file): no line comes from there. */
    static final Link ADDED = new Link(null, null, null);

    /** Up to this many paths, the tree walk is filtered to them. */
    private static final int FILTER_PATHS = 32;

    private final ObjectReader reader;
    private final DiffFormatter differ;

    /** @param differ a rename-detecting differ reading through {@code reader} */
    EdgeChanges(ObjectReader reader, DiffFormatter differ) {
        this.reader = reader;
        this.differ = differ;
    }

    /**
     * The links of those of {@code paths} (which exist at the child) that the child changed against the parent:
     * a path absent from the result is unchanged, {@link #ADDED} marks one the child added or copied. Costs what
     * the commit changed, not what is tracked.
     */
    Map<String, Link> changes(RevCommit child, RevCommit parent, Set<String> paths) throws IOException {
        return changes(child, parent, paths, null);
    }

    /**
     * As above; {@code ahead}, when not null, is every change of the commit against this parent as a recursive
     * {@code ANY_DIFF} walk lists it (read ahead by {@link EdgePrefetch}), so the trees are not walked again.
     */
    Map<String, Link> changes(RevCommit child, RevCommit parent, Set<String> paths, List<EdgePrefetch.Change> ahead)
            throws IOException {
        if (ahead != null) {
            Map<String, Link> links = new HashMap<>();
            for (EdgePrefetch.Change c : ahead) {
                if (!paths.contains(c.path())) {
                    continue;
                }
                int oldType = type(c.oldRawMode());
                int newType = type(c.newRawMode());
                if (c.oldRawMode() == 0 || oldType != newType) {
                    return fromWholeDiff(child, parent, paths);
                }
                links.put(c.path(), new Link(c.path(), blob(c.oldId(), oldType), blob(c.newId(), newType)));
            }
            return links;
        }
        Map<String, Link> links = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(parent.getTree());
            tw.addTree(child.getTree());
            tw.setRecursive(true);
            // Building a path filter costs more than it saves once the paths are many: then walk every change
            // of the commit (what git log lists) and keep the tracked ones.
            tw.setFilter(paths.size() > FILTER_PATHS ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            while (tw.next()) {
                String path = tw.getPathString();
                if (!paths.contains(path)) {
                    continue;
                }
                int oldType = type(tw.getRawMode(0));
                int newType = type(tw.getRawMode(1));
                if (tw.getRawMode(0) == 0 || oldType != newType) {
                    return fromWholeDiff(child, parent, paths);
                }
                links.put(path, new Link(path, blob(tw.getObjectId(0), oldType), blob(tw.getObjectId(1), newType)));
            }
        }
        return links;
    }

    /** The paths' changes as the whole rename-detecting diff of the commit against the parent gives them. */
    private Map<String, Link> fromWholeDiff(RevCommit child, RevCommit parent, Set<String> paths)
            throws IOException {
        Map<String, Link> links = new HashMap<>();
        for (DiffEntry entry : differ.scan(parent.getTree(), child.getTree())) {
            if (entry.getChangeType() == DiffEntry.ChangeType.DELETE || !paths.contains(entry.getNewPath())) {
                continue;
            }
            links.put(entry.getNewPath(), switch (entry.getChangeType()) {
                case MODIFY, RENAME -> new Link(entry.getOldPath(),
                        blob(entry.getOldId().toObjectId(), entry.getOldMode().getObjectType()),
                        blob(entry.getNewId().toObjectId(), entry.getNewMode().getObjectType()));
                // A copy writes a new file: its lines are the copying commit's, as for an added file.
                default -> ADDED;
            });
        }
        return links;
    }

    private static int type(int rawMode) {
        return FileMode.fromBits(rawMode).getObjectType();
    }

    private static ObjectId blob(ObjectId id, int type) {
        return type == Constants.OBJ_BLOB ? id.copy() : null;
    }
}
