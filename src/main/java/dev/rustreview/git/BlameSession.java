package dev.rustreview.git;

import dev.rustreview.model.ChangeSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** The objects one line attribution reads through: one reader, one walk, the branch's commits. */
final class BlameSession implements AutoCloseable {
    /** Commits the prefetch threads may run ahead of the walk: bounds what waits in memory. */
    private static final int PREFETCH_WINDOW = 64;
    private final Repository repo;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final DiffFormatter differ;
    private final EdgeChanges edges;
    private final LineTexts texts;
    private final RevCommit head;
    private final List<RevCommit> childrenFirst = new ArrayList<>();
    private final Set<RevCommit> branch = new HashSet<>();

    BlameSession(Repository repo, ChangeSet changeSet) throws IOException {
        this.repo = repo;
        reader = repo.newObjectReader();
        walk = new RevWalk(reader);
        differ = new DiffFormatter(DisabledOutputStream.INSTANCE);
        try {
            // A fresh Config: the repository's diff settings (external tools, rename limits) do not apply.
            differ.setReader(reader, new Config());
            differ.setDetectRenames(true);
            differ.getRenameDetector().setRenameScore(TreeDiffer.RENAME_SCORE);
            walk.setRetainBody(false);
            edges = new EdgeChanges(reader, differ);
            texts = new LineTexts(reader);
            String from = changeSet.fromId() != null ? changeSet.fromId() : changeSet.mergeBaseId();
            head = walk.parseCommit(ObjectId.fromString(changeSet.toId()));
            walk.sort(RevSort.TOPO);
            walk.markStart(head);
            if (from != null) {
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(from)));
            }
            for (RevCommit c : walk) {
                childrenFirst.add(c);
                branch.add(c);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean headInBranch() {
        return branch.contains(head);
    }

    Map<String, BranchLineOrigins.Result> trace(Map<String, int[]> tracked, WalkProgress progress,
                                                BooleanSupplier cancelled) throws IOException {
        // On one core a read-ahead thread would only compete with the walk for it. The property
        // rustreview.attribution.prefetch (true/false) overrides that, to compare results and times.
        String setting = System.getProperty("rustreview.attribution.prefetch", "");
        boolean ahead = setting.isEmpty() ? Runtime.getRuntime().availableProcessors() > 1
                : Boolean.parseBoolean(setting);
        return new BranchLineOrigins(walk, edges, texts, childrenFirst, branch, !ahead ? null
                : commits -> new EdgePrefetch(repo, walk, commits, EdgePrefetch.defaultThreads(),
                        PREFETCH_WINDOW))
                .compute(head, tracked, headBlobs(tracked.keySet()), progress, cancelled);
    }

    /** The blob of each path at head; a path that is no blob there is absent. */
    private Map<String, ObjectId> headBlobs(Set<String> paths) throws IOException {
        Map<String, ObjectId> blobs = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(head.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(paths));
            while (tw.next()) {
                if (paths.contains(tw.getPathString())
                        && tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    blobs.put(tw.getPathString(), tw.getObjectId(0));
                }
            }
        }
        return blobs;
    }

    /**
     * The newest commit on the head's first-parent line that changed, renamed or added the file: the best
     * guess for a line the per-commit diffs aligned with a base line although the branch diff calls it added.
     * "First parent" is the first parent the file is not new against, as the line pass reads them.
     */
    RevCommit lastChange(String path) throws IOException {
        RevCommit commit = head;
        while (true) {
            EdgeChanges.Link first = null;
            RevCommit firstParent = null;
            for (RevCommit parent : commit.getParents()) {
                walk.parseHeaders(parent);
                EdgeChanges.Link link = edges.changes(commit, parent, Set.of(path)).get(path);
                if (link != EdgeChanges.ADDED) {
                    first = link;
                    firstParent = parent;
                    break;
                }
            }
            // No parent, a change against the first parent the file is not new to, or the base: this commit.
            if (firstParent == null || first != null || !branch.contains(firstParent)) {
                return commit;
            }
            commit = firstParent;
        }
    }

    @Override
    public void close() {
        differ.close();
        walk.close();
        reader.close();
    }
}
