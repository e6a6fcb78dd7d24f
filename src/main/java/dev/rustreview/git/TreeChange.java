package dev.rustreview.git;
import dev.rustreview.model.ChangeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One changed path between two trees, before any blob is read: JGit's {@link DiffEntry} in the model's
 * vocabulary. Paths and ids are null on a side that has no entry.
 */
record TreeChange(ChangeType type, int similarity, String oldPath, String newPath,
                  FileMode oldMode, FileMode newMode, ObjectId oldId, ObjectId newId) {

    static TreeChange of(DiffEntry entry) {
        DiffEntry.ChangeType jgitType = entry.getChangeType();
        boolean hasOld = jgitType != DiffEntry.ChangeType.ADD;
        boolean hasNew = jgitType != DiffEntry.ChangeType.DELETE;
        FileMode oldMode = hasOld ? entry.getOldMode() : FileMode.MISSING;
        FileMode newMode = hasNew ? entry.getNewMode() : FileMode.MISSING;
        ObjectId oldId = hasOld ? entry.getOldId().toObjectId() : null;
        ObjectId newId = hasNew ? entry.getNewId().toObjectId() : null;
        ChangeType type = switch (jgitType) {
            case ADD -> ChangeType.ADDED;
            case DELETE -> ChangeType.DELETED;
            case RENAME -> ChangeType.RENAMED;
            case COPY -> ChangeType.COPIED;
            case MODIFY -> modifyType(oldMode, newMode, oldId, newId);
        };
        int similarity = type == ChangeType.RENAMED || type == ChangeType.COPIED ? entry.getScore() : 0;
        return new TreeChange(type, similarity, hasOld ? entry.getOldPath() : null, hasNew ? entry.getNewPath() : null,
                oldMode, newMode, oldId, newId);
    }

    private static ChangeType modifyType(FileMode oldMode, FileMode newMode, ObjectId oldId, ObjectId newId) {
        if (FileKinds.isTypeChange(FileKinds.of(oldMode), FileKinds.of(newMode))) {
            return ChangeType.TYPE_CHANGED;
        }
        if (oldId.equals(newId) && !oldMode.equals(newMode)) {
            return ChangeType.MODE_CHANGED;
        }
        return ChangeType.MODIFIED;
    }

    /**
     * JGit, like git's patch output, splits a file that became a symlink (or a submodule) into a deletion
     * and an addition of the same path. A reviewer sees one entry that changed type, so pair them again.
     */
    static List<TreeChange> pairTypeChanges(List<TreeChange> changes) {
        Map<String, TreeChange> addedByPath = new HashMap<>();
        for (TreeChange change : changes) {
            if (change.type() == ChangeType.ADDED) {
                addedByPath.put(change.newPath(), change);
            }
        }
        List<TreeChange> result = new ArrayList<>(changes.size());
        List<TreeChange> paired = new ArrayList<>();
        for (TreeChange change : changes) {
            TreeChange added = change.type() == ChangeType.DELETED ? addedByPath.get(change.oldPath()) : null;
            if (added != null) {
                result.add(new TreeChange(ChangeType.TYPE_CHANGED, 0, change.oldPath(), added.newPath(),
                        change.oldMode(), added.newMode(), change.oldId(), added.newId()));
                paired.add(added);
            } else {
                result.add(change);
            }
        }
        result.removeIf(c -> paired.stream().anyMatch(p -> p == c));
        return result;
    }
}
