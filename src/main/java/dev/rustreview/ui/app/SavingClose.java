package dev.rustreview.ui.app;

import dev.rustreview.ui.fx.Windows;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Closing the window without file I/O on the FX thread: the close request is held while the review and the
 * window state are written on a worker (the status bar says "Saving the review…"), and the window closes when
 * they are on disk. The wait is bounded: after {@code patience} the reviewer may close without saving, and a
 * failed save asks before the unsaved changes are lost instead of closing over them.
 */
final class SavingClose {

    /** How long closing waits for the save before offering to close without it. */
    static final Duration PATIENCE = Duration.seconds(10);

    /** The two questions closing may have to ask; alerts in the app, answers given by tests. */
    interface Questions {
        /** The save is still running after the patience ran out: true closes without waiting. */
        boolean closeWhileSaving();

        /** The save failed with {@code problem}: true closes anyway, false keeps the window open. */
        boolean closeAfterFailure(String problem);
    }

    private final Stage stage;
    private final Supplier<CompletableFuture<Boolean>> save;
    private final Supplier<String> problem;
    private final Duration patience;
    private final Questions questions;
    private boolean saving;
    private boolean closing;
    private boolean savedBeforeClose;

    SavingClose(Stage stage, Supplier<CompletableFuture<Boolean>> save, Supplier<String> problem, Duration patience,
                Questions questions) {
        this.stage = stage;
        this.save = save;
        this.problem = problem;
        this.patience = patience;
        this.questions = questions;
    }

    /** Holds every close request of the stage until the save is done. */
    void install() {
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, event -> {
            if (closing) {
                return;
            }
            event.consume();
            start();
        });
    }

    /** Whether the window closed after everything was written (then {@code stop()} has nothing left to save). */
    boolean savedBeforeClose() {
        return savedBeforeClose;
    }

    /** Whether the window is closing without its last changes (the reviewer chose so): nothing may write now. */
    boolean abandoned() {
        return closing && !savedBeforeClose;
    }

    private void start() {
        if (saving) {
            return; // a second click on the close button while saving: the first one is still being served
        }
        saving = true;
        PauseTransition slow = new PauseTransition(patience);
        slow.setOnFinished(e -> {
            if (saving && questions.closeWhileSaving() && saving) {
                close(false); // (the save may have finished while the question was open: then it closed already)
            }
        });
        slow.play();
        save.get().whenCompleteAsync((saved, error) -> {
            slow.stop();
            if (!saving) {
                return;
            }
            saving = false;
            if (error == null && Boolean.TRUE.equals(saved)) {
                close(true);
            } else if (questions.closeAfterFailure(problem.get())) {
                close(false);
            }
        }, Platform::runLater);
    }

    private void close(boolean saved) {
        saving = false;
        closing = true;
        savedBeforeClose = saved;
        stage.close();
    }

    /** The questions as alerts over the window. */
    static Questions alerts(Stage owner) {
        return new Questions() {
            @Override
            public boolean closeWhileSaving() {
                return ask(owner, "Still saving the review",
                        "Saving the review takes longer than " + (int) PATIENCE.toSeconds() + " s (a slow or full disk?). "
                                + "Closing now loses the changes since the last save.",
                        "Close without saving", "Keep waiting");
            }

            @Override
            public boolean closeAfterFailure(String problem) {
                return ask(owner, "The review was not saved",
                        (problem == null ? "The review could not be saved." : problem)
                                + " Closing now loses the changes since the last save.",
                        "Close without saving", "Stay open");
            }
        };
    }

    private static boolean ask(Stage owner, String header, String text, String close, String stay) {
        ButtonType closeButton = new ButtonType(close, ButtonBar.ButtonData.OK_DONE);
        ButtonType stayButton = new ButtonType(stay, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, text, closeButton, stayButton);
        Windows.own(alert, owner);
        alert.setHeaderText(header);
        return alert.showAndWait().filter(b -> b == closeButton).isPresent();
    }
}
