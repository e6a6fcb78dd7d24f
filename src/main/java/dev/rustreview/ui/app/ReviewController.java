package dev.rustreview.ui.app;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Severity;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewFileException;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.SinceLastReview;
import dev.rustreview.ui.fx.Async;
import dev.rustreview.ui.fx.Windows;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavNode;
import dev.rustreview.ui.navigator.NavigatorModel;
import dev.rustreview.ui.navigator.ReviewStatus;
import dev.rustreview.ui.review.ReviewModel;
import dev.rustreview.ui.rounds.RoundBanner;
import dev.rustreview.ui.rounds.RoundSummary;
import dev.rustreview.ui.rounds.SinceLastView;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Connects the review to the window: opens it once the analysis is there (a moved head starts a round and
 * shows the banner), feeds decisions to the navigator, and runs the decisions made on groups with their
 * confirmation. The commands themselves live in {@link ReviewModel}.
 */
final class ReviewController {

    private final ReviewModel model;
    private final NavigatorModel navigator;
    private final StatusBar status;
    private final RoundBanner banner;
    private final Async async;
    private final java.util.function.Supplier<Window> owner;
    private final java.util.List<String> stylesheets;
    private ReviewBackend backend;
    private SinceLastReview sinceLast;
    /** The summary of changes since the last review; hidden, not dropped, so Ctrl+R reopens it where it was. */
    private Stage summary;
    private java.util.function.Consumer<SinceLastView.Row> onOpenEntry = row -> { };

    ReviewController(Async async, NavigatorModel navigator, StatusBar status, RoundBanner banner,
                     java.util.function.Supplier<Window> owner, java.util.List<String> stylesheets) {
        this.async = async;
        this.navigator = navigator;
        this.status = status;
        this.banner = banner;
        this.owner = owner;
        this.stylesheets = stylesheets;
        this.model = new ReviewModel(async.executors().background(), async.executors().fx(),
                ReviewController::later, status::error);
        navigator.setStatus(new ReviewStatus() {
            @Override
            public DecisionState state(HunkEntry hunk) {
                return hunk.analysis() == null ? DecisionState.UNREVIEWED : model.state(hunk.analysis().id());
            }

            @Override
            public boolean changed(HunkEntry hunk) {
                return hunk.analysis() != null && model.changedSince(hunk.analysis().id()).isPresent();
            }
        });
        model.versionProperty().addListener((obs, o, n) -> {
            var mutes = model.mutes();
            boolean rebuilt = false;
            if (!mutes.rules().equals(navigator.noise().mutesProperty().get().rules())) {
                navigator.noise().mutesProperty().set(mutes); // rebuilds the tree
                rebuilt = true;
            }
            // The marks rebuild the tree when they changed; otherwise decisions alone need a refresh.
            if (!navigator.marks().update(model.unchangedUnits(), model.viewedPaths(),
                    Math.max(0, model.currentRound() - 1)) && !rebuilt) {
                navigator.refresh();
            }
        });
        navigator.marks().setOnViewed((path, viewed) -> {
            if (model.setViewed(path, viewed)) {
                status.idle(path + (viewed ? " marked as viewed" : ": viewed mark cleared"));
            }
        });
        // The setting "next after deciding": a decision on the selected unit moves on to the next undecided one.
        model.setOnDecided(id -> navigator.entry(navigator.selectedProperty().get())
                .filter(e -> e.analysis() != null && e.analysis().id().equals(id))
                .ifPresent(e -> navigator.decided(e.ref())));
    }

    private static void later(Runnable onFx, long millis) {
        PauseTransition wait = new PauseTransition(Duration.millis(millis));
        wait.setOnFinished(e -> onFx.run());
        wait.play();
    }

    private CompletableFuture<Boolean> previousSaved = CompletableFuture.completedFuture(true);

    ReviewModel model() {
        return model;
    }

    /** A new repository or head is open: the previous review is saved and closed until the analysis is there. */
    void closeReview(ReviewBackend next) {
        // Written on the io thread; the next review is read only after it (the same file may open again).
        previousSaved = model.detach();
        backend = next;
        sinceLast = null;
        if (summary != null) {
            summary.close(); // it described the previous branch
            summary = null;
        }
        banner.hide();
    }

    /** Opens the review of {@code analysis}'s branch off the FX thread; an unreadable file is set aside, not fatal. */
    void analysisReady(ReviewBackend opened, ChangeAnalysis analysis) {
        CompletableFuture<Boolean> saved = previousSaved;
        async.run(() -> {
            saved.exceptionally(e -> false).join();
            try {
                return new Opening(opened.openReview(analysis), null);
            } catch (ReviewFileException unreadable) {
                // Moved aside by the store. Resume from the backup (the version before the last save) when there
                // is one, else start fresh; either way say what happened and where the unreadable file is.
                String aside = unreadable.movedTo().getFileName().toString();
                if (unreadable.backupAvailable()) {
                    return new Opening(opened.openReviewBackup(analysis), "The review file was unreadable (kept as "
                            + aside + "): resumed from its backup, the version before your last save");
                }
                return new Opening(opened.openReview(analysis), "The review file was unreadable (kept as " + aside
                        + ") and has no backup: a fresh review started");
            }
        }, opening -> {
            if (backend != opened) {
                return; // another repository was opened meanwhile
            }
            model.attach(opening.review().session(), opening.review().store());
            if (opening.warning() != null) {
                status.error(opening.warning());
                banner.show(opening.warning(), null);
            } else {
                // The same one line the command line prints; the review opens all the same.
                opening.review().warnings().stream().findFirst().ifPresent(w -> status.error("Warning: " + w));
                announceRound(opened, opening.review().session());
            }
        });
    }

