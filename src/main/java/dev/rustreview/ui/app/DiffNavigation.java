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
    /** The unit shown as "since my last review" instead of its file, null when the file's diff is shown. */
    private HunkRef sinceShown;
    /** Set while a new analysis selects its first unit: that must not pull the reviewer out of a commit's diff. */
    private boolean arriving;
    private final javafx.beans.property.BooleanProperty sinceLastMode = new javafx.beans.property.SimpleBooleanProperty(true);

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
        if (file == null || (sinceShown != null && sinceShown.path().equals(file.path()))) {
            return;
        }
        long generation = fileGeneration.incrementAndGet();
        status.selection(file.path());
        // Findings and stripes refer to the branch's lines: a single commit's diff is shown plain.
        ChangeAnalysis known = model.shownProperty().get() == model.branchProperty().get() ? w.shownAnalysis() : null;
        boolean splitMode = diff.splitProperty().get();
        boolean ignoreWs = diff.ignoreWhitespaceProperty().get();
        int extra = diff.extraContextFor(file.path());
        ReviewBackend backend = w.backend();
        String at = model.shownProperty().get() == null ? null : model.shownProperty().get().toId();
        w.async().run(() -> {
            // More context, or the whole file: the head's text of the file, read off the FX thread.
            String text = extra > 0 && backend != null && at != null && file.newPath() != null
                    ? backend.textAt(at, file.newPath()).orElse(null) : null;
            return PreparedDiff.of(file, known, splitMode, ignoreWs, text, extra);
        }, prepared -> {
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

    /** Paints the shown file again (new findings arrived), unless a unit's "since last review" view is shown. */
    void repaintFile() {
        if (sinceShown == null) {
            showFile(model.selectedFileProperty().get());
        }
    }

    /**
     * The {@code f} key: the next finding the navigator's filter shows (the next one in this unit first), its unit
     * selected and its first line scrolled into view.
     */
    java.util.Optional<dev.rustreview.model.Finding> nextFinding() {
        var next = navigator.nextFinding();
        next.ifPresent(f -> status.selection(f.path() + ":" + f.startLine() + "  " + f.ruleId() + " " + f.title()));
        next.ifPresent(this::showFinding);
        if (next.isEmpty() && navigator.analysisProperty().get() != null) {
            var min = navigator.noise().minimumProperty().get();
            status.idle("No finding to visit" + (min == null ? "" : " at " + min.label() + " or above")
                    + (navigator.noise().mutesProperty().get().rules().isEmpty() ? "" : " outside the muted rules"));
        }
        return next;
    }

    /** Scrolls the diff to a finding of the selected unit (clicked in the inspector, or reached with {@code f}). */
    void showFinding(dev.rustreview.model.Finding finding) {
        pendingFinding = finding;
        if (sinceShown != null) {
            status.idle("The diff shows your last review's version: press v for the branch diff, where "
                    + finding.ruleId() + " is on line " + finding.startLine());
            return;
        }
        if (finding.path().equals(diff.current().path())) {
            diff.showLine(finding.side(), finding.startLine());
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
            if (arriving) {
                return; // shown once the reviewer goes back to the whole branch
            }
            w.changesPane().commitList().getSelectionModel().selectFirst();
        }
        FileChange file = model.files().stream().filter(f -> f.path().equals(ref.path())).findFirst().orElse(null);
        if (file == null) {
            return;
        }
        String item = navigator.entry(ref).map(e -> e.hunk().item()).orElse(null);
        status.selection(ref.path() + "  " + (item != null ? item : "hunk " + (ref.index() + 1)));
        boolean wasSince = sinceShown != null;
        sinceShown = null;
        if (sinceLastMode.get() && showSinceLast(ref, file)) {
            return;
        }
        if (wasSince) {
            if (!status.showsError()) {
                status.idle(""); // its "lines changed by the agent" line described the view that is going
            }
            showFile(file); // the diff shows a since-last view: bring the file back, then scroll to the unit
            if (model.selectedFileProperty().get() != file) {
                model.selectFile(file);
            }
            return;
        }
        if (model.selectedFileProperty().get() == file && ref.path().equals(diff.current().path())) {
            diff.showHunk(ref.index());
        } else {
            model.selectFile(file);
        }
    }

    /**
     * Shows the unit as "since my last review" when the agent changed it after the reviewer decided (or annotated)
     * it in an earlier round; returns false when that does not apply (the file's diff is shown instead).
     */
    private boolean showSinceLast(HunkRef ref, FileChange file) {
        var session = w.review().sessionProperty().get();
        var entry = navigator.entry(ref).orElse(null);
        if (session == null || entry == null || entry.analysis() == null || session.review().currentRound() < 2
                || !session.review().changedSince().containsKey(entry.analysis().id())) {
            return false;
        }
        var now = session.index().entry(entry.analysis().id()).orElse(null);
        var earlier = dev.rustreview.review.HunkInterdiff.earlier(session.review(), entry.analysis().id()).orElse(null);
        ReviewBackend current = w.backend();
        if (now == null || earlier == null || current == null) {
            return false;
        }
        sinceShown = ref;
        if (model.selectedFileProperty().get() != file) {
            model.selectFile(file); // showFile skips it while the since-last view is on
        }
        long generation = fileGeneration.incrementAndGet();
        boolean splitMode = diff.splitProperty().get();
        boolean ignoreWs = diff.ignoreWhitespaceProperty().get();
        status.running("Comparing " + (entry.hunk().item() == null ? "the unit" : entry.hunk().item())
                + " with your last review\u2026");
        w.async().run(() -> current.sinceLastUnit(earlier, now), view -> {
            if (generation != fileGeneration.get() || !ref.equals(sinceShown)) {
                return;
            }
            w.async().run(() -> PreparedDiff.of(view, null, splitMode, ignoreWs), prepared -> {
                if (generation == fileGeneration.get() && ref.equals(sinceShown)) {
                    diff.show(prepared);
                    // The file's unit badges and line notes belong to the branch diff, not to this comparison.
                    diff.setHunkBadges(java.util.Map.of());
                    diff.setLineNotes(java.util.List.of());
                    diff.setThreads(java.util.List.of());
                    status.idle("Since your review in round " + earlier.round() + ": "
                            + dev.rustreview.review.SinceLastUnit.changedLines(view)
                            + " lines changed by the agent (v shows the branch diff)");
                }
            });
        });
        return true;
    }

    /** Whether a unit the agent changed since the reviewer's decision shows as "since my last review" (v toggles). */
    javafx.beans.property.BooleanProperty sinceLastModeProperty() {
        return sinceLastMode;
    }

    /** Runs {@code show} (a new analysis selecting its first unit) without leaving a commit the reviewer is reading. */
    void arriving(Runnable show) {
        arriving = true;
        try {
            show.run();
        } finally {
            arriving = false;
        }
    }

    /** Whether the diff shows a since-last view now (not the file's diff). */
    boolean showingSinceLast() {
        return sinceShown != null;
    }

    /** The v key: switches between "since my last review" and the branch diff for the selected unit. */
    void toggleSinceLast() {
        sinceLastMode.set(!sinceLastMode.get());
        goToHunk(navigator.selectedProperty().get());
    }

    void paintReviewMarks() {
        if (sinceShown != null) {
            return; // the since-last view has its own single hunk; the file's unit badges do not fit it
        }
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
        boolean ignoreWs = diff.ignoreWhitespaceProperty().get();
        w.async().run(() -> current.fullFile(path), file -> {
            if (w.backend() == current && path.equals(diff.current().path())) {
                w.async().run(() -> PreparedDiff.of(file, null, splitMode, ignoreWs), prepared -> {
                    diff.show(prepared);
                    status.idle(path + ": " + file.hunks().size() + " hunks, shown in full (not analysed)");
                });
            }
        });
    }
}
