package dev.rustreview.ui.diff;

import java.util.function.Predicate;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The reply box of a comment thread shown in the diff ({@code r} on the thread): over the diff's bottom edge,
 * so the thread stays in view above it; Ctrl+Enter sends, Escape cancels and gives the focus back to the diff.
 * Not a separate window: the reviewer keeps reading the code while typing.
 */
final class ThreadReplyBar extends VBox {

    private final Label about = new Label();
    private final TextArea text = new TextArea();
    private final Button send = new Button("Send reply");
    private final Runnable onClosed;
    private Predicate<String> sender = t -> false;

    ThreadReplyBar(Runnable onClosed) {
        this.onClosed = onClosed;
        getStyleClass().add("thread-reply-bar");
        setSpacing(6);
        setMaxHeight(USE_PREF_SIZE);
        about.getStyleClass().add("thread-reply-about");
        about.setMaxWidth(Double.MAX_VALUE);
        text.setPromptText("Your reply (Markdown). Ctrl+Enter sends, Esc cancels");
        text.setWrapText(true);
        text.setPrefRowCount(3);
        text.getStyleClass().add("thread-reply-text");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(text.textProperty().isEmpty());
        send.setOnAction(e -> send());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(6, gap, cancel, send);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(about, text, buttons);
        text.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                send();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        setVisible(false);
        setManaged(false);
    }

    /**
     * Opens the box for one thread; {@code send} records the reply and says whether it was (the box then closes;
     * else it stays with the text, so nothing typed is lost).
     */
    void open(String summary, Predicate<String> send) {
        sender = send;
        about.setText("Reply to: " + summary);
        text.clear();
        setVisible(true);
        setManaged(true);
        text.requestFocus();
    }

    private void send() {
        if (!text.getText().isBlank() && sender.test(text.getText())) {
            close();
        }
    }

    void close() {
        setVisible(false);
        setManaged(false);
        onClosed.run();
    }

    boolean isOpen() {
        return isVisible();
    }

    TextArea text() {
        return text;
    }
}
