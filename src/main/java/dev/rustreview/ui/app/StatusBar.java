package dev.rustreview.ui.app;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: what is running (with a spinner), what is selected, and errors in words. */
public final class StatusBar extends HBox {

    private final Label message = new Label();
    private final Label selection = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();

    public StatusBar() {
        getStyleClass().add("status-bar");
        busy.setPrefSize(14, 14);
        busy.setMaxSize(14, 14);
        busy.setVisible(false);
        busy.setManaged(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        selection.getStyleClass().add("muted");
        getChildren().addAll(busy, message, grow, selection);
        setSpacing(8);
    }

    /** Shows work in progress. */
    public void running(String text) {
        message.getStyleClass().remove("error");
        message.setText(text);
        busy.setVisible(true);
        busy.setManaged(true);
    }

    /** Shows a finished state. */
    public void idle(String text) {
        message.getStyleClass().remove("error");
        message.setText(text);
        busy.setVisible(false);
        busy.setManaged(false);
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

    public String messageText() {
        return message.getText();
    }
}
