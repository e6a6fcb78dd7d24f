package dev.rustreview.ui.inspector;

import dev.rustreview.model.Side;
import dev.rustreview.review.AnnotationKind;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Writes one annotation: a kind (issue, suggestion, question, note, praise), Markdown text with a live preview,
 * and for a line range an optional suggested replacement. Ctrl+Enter saves, Escape cancels. The editor itself
 * does not talk to the review: {@link Target} says what it comments on and the {@link Saver} records it.
 */
public final class AnnotationEditor extends VBox {

    /** What the annotation is on: lines {@code startLine..endLine} of {@code path} on {@code side}, or the whole file. */
    public record Target(String path, Side side, int startLine, int endLine) {

        public static Target file(String path) {
            return new Target(path, null, 0, 0);
        }

        public boolean wholeFile() {
            return side == null;
        }

        /** "Comment on new lines 225–227 of src/x.rs", "Comment on new line 4 of …", "Comment on file src/x.rs". */
        public String describe() {
            if (wholeFile()) {
                return "Comment on file " + path;
            }
            String s = side.name().toLowerCase(Locale.ROOT);
            return "Comment on " + s + (endLine > startLine ? " lines " + startLine + "\u2013" + endLine : " line " + startLine)
                    + " of " + path;
        }
    }

    /** Records the annotation; returns false (having reported why) to keep the editor open. */
    public interface Saver {
        boolean save(Target target, AnnotationKind kind, String text, String suggestion);
    }

    private final Target target;
    private final Saver saver;
    private final Runnable onClose;
    private final ToggleGroup kinds = new ToggleGroup();
    private final TextArea text = new TextArea();
    private final TextArea suggestion = new TextArea();
    private final ToggleButton previewToggle = new ToggleButton("Preview");
    private final VBox preview = new VBox();
    private final Consumer<String> openLink;

    /** {@code onClose} runs after a save or a cancel, to put focus back. */
    public AnnotationEditor(Target target, Saver saver, Runnable onClose, Consumer<String> openLink) {
        super(6);
        this.target = target;
        this.saver = saver;
        this.onClose = onClose;
        this.openLink = openLink;
        getStyleClass().add("annotation-editor");
        Label header = new Label(target.describe());
        header.getStyleClass().add("annotation-editor-title");
        header.setWrapText(true);
        header.setMinHeight(Region.USE_PREF_SIZE);

        // Wraps rather than cutting the kinds to "…" when the inspector is narrow.
        javafx.scene.layout.FlowPane kindRow = new javafx.scene.layout.FlowPane(4, 4);
        kindRow.getStyleClass().add("annotation-kinds");
        kindRow.setAlignment(Pos.CENTER_LEFT);
        for (AnnotationKind k : AnnotationKind.values()) {
            ToggleButton b = new ToggleButton(k.label());
            b.setUserData(k);
            b.setToggleGroup(kinds);
            b.getStyleClass().addAll("kind-toggle", "kind-" + k.label());
            b.setFocusTraversable(false);
            b.setMinWidth(Region.USE_PREF_SIZE);
            kindRow.getChildren().add(b);
        }
        // Always one kind selected: clicking the selected one again keeps it.
        kinds.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null && o != null) {
                kinds.selectToggle(o);
            }
        });
        kinds.selectToggle((ToggleButton) kindRow.getChildren()
                .get(target.wholeFile() ? AnnotationKind.NOTE.ordinal() : AnnotationKind.ISSUE.ordinal()));

        text.setPromptText("Markdown: **bold**, *emphasis*, `code`, lists, ```fenced code```");
        text.setWrapText(true);
        text.setPrefRowCount(5);
        text.getStyleClass().add("annotation-text");

        suggestion.setPromptText("Suggested replacement code (optional)");
        suggestion.setPrefRowCount(3);
        suggestion.getStyleClass().add("annotation-suggestion");
        suggestion.setVisible(!target.wholeFile());
        suggestion.setManaged(!target.wholeFile());

        preview.getStyleClass().add("annotation-preview");
        previewToggle.setSelected(true);
        previewToggle.setFocusTraversable(false);
        preview.visibleProperty().bind(previewToggle.selectedProperty().and(text.textProperty().isNotEmpty()));
        preview.managedProperty().bind(preview.visibleProperty());
        text.textProperty().addListener((obs, o, n) -> renderPreview());

        Button save = new Button("Save");
        save.getStyleClass().addAll("accent", "annotation-save");
        save.setOnAction(e -> save());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("annotation-cancel");
        cancel.setOnAction(e -> cancel());
        Label hint = new Label("Ctrl+Enter saves \u00b7 Esc cancels");
        hint.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        save.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        previewToggle.setMinWidth(Region.USE_PREF_SIZE);
        // On its own line: cut to "Ctrl+E…" beside the buttons it read as another shortcut (Ctrl+E exports).
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(6, save, cancel, spacer, previewToggle);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, kindRow, text, preview, suggestion, buttons, hint);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                save();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                cancel();
            }
        });
    }

    private void renderPreview() {
        preview.getChildren().setAll(MarkdownNodes.render(text.getText(), openLink));
    }

    public Target target() {
        return target;
    }

    public TextArea textArea() {
        return text;
    }

    public TextArea suggestionArea() {
        return suggestion;
    }

    public AnnotationKind kind() {
        return (AnnotationKind) kinds.getSelectedToggle().getUserData();
    }

    public void setKind(AnnotationKind kind) {
        kinds.getToggles().stream().filter(t -> t.getUserData() == kind).findFirst().ifPresent(kinds::selectToggle);
    }

    /** Puts the caret in the text area. */
    public void focusText() {
        text.requestFocus();
    }

    /** Saves through the saver; closes only when it was recorded. Returns whether it was. */
    public boolean save() {
        if (!saver.save(target, kind(), text.getText(), target.wholeFile() ? null : suggestion.getText())) {
            text.requestFocus();
            return false;
        }
        onClose.run();
        return true;
    }

    public void cancel() {
        onClose.run();
    }
}
