package dev.rustreview.cli;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewIds;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every {@code review} subcommand shares, and opening the review they name on the current head. */
final class ReviewTarget {

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Repository (default: current directory).")
    Path repo;

    @Option(names = "--base", paramLabel = "REV", description = "Base revision (default: origin/HEAD, main or master).")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "Head revision (default: the current or newest agent branch).")
    String head;

    @Option(names = "--review", paramLabel = "ID",
            description = "Review id (default: derived from the head branch); reuse one to follow an agent's new branch.")
    String reviewId;

    /** The command this mixin is part of: its stderr shows the analysis's progress. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--from-backup", description = "Start from the review's backup (after its file was reported unreadable).")
    boolean fromBackup;

    /** An open repository with the review on its current round; saving is explicit, closing releases git. */
    static final class Opened implements AutoCloseable {
        final GitRepository git;
        final ReviewStore store;
        final ReviewSession session;
        final String author;

        private Opened(GitRepository git, ReviewStore store, ReviewSession session, String author) {
            this.git = git;
            this.store = store;
            this.session = session;
            this.author = author;
        }

        Review review() {
            return session.review();
        }

        /** Writes the review when it changed (a new round counts as a change). */
        void save() {
            store.save(session.review());
        }

        @Override
        public void close() {
            git.close();
        }
    }

    Opened open() {
        GitRepository git = GitRepository.open(repo);
        try {
            DiffOptions options = DiffOptions.DEFAULT;
            ChangeSet changeSet;
            ChangeAnalysis analysis;
            // Attribution walks the branch's commits: show commits walked, then files, on a terminal's stderr.
            // Ctrl+C stops it, and nothing is written: the review is saved only after the command's work.
            try (Progress progress = mixee == null ? Progress.silent() : Progress.onStderr(mixee.commandLine().getErr())) {
                progress.step("reading branch");
                changeSet = git.branchDiff(base, head, options);
                analysis = new BranchAnalysis(AppDirs.forCurrentUser(), ChangeAnalyzer.Options.defaults())
                        .analyze(git, changeSet, options, progress.analysisListener(), () -> false);
            }
            Clock clock = Clock.systemUTC();
            ReviewStore store = ReviewStore.inGitDir(git.gitDir(), clock);
            String headName = shortName(changeSet);
            String id = reviewId != null ? ReviewIds.check(reviewId) : ReviewIds.forHead(headName);
            Review review = fromBackup ? store.loadBackup(id)
                    : store.load(id).orElseGet(() -> new Review(id, git.root().toString(), headName,
                            changeSet.base() == null ? null : changeSet.base().spec()));
            String author = git.configuredIdentity().orElseGet(() -> System.getProperty("user.name", "reviewer"));
            ReviewSession session = ReviewSession.open(review, new HunkIndex(analysis), author, clock);
            java.util.List<String> warnings = new java.util.ArrayList<>();
            session.useSharedMutes(dev.rustreview.review.SharedMutes.atBase(git.sources(options), changeSet, warnings));
            warnings.forEach(w -> System.err.println("rust-review: warning: " + w));
            return new Opened(git, store, session, author);
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
    }

    /** The head's short name, from which a review's default id is derived. */
    static String shortName(ChangeSet cs) {
        if (cs.head() == null) {
            return cs.toId();
        }
        String ref = cs.head().refName();
        return ref != null ? ref.replaceFirst("^refs/(heads|remotes)/", "") : cs.head().spec();
    }
}
