package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.Revision;
import dev.rustreview.model.SourceReader;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A git repository opened for review, read-only. Opening and diffing read refs, commits, trees and blobs
 * and nothing else: no checkout, no index or working-tree scan (so no clean/smudge filter or fsmonitor
 * runs), no hooks, no submodule commands, no spawned {@code git}. Problems the user can fix raise
 * {@link BadInputException} with a one-line message.
 *
 * <p>All methods may be called from several threads; each call uses its own object reader.
 *
 * <p>In change sets, {@code repository} is the repository's top folder (the git directory for a bare
 * repository). For the root commit, {@link #commitDiff} returns a change set whose base, merge-base and
 * from ids are null. A file's {@code encoding} is null when it has no text (binary, over-size, submodule).
 */
public final class GitRepository implements AutoCloseable {

    private final Repository repo;
    private final Path root;
    private final RevisionResolver revisions;
    private final ChangeSetLoader changes;

    private GitRepository(Repository repo) {
        this.repo = repo;
        File top = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
        this.root = top.toPath().toAbsolutePath().normalize();
        this.revisions = new RevisionResolver(repo, root.toString());
        this.changes = new ChangeSetLoader(repo, root.toString());
    }

    /**
     * Opens the repository containing {@code dir}: a working tree or any folder inside it, a bare
     * repository, or a linked worktree.
     *
     * @throws BadInputException when the folder is missing, not in a repository, or there are no commits
     */
    public static GitRepository open(Path dir) {
        return new GitRepository(RepositoryOpener.open(dir));
    }

    /** The repository's top folder: the working tree, or the git directory when bare. */
    public Path root() {
        return root;
    }

    public boolean isBare() {
        return repo.isBare();
    }

    /** Resolves a branch, remote branch, tag (peeled), full or short id, or expression like {@code HEAD~3}. */
    public Revision resolve(String spec) {
        return revisions.resolve(spec);
    }

    /** {@code origin/HEAD}'s branch, else {@code main}, {@code master}, {@code origin/main}, {@code origin/master}. */
    public Revision defaultBase() {
        return revisions.defaultBase();
    }

    /**
     * The current branch unless it is the base (or the base's local twin without commits of its own);
     * else a detached HEAD that has commits the base lacks; else the most recently committed local branch
     * that has commits the base lacks.
     */
    public Revision defaultHead(Revision base) {
        return revisions.defaultHead(Objects.requireNonNull(base, "base"));
    }

    /**
     * What a pull request from head into base shows: the diff from their merge-base to head and head's
     * commits that base lacks, oldest first. Null specs pick {@link #defaultBase()} and
     * {@link #defaultHead(Revision)}. A head already merged into base gives an empty change set.
     */
    public ChangeSet branchDiff(String baseSpec, String headSpec, DiffOptions options) {
        Revision base = baseSpec == null ? defaultBase() : resolve(baseSpec);
        Revision head = headSpec == null ? defaultHead(base) : resolve(headSpec);
        return changes.branchDiff(base, head, orDefault(options));
    }

    /** One commit against its first parent (a root commit against the empty tree). */
    public ChangeSet commitDiff(String commitSpec, DiffOptions options) {
        return changes.commitDiff(resolve(commitSpec), orDefault(options));
    }

    /** The tree diff from one commit to another; commits are those of {@code toSpec} that {@code fromSpec} lacks. */
    public ChangeSet between(String fromSpec, String toSpec, DiffOptions options) {
        return changes.between(resolve(fromSpec), resolve(toSpec), orDefault(options));
    }

    /**
     * One file of the diff between two commits (ids, as a change set holds them), with the same rename pairing
     * as a whole diff but only that file read: "show anyway" for a file over the usual size limit.
     */
    public java.util.Optional<dev.rustreview.model.FileChange> fileDiff(String fromCommitId, String toCommitId,
                                                                       String path, DiffOptions options) {
        return changes.file(fromCommitId, toCommitId, path, orDefault(options));
    }

    /** Commits reachable from {@code toInclusive} but not {@code fromExclusive} (null: all), oldest first. */
    public List<Commit> log(String fromExclusive, String toInclusive) {
        Revision from = fromExclusive == null ? null : resolve(fromExclusive);
        return changes.log(from, resolve(toInclusive));
    }

    /** Whole-file reads decoded exactly as the diff decodes them. */
    public SourceReader sources(DiffOptions options) {
        return new BlobSourceReader(repo, root.toString(), orDefault(options));
    }

    /**
     * Which branch commit introduced each added line of {@code changeSet} (a blame restricted to the branch's
     * own commits), as runs of new-side lines.
     */
    public List<LineAttribution> lineOrigins(ChangeSet changeSet) {
        return lineOrigins(changeSet, WalkProgress.NONE, () -> false);
    }

    /**
     * As {@link #lineOrigins(ChangeSet)}, reporting the branch commits walked and stopping with a
     * {@link java.util.concurrent.CancellationException} soon after {@code cancelled} turns true.
     */
    public List<LineAttribution> lineOrigins(ChangeSet changeSet, WalkProgress progress,
                                             java.util.function.BooleanSupplier cancelled) {
        return lineOrigins(changeSet, dev.rustreview.model.LineNotes.NONE, progress, cancelled);
    }

    /** As above, with line-level attribution notes overriding the commit's verdict on the lines they cover. */
    public List<LineAttribution> lineOrigins(ChangeSet changeSet, dev.rustreview.model.LineNotes notes,
                                             WalkProgress progress, java.util.function.BooleanSupplier cancelled) {
        return GitErrors.guard(root.toString(), "attributing added lines to commits",
                () -> BranchBlame.attribute(repo, changeSet, notes, progress, cancelled));
    }

    /**
     * The line-level attribution records the repository carries for the branch's commits, as raw untrusted
     * text (git-ai, whogitit and Agent Trace notes; Agent Trace files under {@code .agent-trace/} at the head),
     * each bounded in size; {@code skipped} receives one line per record not read.
     */
    public List<dev.rustreview.model.AttributionRecord> attributionRecords(ChangeSet changeSet, List<String> skipped) {
        AttributionNotesReader.Read read = GitErrors.guard(root.toString(), "reading line attribution notes",
                () -> AttributionNotesReader.read(repo, changeSet));
        skipped.addAll(read.skipped());
        return read.records();
    }

    /**
     * For each commit of {@code changeSet} titled {@code ... (#N)} whose pull request is at {@code refs/pull/N/head},
     * that pull request's own commits: the trailers and authors a squash merge dropped.
     */
    public List<dev.rustreview.model.SquashedPull> squashedPulls(ChangeSet changeSet) {
        return GitErrors.guard(root.toString(), "reading pull request refs",
                () -> SquashedPulls.find(repo, changeSet));
    }

    /** Local branches, remote-tracking branches and tags, each with its commit. */
    public List<RefInfo> refs() {
        return revisions.refs();
    }

    /**
     * The repository's git directory shared by all its worktrees ({@code .git} of a working tree, the folder
     * itself when bare): review state lives there, never in the working tree.
     */
    public Path gitDir() {
        return repo.getCommonDirectory().toPath().toAbsolutePath().normalize();
    }

    /**
     * Who writes the commits and notes a review makes: the configured identity, else git's own fallback (the
     * OS user at this host's name, as {@code git commit} does without {@code user.useConfigOnly}), never an
     * empty email.
     */
    public String writerIdentity() {
        return configuredIdentity().orElseGet(() -> {
            PersonIdent fallback = new PersonIdent(repo);
            String email = fallback.getEmailAddress();
            return fallback.getName() + " <" + (email == null || email.isBlank() ? fallback.getName() + "@localhost" : email) + ">";
        });
    }

    /** {@code Name <email>} from the configured {@code user.name}/{@code user.email} (reading config only), if set. */
    public java.util.Optional<String> configuredIdentity() {
        String name = repo.getConfig().getString("user", null, "name");
        String email = repo.getConfig().getString("user", null, "email");
        if (name == null || name.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(email == null || email.isBlank() ? name.strip() : name.strip() + " <" + email.strip() + ">");
    }

    /**
     * Writes branch {@code branch} (created or moved) to one new commit on top of {@code mergeBaseId} holding
     * exactly {@code files}' hunks, applied to the merge-base in memory. Only objects and that one ref are
     * written: never the working tree, the index or HEAD. Returns the commit id.
     *
     * @param hunkName names a hunk in the refusal when it cannot be applied alone
     * @throws BadInputException when a hunk cannot be applied alone, or the branch name is unusable
     */
    public String writeSquashBranch(String mergeBaseId, List<dev.rustreview.model.FileChange> files,
                                    java.util.function.Function<dev.rustreview.model.Hunk, String> hunkName,
                                    String branch, String authorName, String authorEmail, String message) {
        return GitErrors.guard(root.toString(), "writing branch " + branch,
                () -> new AcceptedBranchWriter(repo).write(mergeBaseId, files, hunkName, branch, authorName,
                        authorEmail, message));
    }

    /**
     * Writes commit {@code commitId}'s tree into the empty folder {@code into} from git objects only (for building
     * a temporary copy): never the work tree, no filters or hooks; returns the number of files written.
     *
     * @throws BadInputException when the tree holds more than {@code maxBytes} or an unsafe path
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public int materialise(String commitId, Path into, long maxBytes, java.util.function.BooleanSupplier cancelled) {
        return GitErrors.guard(root.toString(), "writing the tree of " + commitId,
                () -> new TreeMaterialiser(repo).write(commitId, into, maxBytes, cancelled).files());
    }

    /** The checked-out branch's short name, or null when HEAD is detached. */
    public String currentBranch() {
        return revisions.currentBranch();
    }

    @Override
    public void close() {
        repo.close();
    }

    private static DiffOptions orDefault(DiffOptions options) {
        return options == null ? DiffOptions.DEFAULT : options;
    }
}
