package dev.rustreview.review;
import dev.rustreview.git.GitRepository;
import dev.rustreview.io.AtomicFiles;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Turns a review's decisions into git results: the accepted-hunks branch, and patches of accepted and rejected hunks. */
public final class AcceptedChanges {

    /** The two patch files written by {@link #exportPatches}. */
    public record Patches(Path accepted, Path rejected, int acceptedHunks, int rejectedHunks) {
    }

    private AcceptedChanges() {
    }

    /** {@code review/<head>-accepted}: the default name of the accepted branch. */
    public static String defaultBranch(String headRef) {
        String head = headRef.replaceFirst("^refs/heads/", "");
        return "review/" + head + "-accepted";
    }

    /**
     * The accepted hunks and the commit message, taken on the thread that owns the review so the git write can
     * run on another ({@link #write}).
     */
    public record Prepared(String mergeBaseId, DecidedHunks accepted, String message) {
        public int hunks() {
            return accepted.units();
        }
    }

    /** What {@link #write} would commit; fails in words when nothing is accepted yet. */
    public static Prepared prepare(ReviewSession session) {
        DecidedHunks accepted = DecidedHunks.of(session.review(), session.index(), DecisionState.ACCEPTED);
        if (accepted.isEmpty()) {
            throw new BadInputException("review " + session.review().id() + " has no accepted hunks: accept some first");
        }
        ChangeSet cs = session.index().analysis().changeSet();
        return new Prepared(cs.mergeBaseId(), accepted, message(session, cs, accepted));
    }

    /**
     * Writes {@code branch} with one commit on the merge-base holding exactly the accepted hunks; returns its id.
     *
     * @param author {@code Name <email>} or a bare name
     */
    public static String writeBranch(GitRepository git, ReviewSession session, String branch, String author) {
        return write(git, prepare(session), branch, author);
    }

    /** Writes a prepared accepted branch (objects and one ref only; any thread). */
    public static String write(GitRepository git, Prepared prepared, String branch, String author) {
        return git.writeSquashBranch(prepared.mergeBaseId(), prepared.accepted().files(), prepared.accepted()::name,
                branch, ReviewerIdentity.name(author), ReviewerIdentity.email(author), prepared.message());
    }

    /** Writes {@code accepted.patch} and {@code rejected.patch} into {@code dir} (created if needed). */
    public static Patches exportPatches(ReviewSession session, Path dir) {
        DecidedHunks accepted = DecidedHunks.of(session.review(), session.index(), DecisionState.ACCEPTED);
        DecidedHunks rejected = DecidedHunks.of(session.review(), session.index(), DecisionState.REJECTED);
        try {
            Files.createDirectories(dir);
            Path a = dir.resolve("accepted.patch");
            Path r = dir.resolve("rejected.patch");
            AtomicFiles.replace(a, PatchWriter.write(accepted.files()), null);
            AtomicFiles.replace(r, PatchWriter.write(rejected.files()), null);
            return new Patches(a, r, accepted.units(), rejected.units());
        } catch (IOException e) {
            throw new UncheckedIOException("writing patches to " + dir, e);
        }
    }

    private static String message(ReviewSession session, ChangeSet cs, DecidedHunks accepted) {
        StringBuilder m = new StringBuilder("Accepted changes of ").append(session.review().currentHeadRef())
                .append(" (").append(accepted.units()).append(" of ").append(session.index().entries().size())
                .append(" units)\n\nThe units a reviewer accepted in Rust Review, applied together on the merge-base;")
                .append(" rejected and undecided units are left out.\n\nThey come from these commits of the branch:\n");
        List<Commit> commits = cs.commits();
        commits.forEach(c -> m.append("  ").append(c.shortId()).append(' ').append(c.subject()).append('\n'));
        m.append("\nRust-Review: ").append(session.review().id()).append(", round ")
                .append(session.review().currentRound()).append(", head ").append(cs.toId()).append('\n');
        return m.toString();
    }
}
