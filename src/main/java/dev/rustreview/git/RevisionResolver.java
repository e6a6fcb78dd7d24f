package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Revision;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Turns what the user typed into commits, and lists the refs a user can pick from. */
final class RevisionResolver {

    private static final String ORIGIN_HEAD = "refs/remotes/origin/HEAD";
    private static final List<String> BASE_FALLBACKS = List.of(
            "refs/heads/main", "refs/heads/master", "refs/remotes/origin/main", "refs/remotes/origin/master");

    private final Repository repo;
    private final String where;

    RevisionResolver(Repository repo, String where) {
        this.repo = repo;
        this.where = where;
    }

    Revision resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new BadInputException("empty revision: pass a branch, tag or commit");
        }
        ObjectId id = lookUp(spec);
        if (id == null) {
            throw unknown(spec);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(id);
            Ref ref = repo.findRef(spec);
            return new Revision(spec, ref == null ? null : ref.getLeaf().getName(), commit.name());
        } catch (IncorrectObjectTypeException e) {
            throw new BadInputException("revision '" + spec + "' names a tree or file, not a commit:"
                    + " pass a branch, tag or commit");
        } catch (MissingObjectException e) {
            throw unknown(spec);
        } catch (IOException e) {
            throw GitErrors.translate(where, "resolving '" + spec + "'", e);
        }
    }

    private ObjectId lookUp(String spec) {
        try {
            return repo.resolve(spec);
        } catch (AmbiguousObjectException e) {
            throw new BadInputException("revision '" + spec + "' is ambiguous (several objects start with it):"
                    + " type more characters of the commit id");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new BadInputException("'" + spec + "' is not a valid revision: pass a branch, tag or commit");
        } catch (IOException e) {
            throw GitErrors.translate(where, "resolving '" + spec + "'", e);
        }
    }

    private BadInputException unknown(String spec) {
        List<String> names = refs().stream().map(RefInfo::shortName).toList();
        List<String> close = NameSuggester.suggest(spec, names);
        if (close.isEmpty()) {
            return new BadInputException("unknown revision '" + spec + "': no branch, tag or commit has that name;"
                    + " pass an existing one (git branch -a lists branches)");
        }
        return new BadInputException("unknown revision '" + spec + "': did you mean " + String.join(", ", close) + "?");
    }

    /** {@code origin/HEAD}'s target, else main, master, origin/main, origin/master. */
    Revision defaultBase() {
        return GitErrors.guard(where, "finding the default base", () -> {
            Ref originHead = repo.exactRef(ORIGIN_HEAD);
            if (originHead != null && originHead.getObjectId() != null) {
                return revisionOf(originHead.getLeaf());
            }
            for (String name : BASE_FALLBACKS) {
                Ref ref = repo.exactRef(name);
                if (ref != null && ref.getObjectId() != null) {
                    return revisionOf(ref);
                }
            }
            throw new BadInputException("no base branch found (no origin/HEAD, main or master) in " + where
                    + ": pass --base BRANCH");
        });
    }

    /**
     * The current branch unless it is the base; on a detached HEAD, HEAD itself if it has commits the base
     * lacks; else the most recently committed local branch with commits the base lacks.
     */
    Revision defaultHead(Revision base) {
        return GitErrors.guard(where, "finding the default head", () -> {
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit baseCommit = walk.parseCommit(ObjectId.fromString(base.commitId()));
                Ref head = repo.exactRef(Constants.HEAD);
                if (head != null && head.isSymbolic() && head.getObjectId() != null) {
                    Ref branch = head.getTarget();
                    if (!isBase(walk, branch, base, baseCommit)) {
                        return revisionOf(branch);
                    }
                } else if (head != null && head.getObjectId() != null
                        && hasCommitsBeyond(walk, head.getObjectId(), baseCommit)) {
                    return new Revision(Constants.HEAD, Constants.HEAD, head.getObjectId().name());
                }
                for (RefInfo candidate : localBranchesNewestFirst()) {
                    if (candidate.fullName().equals(base.refName())) {
                        continue;
                    }
                    if (hasCommitsBeyond(walk, ObjectId.fromString(candidate.commitId()), baseCommit)) {
                        return new Revision(candidate.shortName(), candidate.fullName(), candidate.commitId());
                    }
                }
                throw new BadInputException("no branch has commits that " + base.spec() + " lacks in " + where
                        + ": pass --head BRANCH");
            }
        });
    }

    /**
     * The base itself, or its local twin: {@code main} is treated as the base {@code origin/main} unless it
     * has commits of its own (then reviewing unpushed work on main is what the user wants).
     */
    private boolean isBase(RevWalk walk, Ref branch, Revision base, RevCommit baseCommit) throws IOException {
        String name = branch.getName();
        if (name.equals(base.refName())) {
            return true;
        }
        String baseRef = base.refName();
        if (baseRef == null || !baseRef.startsWith(Constants.R_REMOTES) || !name.startsWith(Constants.R_HEADS)) {
            return false;
        }
        String remotePart = baseRef.substring(Constants.R_REMOTES.length());
        int slash = remotePart.indexOf('/');
        boolean twin = slash > 0 && remotePart.substring(slash + 1).equals(name.substring(Constants.R_HEADS.length()));
        return twin && !hasCommitsBeyond(walk, branch.getObjectId(), baseCommit);
    }

    private static boolean hasCommitsBeyond(RevWalk walk, ObjectId tip, RevCommit base) throws IOException {
        walk.reset();
        return !walk.isMergedInto(walk.parseCommit(tip), base);
    }

    private List<RefInfo> localBranchesNewestFirst() {
        return refs().stream()
                .filter(r -> r.kind() == RefInfo.Kind.LOCAL)
                .sorted(Comparator.comparing(RefInfo::commitTime).reversed().thenComparing(RefInfo::shortName))
                .toList();
    }

    private Revision revisionOf(Ref ref) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ref.getObjectId());
            return new Revision(Repository.shortenRefName(ref.getName()), ref.getName(), commit.name());
        }
    }

    /** Local branches, remote-tracking branches and tags that point (after peeling) at commits. */
    List<RefInfo> refs() {
        return GitErrors.guard(where, "listing refs", () -> {
            List<RefInfo> result = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repo)) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_REMOTES,
                        Constants.R_TAGS)) {
                    if (ref.isSymbolic() || ref.getObjectId() == null) {
                        continue; // origin/HEAD duplicates the branch it points to
                    }
                    RevCommit commit = peelToCommit(walk, ref.getObjectId());
                    if (commit != null) {
                        Instant time = commit.getCommitterIdent().getWhenAsInstant();
                        result.add(new RefInfo(Repository.shortenRefName(ref.getName()), ref.getName(),
                                kindOf(ref.getName()), commit.name(), time));
                    }
                }
            }
            return List.copyOf(result);
        });
    }

    private static RevCommit peelToCommit(RevWalk walk, ObjectId id) throws IOException {
        try {
            return walk.parseCommit(id);
        } catch (IncorrectObjectTypeException | MissingObjectException e) {
            return null; // a tag of a tree or blob, or a dangling ref: nothing a reviewer can pick
        }
    }

    private static RefInfo.Kind kindOf(String fullName) {
        if (fullName.startsWith(Constants.R_HEADS)) {
            return RefInfo.Kind.LOCAL;
        }
        return fullName.startsWith(Constants.R_REMOTES) ? RefInfo.Kind.REMOTE : RefInfo.Kind.TAG;
    }

    /** The checked-out branch's short name, or null on a detached HEAD. */
    String currentBranch() {
        return GitErrors.guard(where, "reading HEAD", () -> {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic()) {
                return null;
            }
            String target = head.getTarget().getName();
            return target.startsWith(Constants.R_HEADS) ? Repository.shortenRefName(target) : null;
        });
    }
}
