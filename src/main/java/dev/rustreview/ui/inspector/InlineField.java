package dev.rustreview.ui.inspector;

import dev.rustreview.review.DecisionState;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A one-line text field typed in place instead of a dialog: a reject reason under the decision bar, or an
 * acknowledgement or dismissal note in a finding card. Enter confirms and Escape cancels; a refused entry keeps
 * the field open with a one-line hint under it. The field outlives repaints (the same node is put in each new
 * card), so what is typed survives, and it remembers where the focus was so that closing it can put it back.
 */
final class InlineField {

    /** What Enter does with the text. */
    enum Kind { REJECT, ACKNOWLEDGE, DISMISS, PROBLEM }

    final Kind kind;
    final String hunkId;
    /** The finding a note is for; null for a reject reason. */
    final String findingId;
    final TextField field = new TextField();
    private final Label error = new Label();
    /** What had the focus before; it gets it back on close if still shown outside the content, else the opener does. */
    final Node returnFocus;

    InlineField(Kind kind, String hunkId, String findingId, Node returnFocus, Runnable confirm, Runnable cancel) {
        this.kind = kind;
        this.hunkId = hunkId;
        this.findingId = findingId;
        this.returnFocus = returnFocus;
        field.getStyleClass().add("inline-input");
        field.setId("inline-input");
        field.setPromptText(switch (kind) {
            case REJECT -> "Why reject? The agent reads this (required)";
            case ACKNOWLEDGE -> "Note (optional)";
            case DISMISS -> "Why is this a false positive? (required)";
            case PROBLEM -> "What should the agent do? (optional)";
        });
        error.getStyleClass().add("inline-error");
        showError(false);
        onEnterAndEscape(field, confirm, cancel);
    }

    /**
     * Enter runs {@code enter}; Escape runs {@code escape} and goes no further, so the window does not also treat
     * it as a shortcut. Shared with the reply boxes.
     */
    static void onEnterAndEscape(TextField f, Runnable enter, Runnable escape) {
        f.setOnAction(e -> enter.run());
        f.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                escape.run();
            }
        });
    }

    boolean is(Kind kind, String hunkId, String findingId) {
        return this.kind == kind && Objects.equals(this.hunkId, hunkId) && Objects.equals(this.findingId, findingId);
    }

    /** Whether this is the reject reason of hunk {@code hunkId}. */
    boolean rejects(String hunkId) {
        return kind == Kind.REJECT && this.hunkId.equals(hunkId);
    }

    /** The button that opened the field, which takes the focus when the field closes and nothing else can. */
    String openerKey() {
        return kind == Kind.REJECT ? "decide-" + DecisionState.REJECTED.label() : "ack-" + findingId;
    }

    /** The review did not record the text: says why in one line and keeps typing in the field. */
    void refused() {
        String text = field.getText();
        error.setText(text == null || text.isBlank() && kind != Kind.ACKNOWLEDGE && kind != Kind.PROBLEM
                ? "Not recorded: a reason is required." : "Not recorded: see the status bar.");
        showError(true);
        field.requestFocus();
    }

    /** The field in a row with its label, the refusal hint under it and the keys to use under that. */
    Node row(String label, String hint) {
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox row = new HBox(6, InspectorNodes.text(label, "inline-label"), field);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, row, error, InspectorNodes.text(hint, "muted"));
        box.getStyleClass().add("inline-row");
        return box;
    }

    private void showError(boolean show) {
        error.setVisible(show);
        error.setManaged(show);
    }
}
