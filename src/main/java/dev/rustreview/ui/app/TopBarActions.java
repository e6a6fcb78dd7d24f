package dev.rustreview.ui.app;

import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.exporting.ApplyAcceptedDialog;
import dev.rustreview.ui.exporting.ExportDialog;
import dev.rustreview.ui.exporting.Report;
import dev.rustreview.ui.topbar.TopBar;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * What the top bar's buttons do in the window: open folders and the sample, reopen at other revisions (asking
 * whether a new head continues the current review as its next round), the theme, and the two dialogs.
 */
final class TopBarActions implements TopBar.Actions {

    private final MainWindow window;

    TopBarActions(MainWindow window) {
        this.window = window;
    }

    @Override
    public void openFolder(Path dir) {
        window.open(new OpenRequest(dir, null, null));
    }

    @Override
    public void openSample() {
        window.open(OpenRequest.sample());
    }

    @Override
    public void changeRevisions(String base, String head) {
        ReviewBackend backend = window.backend();
        ReviewSession session = window.review().sessionProperty().get();
        if (backend == null) {
            return;
        }
        String currentHead = RepositorySession.headName(backend.branch());
        if (session == null || head.equals(currentHead)) {
            window.openRevisions(base, head, false);
            return;
        }
        // Another head: the agent's rewritten branch (continue this review) or a different branch (its own review).
        // A head that does not resolve fails here, in one line, before the question is asked.
        window.async().run(() -> {
            backend.checkRevision(head);
            return backend.hasReview(head);
        }, own -> {
            if (own) {
                window.openRevisions(base, head, false);
            } else {
                window.openRevisions(base, head, askContinue(session.review().id(), head));
            }
        });
    }

    private boolean askContinue(String reviewId, String head) {
        ButtonType follow = new ButtonType("Continue this review", ButtonBar.ButtonData.YES);
        ButtonType fresh = new ButtonType("Start a new review", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "If " + head + " is the agent's new version of the "
                + "branch, continue review " + reviewId + " on it: unchanged hunks keep your decisions and the "
                + "changes since your last review are shown. Otherwise start a new review for " + head + ".",
                follow, fresh);
        ask.setHeaderText("Open " + head);
        if (window.getScene() != null) {
            dev.rustreview.ui.fx.Windows.own(ask, window.getScene().getWindow());
        }
        return ask.showAndWait().filter(b -> b == follow).isPresent();
    }

    @Override
    public void toggleTheme() {
        window.theme().toggle();
    }

    @Override
    public void export() {
        ReviewSession session = requireReview();
        if (session != null) {
            ReviewBackend backend = window.backend();
            // The stored compiler check is read off the FX thread; the exports carry it when one ran.
            window.async().run(backend::storedCompilerCheck, check -> {
                if (window.backend() == backend && window.review().sessionProperty().get() == session) {
                    new ExportDialog(session, window.exportFolder(), backend::writeNotes,
                            window.async().executors().background(), window.async().executors().fx(), report())
                            .withCompilerCheck(check).show(window.getScene().getWindow());
                }
            });
        }
    }

    @Override
    public void applyAccepted() {
        ReviewSession session = requireReview();
        if (session != null) {
            new ApplyAcceptedDialog(session, window.backend()::writeAcceptedBranch,
                    window.async().executors().background(), window.async().executors().fx(), report())
                    .show(window.getScene().getWindow());
        }
    }

    @Override
    public void runCompilerChecks() {
        window.runCompilerChecks();
    }

    private ReviewSession requireReview() {
        ReviewSession session = window.review().sessionProperty().get();
        if (session == null || window.backend() == null) {
            window.statusBar().error("No review is open yet: wait for the analysis to finish");
            return null;
        }
        return session;
    }

    private Report report() {
        return new Report() {
            @Override
            public void done(String message) {
                window.statusBar().idle(message);
            }

            @Override
            public void failed(String message) {
                window.statusBar().error(message);
            }
        };
    }
}
