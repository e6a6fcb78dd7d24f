package dev.rustreview.git;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a branch whose one commit on top of the merge-base holds exactly the given hunks. Everything happens
 * in the object database: the tree is built in an in-core index, so the working tree, the real index and HEAD
 * are never touched.
 */
final class AcceptedBranchWriter {

    private final Repository repo;

    AcceptedBranchWriter(Repository repo) {
        this.repo = repo;
    }

    String write(String mergeBaseId, List<FileChange> files, Function<Hunk, String> hunkName, String branch,
                 String authorName, String authorEmail, String message) throws IOException {
        String refName = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(refName)) {
            throw new BadInputException("'" + branch + "' is not a valid branch name: pick another with --branch");
        }
        Ref head = repo.exactRef(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().equals(refName)) {
            throw new BadInputException("branch '" + branch + "' is checked out: pick another name with --branch");
        }
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit base = walk.parseCommit(ObjectId.fromString(mergeBaseId));
            Map<String, DirCacheEntry> replaced = new HashMap<>();
            Set<String> removed = new HashSet<>();
            for (FileChange f : files) {
                if (f.hunks().isEmpty()) {
                    continue;
                }
                Charset cs = f.encoding() == null ? StandardCharsets.UTF_8 : Charset.forName(f.encoding());
                String oldText = "";
                FileMode mode = switch (f.newKind() == null ? FileKind.NONE : f.newKind()) {
                    case EXECUTABLE -> FileMode.EXECUTABLE_FILE;
                    case SYMLINK -> FileMode.SYMLINK;
                    default -> FileMode.REGULAR_FILE;
                };
                if (f.oldPath() != null) {
                    try (TreeWalk tw = TreeWalk.forPath(reader, f.oldPath(), base.getTree())) {
                        if (tw == null) {
                            throw new BadInputException(f.oldPath() + " is not in the merge-base " + mergeBaseId
                                    + ": the review no longer matches the branch; reopen it");
                        }
                        oldText = new String(reader.open(tw.getObjectId(0)).getBytes(), cs);
                        mode = f.newPath() != null && f.newKind() != null && f.newKind() != FileKind.NONE
                                ? mode : tw.getFileMode(0);
                    }
                    removed.add(f.oldPath());
                }
                String newText = HunkApplier.apply(f.path(), oldText, f.hunks(), hunkName);
                boolean deleted = f.newPath() == null && newText.isEmpty();
                if (!deleted) {
                    String path = f.newPath() != null ? f.newPath() : f.oldPath();
                    DirCacheEntry e = new DirCacheEntry(path);
                    e.setFileMode(mode);
                    e.setObjectId(inserter.insert(Constants.OBJ_BLOB, newText.getBytes(cs)));
                    replaced.put(path, e);
                }
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(base.getTree());
                tw.setRecursive(true);
                while (tw.next()) {
                    String path = tw.getPathString();
                    if (!removed.contains(path) && !replaced.containsKey(path)) {
                        DirCacheEntry e = new DirCacheEntry(path);
                        e.setFileMode(tw.getFileMode(0));
                        e.setObjectId(tw.getObjectId(0));
                        builder.add(e);
                    }
                }
            }
            replaced.values().forEach(builder::add);
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            PersonIdent who = new PersonIdent(authorName, authorEmail);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(base);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(refName);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            update.setRefLogMessage("rust-review: accepted hunks", false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FAST_FORWARD) {
                throw new BadInputException("could not update branch '" + branch + "' (" + result
                        + "): another process may hold it; try again");
            }
            return id.name();
        }
    }
}
