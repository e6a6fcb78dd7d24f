package dev.rustreview.ui.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: what is running (with a spinner or progress and Cancel), what is selected, and errors in words. */
public final class StatusBar extends HBox {

    private final Label message = new Label();
    private final Label selection = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");

    public StatusBar() {
        getStyleClass().add("status-bar");
        busy.setPrefSize(14, 14);
        busy.setMaxSize(14, 14);
        progress.setPrefWidth(160);
        cancel.getStyleClass().addAll("small", "cancel-button");
        show(busy, false);
        show(progress, false);
        show(cancel, false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        selection.getStyleClass().add("muted");
        getChildren().addAll(busy, message, progress, cancel, grow, selection);
        setSpacing(8);
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** Shows work in progress. */
    public void running(String text) {
        message.getStyleClass().remove("error");
        message.setText(text);
        show(busy, true);
    }

    /**
     * Shows long work with a fraction done (negative: not known yet) and a Cancel button that runs
     * {@code onCancel}; the bar stays until {@link #idle} or {@link #error} is called.
     */
    public void progress(String text, double fraction, Runnable onCancel) {
        message.getStyleClass().remove("error");
        message.setText(text);
        show(busy, false);
        show(progress, true);
        progress.setProgress(fraction);
        cancel.setOnAction(e -> onCancel.run());
        show(cancel, true);
    }

    /** Shows a finished state. */
    public void idle(String text) {
        message.getStyleClass().remove("error");
        message.setText(text);
        show(busy, false);
        show(progress, false);
        show(cancel, false);
        cancel.setOnAction(null);
    }

    /** Shows an error as one line of words (never a trace). */
    public void error(String text) {
        idle(text);
        if (!message.getStyleClass().contains("error")) {
            message.getStyleClass().add("error");
        }
    }

    public void selection(String text) {
        selection.setText(text);
    }

    /** Whether the message is an error the reviewer has not yet replaced with new work. */
    public boolean showsError() {
        return message.getStyleClass().contains("error");
    }

    public String selectionText() {
        return selection.getText();
    }

    public String messageText() {
        return message.getText();
    }

    /** The Cancel button of running work, for tests; hidden when nothing can be cancelled. */
    public Button cancelButton() {
        return cancel;
    }
}
