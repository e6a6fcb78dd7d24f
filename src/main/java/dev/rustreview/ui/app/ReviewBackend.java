package dev.rustreview.ui.app;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.RefInfo;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.review.AcceptedChanges;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.review.SinceLastReview;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the window needs from an opened repository. Methods do I/O: call them off the FX thread. */
public interface ReviewBackend extends AutoCloseable {

    /** Opens the request's repository, or the bundled sample; does I/O, so call it off the FX thread. */
    static ReviewBackend open(OpenRequest request, dev.rustreview.settings.AppDirs dirs) {
        return RepositorySession.open(request, dirs);
    }

    /**
     * The review of the analysed branch, loaded from the repository (or new), on its current round;
     * {@code warnings} are problems that did not stop it (a team mute list that cannot be read).
     */
    record OpenedReview(ReviewSession session, ReviewStore store, java.util.List<String> warnings) {
        public OpenedReview {
            warnings = java.util.List.copyOf(warnings);
        }

        public OpenedReview(ReviewSession session, ReviewStore store) {
            this(session, store, java.util.List.of());
        }
    }

    /** What was asked for, so the window can reopen the same repository at other revisions. */
    OpenRequest request();

    /** A short name for the title bar ({@code backup-service}). */
    String name();

    /** The branch as a pull request shows it (merge-base to head). */
    ChangeSet branch();

    /**
     * One file of the branch diff without the size limit (the reviewer asked to see an over-size file anyway);
     * still refused beyond a hard cap that keeps the window's memory safe.
     */
    dev.rustreview.model.FileChange fullFile(String path);

    /**
     * The text of {@code path} at {@code commitId}, read from git objects (for more context around a hunk and the
     * whole-file view); empty when it is not there or not text.
     */
    default java.util.Optional<String> textAt(String commitId, String path) {
        return java.util.Optional.empty();
    }

    /** The diff of one commit of the branch against its first parent. */
    ChangeSet commit(String commitId);

    /**
     * Analyses the branch (categories, findings, provenance); slow, so it reports progress per file and
     * stops with a {@link java.util.concurrent.CancellationException} once {@code cancelled} turns true.
     */
    ChangeAnalysis analyze(ChangeAnalyzer.Listener progress, BooleanSupplier cancelled);

    /**
     * Loads the review (the request's review id, else the head branch's) and opens it on {@code analysis}: a moved
     * head starts a new round. An unreadable review file is moved aside and reported as a
     * {@link dev.rustreview.review.ReviewFileException}.
     */
    OpenedReview openReview(ChangeAnalysis analysis);

    /**
     * Opens the review's backup (the version before its last save) on {@code analysis}, after
     * {@link #openReview} found the file unreadable and moved it aside.
     */
    OpenedReview openReviewBackup(ChangeAnalysis analysis);

    /**
     * Throws {@link dev.rustreview.model.BadInputException} (with "did you mean") when {@code spec} names no commit of
     * the repository; does git I/O, so call it off the FX thread.
     */
    void checkRevision(String spec);

    /**
     * A file an editor can open showing {@code path} as the review shows it on {@code side}: the working tree's
     * file when the checkout is at the reviewed head (new side), else a read-only temporary copy of that version
     * (bare repositories, another checkout, the old side). Empty when the version has no such file. Does I/O.
     */
    java.util.Optional<java.nio.file.Path> fileForEditor(String path, dev.rustreview.model.Side side);

    /** Whether the branch {@code headName} has a saved review of its own (a file exists for its id). */
    boolean hasReview(String headName);

    /** What the agent changed between the review's last two rounds. */
    SinceLastReview sinceLast(Review review);

    /**
     * Unit {@code now} as the reviewer last decided it against how it is now, as a one-hunk file for the diff view
     * ("since my last review"); {@code earlier} is taken on the FX thread with
     * {@link dev.rustreview.review.HunkInterdiff#earlier}.
     */
    dev.rustreview.model.FileChange sinceLastUnit(dev.rustreview.review.HunkInterdiff.Earlier earlier,
                                                  dev.rustreview.review.HunkIndex.Entry now);

    /** Branches, remote branches and tags, for the base and head pickers. */
    List<RefInfo> refs();

    /**
     * Writes {@code branch} holding exactly the accepted hunks on the merge-base; returns the commit id. Prepare
     * on the FX thread ({@link AcceptedChanges#prepare}), which owns the review.
     */
    String writeAcceptedBranch(AcceptedChanges.Prepared accepted, String branch);

    /**
     * Adds a note on {@code headCommit} under refs/notes/rust-review with the review's records (take them on the
     * FX thread with {@link dev.rustreview.export.NotesRecords#lines}); returns the notes commit.
     */
    String writeNotes(String headCommit, List<String> records);

    /** The repository's work tree, where "Mute for the repository" writes {@code .rust-review.json}; empty when bare. */
    default java.util.Optional<java.nio.file.Path> workTree() {
        return java.util.Optional.empty();
    }

    /**
     * The compiler check of the branch: the stored result for this head and toolchain, else a sandboxed build of
     * head and merge-base (slow; reports steps, stops when {@code cancellation} is cancelled).
     */
    default dev.rustreview.check.CompilerChecker.Outcome compilerCheck(List<dev.rustreview.model.Finding> ruleFindings,
            boolean rebuild, java.util.function.Consumer<String> progress, dev.rustreview.check.Cancellation cancellation) {
        throw new dev.rustreview.model.BadInputException("compiler checks are not available for this repository");
    }

    /** The compiler check stored for the branch's head (by the window or {@code rust-review check}), or null. */
    default dev.rustreview.model.CompilerCheck storedCompilerCheck() {
        return null;
    }

    /** The check a review round refers to by its stored file name (else the newest stored for the head); null for none. */
    default dev.rustreview.model.CompilerCheck storedCompilerCheck(String roundFile) {
        return storedCompilerCheck();
    }

    /** The repository's folder, which the first-run question names and the consent is kept for; null for none. */
    default java.nio.file.Path folder() {
        return null;
    }

    @Override
    void close();
}
