package dev.rustreview.ui.app;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.git.RefInfo;
import dev.rustreview.git.ReviewNotes;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.review.AcceptedChanges;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewIds;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.review.ReviewUnits;
import dev.rustreview.review.ReviewerIdentity;
import dev.rustreview.review.SinceLast;
import dev.rustreview.review.SinceLastReview;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/** An opened repository and its branch diff: the window's {@link ReviewBackend}. */
final class RepositorySession implements ReviewBackend {

    /** The sample's agent branch: what a first launch shows. */
    static final String SAMPLE_HEAD = BundledSample.HEAD;

    private final OpenRequest request;
    private final GitRepository git;
    private final ChangeSet branch;
    private final String name;
    private final AppDirs dirs;
    private final Clock clock = Clock.systemUTC();

    private RepositorySession(OpenRequest request, GitRepository git, ChangeSet branch, String name, AppDirs dirs) {
        this.request = request;
        this.git = git;
        this.branch = branch;
        this.name = name;
        this.dirs = dirs;
    }

    /** Opens the request's repository (building the sample when none is given). Does I/O. */
    static RepositorySession open(OpenRequest request, AppDirs dirs) {
        boolean sample = request.repo() == null;
        Path dir = sample ? BundledSample.ensureBuilt(dirs.samples()) : request.repo();
        String head = request.head() != null ? request.head() : sample ? SAMPLE_HEAD : null;
        String base = request.base() != null ? request.base() : sample ? BundledSample.BASE : null;
        GitRepository git = GitRepository.open(dir);
        try {
            // The window shows review units from the start, so hunk positions do not change when analysis arrives.
            OpenProgress progress = OpenProgress.current();
            ChangeSet branch = ReviewUnits.split(git.branchDiff(base, head, DiffOptions.DEFAULT),
                    git.sources(DiffOptions.DEFAULT), progress::filesCut);
            String name = sample ? "backup-service (sample)" : dev.rustreview.git.RepositoryNames.of(dir);
            return new RepositorySession(request, git, branch, name, dirs);
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
    }

    @Override
    public java.util.Optional<Path> fileForEditor(String path, dev.rustreview.model.Side side) {
        String commit = side == dev.rustreview.model.Side.NEW ? branch.head().commitId() : branch.mergeBaseId();
        if (side == dev.rustreview.model.Side.NEW && !git.isBare()
                && commit.equals(git.resolve("HEAD").commitId())) {
            Path inTree = git.root().resolve(path).normalize();
            if (inTree.startsWith(git.root()) && java.nio.file.Files.isRegularFile(inTree)) {
                return java.util.Optional.of(inTree);
            }
        }
        return EditorCopies.copy(git.sources(DiffOptions.DEFAULT), commit, path);
    }

    @Override
    public java.util.Optional<String> textAt(String commitId, String path) {
        return git.sources(DiffOptions.DEFAULT).fileAt(commitId, path);
    }

    @Override
    public OpenRequest request() {
        return request;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChangeSet branch() {
        return branch;
    }

    /** The most "show anyway" loads per side: beyond it a diff view would not be usable anyway. */
    static final long SHOW_ANYWAY_MAX_BYTES = 128L * 1024 * 1024;

    @Override
    public dev.rustreview.model.FileChange fullFile(String path) {
        dev.rustreview.model.FileChange file = git.fileDiff(branch.mergeBaseId(), branch.toId(), path,
                new DiffOptions(SHOW_ANYWAY_MAX_BYTES)).orElseThrow(() -> new dev.rustreview.model.BadInputException(
                "'" + path + "' is not changed on this branch"));
        if (file.tooLarge()) {
            throw new dev.rustreview.model.BadInputException("'" + path + "' is larger than "
                    + SHOW_ANYWAY_MAX_BYTES / (1024 * 1024) + " MiB: open it in an editor instead");
        }
        return file;
    }

    @Override
    public ChangeSet commit(String commitId) {
        return git.commitDiff(commitId, DiffOptions.DEFAULT);
    }

    @Override
    public ChangeAnalysis analyze(ChangeAnalyzer.Listener progress, BooleanSupplier cancelled) {
        return new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults())
                .analyzeUnits(git, branch, DiffOptions.DEFAULT, progress, cancelled);
    }

    @Override
    public dev.rustreview.check.CompilerChecker.Outcome compilerCheck(List<dev.rustreview.model.Finding> ruleFindings,
            boolean rebuild, java.util.function.Consumer<String> progress, dev.rustreview.check.Cancellation cancellation) {
        return new dev.rustreview.check.CompilerChecker().checkOrReuse(git, branch, () -> ruleFindings,
                dev.rustreview.check.CheckOptions.defaults(), rebuild, progress, cancellation);
    }

    @Override
    public dev.rustreview.model.CompilerCheck storedCompilerCheck(String roundFile) {
        return new dev.rustreview.check.CheckStore(git.gitDir()).forRound(branch.toId(), roundFile).orElse(null);
    }

    @Override
    public dev.rustreview.model.CompilerCheck storedCompilerCheck() {
        return new dev.rustreview.check.CheckStore(git.gitDir()).latest(branch.toId()).orElse(null);
    }

    @Override
    public Path folder() {
        return git.root();
    }

    @Override
    public OpenedReview openReview(ChangeAnalysis analysis) {
        return open(analysis, false);
    }

    @Override
    public OpenedReview openReviewBackup(ChangeAnalysis analysis) {
        return open(analysis, true);
    }

    private OpenedReview open(ChangeAnalysis analysis, boolean fromBackup) {
        ReviewStore store = ReviewStore.inGitDir(git.gitDir(), clock);
        ChangeSet cs = analysis.changeSet();
        String headName = headName(cs);
        String id = request.reviewId() != null ? ReviewIds.check(request.reviewId()) : ReviewIds.forHead(headName);
        Review review = fromBackup ? store.loadBackup(id) : store.load(id).orElseGet(() -> new Review(id,
                git.root().toString(), headName, cs.base() == null ? null : cs.base().spec()));
        ReviewSession session = ReviewSession.open(review, new HunkIndex(analysis), author(), clock);
        // The team's muted rules, read at the base; a broken file mutes nothing, and the window says so.
        java.util.List<String> warnings = new java.util.ArrayList<>();
        session.useSharedMutes(dev.rustreview.review.SharedMutes.atBase(git.sources(DiffOptions.DEFAULT), cs,
                warnings));
        return new OpenedReview(session, store, warnings);
    }

    @Override
    public java.util.Optional<java.nio.file.Path> workTree() {
        return git.isBare() ? java.util.Optional.empty() : java.util.Optional.of(git.root());
    }

    private String author() {
        return git.configuredIdentity().orElseGet(() -> System.getProperty("user.name", "reviewer"));
    }

    /** The head's branch name without {@code refs/heads/}, or its spec or commit when it is no branch. */
    static String headName(ChangeSet cs) {
        if (cs.head() == null) {
            return cs.toId();
        }
        String ref = cs.head().refName();
        return ref != null ? ref.replaceFirst("^refs/(heads|remotes)/", "") : cs.head().spec();
    }

    @Override
    public void checkRevision(String spec) {
        git.resolve(spec);
    }

    @Override
    public boolean hasReview(String headName) {
        return java.nio.file.Files.exists(ReviewStore.inGitDir(git.gitDir(), clock).file(ReviewIds.forHead(headName)));
    }

    @Override
    public SinceLastReview sinceLast(Review review) {
        return SinceLast.compute(git, review);
    }

    @Override
    public dev.rustreview.model.FileChange sinceLastUnit(dev.rustreview.review.HunkInterdiff.Earlier earlier,
                                                         HunkIndex.Entry now) {
        return dev.rustreview.review.SinceLastUnit.of(dev.rustreview.review.HunkInterdiff.of(git, earlier, now),
                now.file());
    }

    @Override
    public List<RefInfo> refs() {
        return git.refs();
    }

    @Override
    public String writeAcceptedBranch(AcceptedChanges.Prepared accepted, String branchName) {
        return AcceptedChanges.write(git, accepted, branchName, git.writerIdentity());
    }

    @Override
    public String writeNotes(String headCommit, List<String> records) {
        String who = git.writerIdentity();
        return new ReviewNotes(git.gitDir(), ReviewNotes.REF).add(headCommit, records, ReviewerIdentity.name(who),
                ReviewerIdentity.email(who));
    }

    @Override
    public void close() {
        git.close();
    }
}