    /** The banner over a head an earlier round reviewed (the reviewer went back from a later head). */
    static String earlierHeadText(dev.rustreview.review.Round earlier, Review review) {
        var last = review.lastRound().orElseThrow();
        return "You are looking at round " + earlier.number() + "'s head (" + shortId(earlier.headCommitId())
                + "), older than this review's round " + last.number() + " (" + shortId(last.headCommitId())
                + "): no new round was started; pick " + last.headRef() + " to continue reviewing";
    }

    private static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(7, id.length()));
    }

    private record Opening(ReviewBackend.OpenedReview review, String warning) {
    }

    private void announceRound(ReviewBackend opened, ReviewSession session) {
        Review review = session.review();
        var earlier = session.earlierRoundShown();
        if (earlier.isPresent()) {
            // Looking back at a head already reviewed: say so, and that nothing moved on.
            banner.show(earlierHeadText(earlier.get(), review), null);
            return;
        }
        if (!session.startedNewRound() || review.currentRound() < 2) {
            return;
        }
        int round = review.currentRound();
        int outdated = (int) review.outdatedDecisions().stream().filter(o -> o.sinceRound() == round).count();
        async.run(() -> opened.sinceLast(review), since -> {
            if (backend == opened) {
                sinceLast = since;
                banner.show(RoundSummary.of(since, outdated).text(), this::showSinceLast);
            }
        });
    }

    /** Opens "changes since last review" in its own window; says why when there is no earlier round. */
    void showSinceLast() {
        if (sinceLast == null) {
            status.error(model.currentRound() < 2 ? "This is the review's first round: there is no earlier review "
                    + "to compare with" : "The changes since the last review are still being computed");
            return;
        }
        if (summary != null) {
            summary.show(); // one summary: Ctrl+R brings it back, scrolled where the reviewer left it
            summary.toFront();
            summary.requestFocus();
            return;
        }
        Stage stage = new Stage();
        Windows.own(stage, owner.get());
        stage.setTitle("Changes since round " + sinceLast.from().number());
        SinceLastView view = new SinceLastView(sinceLast);
        // An entry opens in the main diff and the summary steps aside, so what it opened is in view and the keys
        // (a, x, v, n) work there at once.
        view.setOpener(row -> {
            stage.hide();
            Window main = owner.get();
            if (main != null) {
                main.requestFocus();
            }
            onOpenEntry.accept(row);
        });
        Scene scene = new Scene(view, 900, 640);
        scene.getStylesheets().addAll(stylesheets);
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            }
        });
        stage.setScene(scene);
        summary = stage;
        stage.show();
    }

    /** What opening an entry of the summary does in the main window (show the unit, file or commit). */
    void setOnOpenEntry(java.util.function.Consumer<SinceLastView.Row> value) {
        onOpenEntry = value;
    }

    /**
     * Decides every hunk below a navigator node. Accepting skips hunks with high or critical findings and asks
     * about them; rejecting asks for the reason the agent will read.
     */
    void decideGroup(NavNode node, DecisionState state) {
        List<HunkRef> refs = NavigatorModel.hunksUnder(node);
        List<String> ids = refs.stream().map(navigator::entry).flatMap(Optional::stream)
                .filter(e -> e.analysis() != null).map(e -> e.analysis().id()).toList();
        if (ids.isEmpty()) {
            status.error("Nothing to decide in " + node.label() + ": its hunks were not analysed");
            return;
        }
        String reason = null;
        if (state == DecisionState.REJECTED) {
            reason = askReason(node.label(), ids.size()).orElse(null);
            if (reason == null) {
                return;
            }
        }
        var result = model.decideAll(ids, state, reason, false);
        if (result.isEmpty()) {
            return;
        }
        int decided = result.get().decided().size();
        List<String> risky = result.get().skippedHighRisk();
        if (!risky.isEmpty() && confirmRisky(risky.size())) {
            decided += model.decideAll(risky, state, null, true).map(r -> r.decided().size()).orElse(0);
            risky = List.of();
        }
        status.idle(HunkCommands.done(state) + ": " + decided
                + " unit" + (decided == 1 ? "" : "s") + " in " + node.label()
                + (risky.isEmpty() ? "" : "; " + risky.size() + " with high or critical findings left for a closer look"));
    }

    private Optional<String> askReason(String group, int hunks) {
        TextInputDialog dialog = new TextInputDialog();
        Windows.own(dialog, owner.get());
        dialog.setTitle("Reject " + hunks + " units");
        dialog.setHeaderText("Reject all units in " + group + "?");
        dialog.setContentText("Reason the agent can act on:");
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    private boolean confirmRisky(int count) {
        ButtonType acceptToo = new ButtonType("Accept them too", ButtonBar.ButtonData.OK_DONE);
        ButtonType leave = new ButtonType("Leave them for review", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, count + (count == 1 ? " unit has" : " units have")
                + " " + Severity.HIGH.label() + " or critical findings. Accept without reading "
                + (count == 1 ? "it" : "them") + "?", acceptToo, leave);
        Windows.own(alert, owner.get());
        alert.setHeaderText("Accept units with serious findings?");
        return alert.showAndWait().filter(b -> b == acceptToo).isPresent();
    }

    /** Saves on the io thread (the window is closing); completes on the FX thread with whether it saved. */
    CompletableFuture<Boolean> flushInBackground() {
        return model.flushInBackground();
    }

    /** Saves now on the calling thread: the last resort when the window closes without the background save. */
    void flush() {
        model.flush();
    }
}
