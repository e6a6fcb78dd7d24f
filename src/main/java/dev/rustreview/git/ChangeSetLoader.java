package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Revision;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Builds change sets from resolved revisions. Every call opens its own object reader and revision walks,
 * so calls may run on different threads at once.
 */
final class ChangeSetLoader {

    private final Repository repo;
    private final String where;

    ChangeSetLoader(Repository repo, String where) {
        this.repo = repo;
        this.where = where;
    }

    /** What a pull request shows: merge-base(base, head) to head, and head's commits that base lacks. */
    ChangeSet branchDiff(Revision base, Revision head, DiffOptions options) {
        return GitErrors.guard(where, "diffing " + base.spec() + "..." + head.spec(), () -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit baseCommit = walk.parseCommit(idOf(base));
                RevCommit headCommit = walk.parseCommit(idOf(head));
                RevCommit mergeBase = mergeBase(reader, baseCommit, headCommit);
                if (mergeBase == null) {
                    throw new BadInputException("base " + base.spec() + " and head " + head.spec()
                            + " have no common history" + shallowHint()
                            + ": choose a base that shares history with " + head.spec());
                }
                List<FileChange> files = TreeDiffer.diff(reader, repo.getConfig(), mergeBase.getTree(),
                        headCommit.getTree(), options);
                List<Commit> commits = commits(reader, baseCommit, headCommit);
                return new ChangeSet(where, base, head, mergeBase.name(), mergeBase.name(), headCommit.name(),
                        commits, files);
            }
        });
    }

    /** One commit against its first parent; a root commit against the empty tree (base and ids then null). */
    ChangeSet commitDiff(Revision revision, DiffOptions options) {
        return GitErrors.guard(where, "diffing commit " + revision.spec(), () -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit commit = walk.parseCommit(idOf(revision));
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                List<FileChange> files = TreeDiffer.diff(reader, repo.getConfig(),
                        parent == null ? null : parent.getTree(), commit.getTree(), options);
                Revision base = parent == null ? null : new Revision(revision.spec() + "^", null, parent.name());
                String parentId = parent == null ? null : parent.name();
                return new ChangeSet(where, base, revision, parentId, parentId, commit.name(),
                        List.of(CommitMapper.toCommit(commit)), files);
            }
        });
    }

    /** The tree diff between any two commits; commits are those of {@code to} that {@code from} lacks. */
    ChangeSet between(Revision from, Revision to, DiffOptions options) {
        return GitErrors.guard(where, "diffing " + from.spec() + ".." + to.spec(), () -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit fromCommit = walk.parseCommit(idOf(from));
                RevCommit toCommit = walk.parseCommit(idOf(to));
                RevCommit mergeBase = mergeBase(reader, fromCommit, toCommit);
                List<FileChange> files = TreeDiffer.diff(reader, repo.getConfig(), fromCommit.getTree(),
                        toCommit.getTree(), options);
                return new ChangeSet(where, from, to, mergeBase == null ? null : mergeBase.name(),
                        fromCommit.name(), toCommit.name(), commits(reader, fromCommit, toCommit), files);
            }
        });
    }

    /** One file of the tree diff between two commits (given by id), or empty when it did not change. */
    java.util.Optional<FileChange> file(String fromCommitId, String toCommitId, String path, DiffOptions options) {
        return GitErrors.guard(where, "diffing " + path, () -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit fromCommit = walk.parseCommit(ObjectId.fromString(fromCommitId));
                RevCommit toCommit = walk.parseCommit(ObjectId.fromString(toCommitId));
                return TreeDiffer.diffOne(reader, repo.getConfig(), fromCommit.getTree(), toCommit.getTree(), path,
                        options);
            }
        });
    }

    /** Commits reachable from {@code to} but not from {@code from} (all of them when null), oldest first. */
    List<Commit> log(Revision from, Revision to) {
        return GitErrors.guard(where, "listing commits", () -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit fromCommit = from == null ? null : walk.parseCommit(idOf(from));
                return commits(reader, fromCommit, walk.parseCommit(idOf(to)));
            }
        });
    }

    /**
     * Parents before children (topological, then reversed), so a merge commit on the branch comes after
     * both sides it joins, as in {@code git log --topo-order --reverse base..head}.
     */
    private static List<Commit> commits(ObjectReader reader, RevCommit exclude, RevCommit include) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(include));
            if (exclude != null) {
                walk.markUninteresting(walk.parseCommit(exclude));
            }
            List<Commit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(CommitMapper.toCommit(commit));
            }
            return commits;
        }
    }

    /** The first merge-base, as {@code git diff a...b} uses; null when the histories never meet. */
    private static RevCommit mergeBase(ObjectReader reader, RevCommit a, RevCommit b) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit found = walk.next();
            return found == null ? null : walk.parseCommit(found);
        }
    }

    private String shallowHint() {
        File shallow = new File(repo.getCommonDirectory(), "shallow");
        return shallow.isFile() ? " (this is a shallow clone: fetch more history with git fetch --unshallow)" : "";
    }

    private static ObjectId idOf(Revision revision) {
        return ObjectId.fromString(revision.commitId());
    }
}
