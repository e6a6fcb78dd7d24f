package dev.rustreview.git;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.SquashedPull;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds the pull requests behind squash-merge commits. A forge's squash merge writes one commit titled
 * {@code Subject (#N)} and drops the pull request's own authors and trailers; a repository that fetched pull
 * refs still has those commits at {@code refs/pull/N/head}.
 */
final class SquashedPulls {

    /** A squash subject ends in {@code (#N)}. */
    private static final Pattern NUMBER = Pattern.compile("\\(#(\\d{1,9})\\)\\s*$");
    /** Commits read per pull request: enough for any real one, bounded for a hostile ref. */
    static final int MAX_COMMITS = 250;

    private SquashedPulls() {
    }

    /** The pull request of every commit of {@code changeSet} whose subject ends in {@code (#N)} and whose ref exists. */
    static List<SquashedPull> find(Repository repo, ChangeSet changeSet) throws IOException {
        Set<String> inRange = new HashSet<>();
        changeSet.commits().forEach(c -> inRange.add(c.id()));
        List<SquashedPull> pulls = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Commit commit : changeSet.commits()) {
                Matcher m = NUMBER.matcher(commit.subject() == null ? "" : commit.subject());
                if (!m.find()) {
                    continue;
                }
                int number = Integer.parseInt(m.group(1));
                Ref ref = repo.exactRef("refs/pull/" + number + "/head");
                if (ref == null || ref.getObjectId() == null) {
                    continue;
                }
                List<Commit> own = own(walk, ref.getObjectId(), commit, inRange);
                if (!own.isEmpty()) {
                    pulls.add(new SquashedPull(commit.id(), number, own));
                }
            }
        }
        return pulls;
    }

    /**
     * The pull request's commits that the squash commit's parents lack. None when they are the reviewed
     * branch's own commits (a true merge, not a squash) or the ref does not point at a commit.
     */
    private static List<Commit> own(RevWalk walk, ObjectId pullHead, Commit squash, Set<String> inRange)
            throws IOException {
        walk.reset();
        RevCommit start;
        try {
            start = walk.parseCommit(pullHead);
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return List.of();
        }
        walk.markStart(start);
        for (String parent : squash.parentIds()) {
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(parent)));
        }
        List<Commit> own = new ArrayList<>();
        for (RevCommit c : walk) {
            if (inRange.contains(c.name())) {
                return List.of();
            }
            own.add(CommitMapper.toCommit(c));
            if (own.size() >= MAX_COMMITS) {
                break;
            }
        }
        Collections.reverse(own);
        return own;
    }
}
