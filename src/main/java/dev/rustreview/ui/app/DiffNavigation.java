package dev.rustreview.ui.app;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.ui.changes.ChangesModel;
import dev.rustreview.ui.changes.CommitScope;
import dev.rustreview.ui.diff.DiffView;
import dev.rustreview.ui.diff.PreparedDiff;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which file and hunk the diff view shows: a commit or the whole branch, the selected file (prepared off the FX
 * thread; a newer selection always wins over a slower older one), the navigator's hunk or finding scrolled into
 * view once its file arrives, the review's marks, and an over-size file loaded on request.
 */
final class DiffNavigation {

    private final MainWindow w;
    private final ChangesModel model;
    private final NavigatorModel navigator;
    private final DiffView diff;
    private final StatusBar status;
    private final AtomicLong scopeGeneration = new AtomicLong();
    private final AtomicLong fileGeneration = new AtomicLong();
    private HunkRef pendingHunk;
    private dev.rustreview.model.Finding pendingFinding;

    DiffNavigation(MainWindow window) {
        this.w = window;
        this.model = window.model();
        this.navigator = window.navigator();
        this.diff = window.diffView();
        this.status = window.statusBar();
    }

    void showScope(CommitScope scope) {
        if (w.backend() == null) {
            return;
        }
        long generation = scopeGeneration.incrementAndGet();
        if (scope.wholeBranch()) {
            model.showScope(w.backend().branch());
            return;
        }
        ReviewBackend current = w.backend();
        status.running("Loading commit " + scope.commit().shortId() + "\u2026");
        w.async().run(() -> current.commit(scope.commit().id()), cs -> {
            if (generation == scopeGeneration.get()) {
                model.showScope(cs);
                status.idle("Commit " + scope.commit().shortId() + ": " + cs.files().size() + " files");
            }
        });
    }

    void showFile(FileChange file) {
        if (file == null) {
            return;
        }
        long generation = fileGeneration.incrementAndGet();
        status.selection(file.path());
        // Findings and stripes refer to the branch's lines: a single commit's diff is shown plain.
        ChangeAnalysis known = model.shownProperty().get() == model.branchProperty().get() ? w.analysisProperty().get() : null;
        boolean splitMode = diff.splitProperty().get();
        w.async().run(() -> PreparedDiff.of(file, known, splitMode), prepared -> {
            if (generation == fileGeneration.get()) {
                diff.show(prepared);
                paintReviewMarks();
                if (pendingHunk != null && pendingHunk.path().equals(file.path())) {
                    diff.showHunk(pendingHunk.index());
                }
                if (pendingFinding != null && pendingFinding.path().equals(file.path())) {
                    diff.showLine(pendingFinding.side(), pendingFinding.startLine());
                }
            }
        });
    }

    /** Moves to the next hunk with findings and scrolls its most severe finding's first line into view. */
    void nextFinding() {
        navigator.nextFinding();
        HunkRef ref = navigator.selectedProperty().get();
        pendingFinding = ref == null ? null : navigator.entry(ref).flatMap(e -> e.findings().stream()
                .min(java.util.Comparator.comparing(dev.rustreview.model.Finding::severity))).orElse(null);
        if (pendingFinding != null && pendingFinding.path().equals(diff.current().path())) {
            diff.showLine(pendingFinding.side(), pendingFinding.startLine());
        }
    }

    /** Shows a hunk of the branch diff: switches back to the whole branch if a commit is shown. */
    void goToHunk(HunkRef ref) {
        pendingHunk = ref;
        pendingFinding = null;
        if (ref == null || model.branchProperty().get() == null) {
            return;
        }
        if (model.shownProperty().get() != model.branchProperty().get()) {
            w.changesPane().commitList().getSelectionModel().selectFirst();
        }
        FileChange file = model.files().stream().filter(f -> f.path().equals(ref.path())).findFirst().orElse(null);
        if (file == null) {
            return;
        }
        status.selection(ref.path() + "  hunk " + (ref.index() + 1));
        if (model.selectedFileProperty().get() == file && ref.path().equals(diff.current().path())) {
            diff.showHunk(ref.index());
        } else {
            model.selectFile(file);
        }
    }

    void paintReviewMarks() {
        boolean branchShown = model.shownProperty().get() == model.branchProperty().get();
        HunkBadges.paint(diff, w.review(), navigator, branchShown);
    }

    // An over-size text file the reviewer asked to see: the branch diff again without the size limit, that file only.
    void showAnyway(String path) {
        ReviewBackend current = w.backend();
        if (current == null) {
            return;
        }
        status.running("Loading " + path + " in full\u2026");
        boolean splitMode = diff.splitProperty().get();
        w.async().run(() -> current.fullFile(path), file -> {
            if (w.backend() == current && path.equals(diff.current().path())) {
                w.async().run(() -> PreparedDiff.of(file, null, splitMode), prepared -> {
                    diff.show(prepared);
                    status.idle(path + ": " + file.hunks().size() + " hunks, shown in full (not analysed)");
                });
            }
        });
    }
}
