package dev.rustreview.git;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
 * What one commit did to some paths against one of its parents, as a rename-detecting tree diff of the whole
 * commit would say, but reading only the trees on the way to those paths. Only when one of the paths was added
 * (or changed type) does the whole diff run, because only then can rename detection pair it with another file.
 */
final class EdgeChanges {

    /**
     * Where a path's lines at the child may come from at the parent.
     *
     * @param parentPath the path at the parent (the old path of a rename)
     * @param unchanged  the same blob at the same path: every line carries over as it is
     * @param parentBlob the parent's blob; null when unchanged or not a blob (a submodule: no text)
     * @param childBlob  the child's blob; null when unchanged or not a blob
     */
    record Link(String parentPath, boolean unchanged, ObjectId parentBlob, ObjectId childBlob) {
    }

    private final ObjectReader reader;
    private final DiffFormatter differ;

    /** @param differ a rename-detecting differ reading through {@code reader} */
    EdgeChanges(ObjectReader reader, DiffFormatter differ) {
        this.reader = reader;
        this.differ = differ;
    }

    /** The link of each of {@code paths} (which exist at the child); a path the child added or copied has none. */
    Map<String, Link> links(RevCommit child, RevCommit parent, Collection<String> paths) throws IOException {
        Map<String, Link> links = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(parent.getTree());
            tw.addTree(child.getTree());
            tw.setRecursive(true);
            tw.setFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            while (tw.next()) {
                String path = tw.getPathString();
                int oldType = type(tw.getRawMode(0));
                int newType = type(tw.getRawMode(1));
                if (tw.getRawMode(0) == 0 || oldType != newType) {
                    return fromWholeDiff(child, parent, paths);
                }
                links.put(path, new Link(path, false, blob(tw.getObjectId(0), oldType), blob(tw.getObjectId(1), newType)));
            }
        }
        for (String path : paths) {
            links.putIfAbsent(path, new Link(path, true, null, null));
        }
        return links;
    }

    /** The paths' links as the whole rename-detecting diff of the commit against the parent gives them. */
    private Map<String, Link> fromWholeDiff(RevCommit child, RevCommit parent, Collection<String> paths)
            throws IOException {
        Map<String, DiffEntry> byPath = new HashMap<>();
        for (DiffEntry entry : differ.scan(parent.getTree(), child.getTree())) {
            if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
                byPath.put(entry.getNewPath(), entry);
            }
        }
        Map<String, Link> links = new HashMap<>();
        for (String path : paths) {
            DiffEntry entry = byPath.get(path);
            if (entry == null) {
                links.put(path, new Link(path, true, null, null));
                continue;
            }
            switch (entry.getChangeType()) {
                case MODIFY, RENAME -> links.put(path, new Link(entry.getOldPath(), false,
                        blob(entry.getOldId().toObjectId(), entry.getOldMode().getObjectType()),
                        blob(entry.getNewId().toObjectId(), entry.getNewMode().getObjectType())));
                // A copy writes a new file: its lines are the copying commit's, as for an added file.
                default -> { }
            }
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
