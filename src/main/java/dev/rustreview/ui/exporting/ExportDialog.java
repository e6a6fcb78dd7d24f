package dev.rustreview.ui.exporting;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.fx.ErrorText;
import dev.rustreview.ui.fx.Forms;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Export…: pick a format and a file (or, for Markdown, copy it to the clipboard; for git notes, no file). The
 * review is rendered on the FX thread when Export is pressed, the file or note is written on the background
 * executor ({@link Exporter}), and the outcome goes to {@link Report} on the FX thread. Create and use on the
 * FX thread.
 */
public final class ExportDialog {

    /** The Export button. */
    public static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);

    private final ReviewSession session;
    private final Path defaultFolder;
    private final Exporter exporter;
    private dev.rustreview.model.CompilerCheck compilerCheck;
    private final NotesWriter notes;
    private final Executor fx;
    private final Report report;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ComboBox<Exporter.Format> format = new ComboBox<>();
    private final TextField destination = new TextField();
    private final Button choose = new Button("Choose…");
    private final Button copy = new Button("Copy to clipboard");
    private final Label note = new Label();
    private final Label problem = new Label();
    private final javafx.scene.control.CheckBox unreviewed = new javafx.scene.control.CheckBox("Include unreviewed findings");

    /**
     * @param defaultFolder where files go unless the user picks another place
     * @param background    where files and git are written
     * @param fx            the FX thread, where the outcome is reported
     */
    public ExportDialog(ReviewSession session, Path defaultFolder, NotesWriter notes, Executor background, Executor fx,
                        Report report) {
        this.session = Objects.requireNonNull(session);
        this.defaultFolder = Objects.requireNonNull(defaultFolder);
        this.exporter = new Exporter(background);
        this.notes = Objects.requireNonNull(notes);
        this.fx = Objects.requireNonNull(fx);
        this.report = Objects.requireNonNull(report);

        dialog.setTitle("Export review");
        dialog.setHeaderText(null);
        dialog.setResizable(true);
        dialog.getDialogPane().getStyleClass().add("export-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(EXPORT, ButtonType.CANCEL);
        format.getItems().setAll(Exporter.Format.values());
        format.getSelectionModel().select(Exporter.Format.MARKDOWN);
        format.valueProperty().addListener((o, a, f) -> formatChanged(a, f));
        destination.setPrefColumnCount(36);
        destination.textProperty().addListener((o, a, t) -> validate());
        choose.setOnAction(e -> chooseFile());
        copy.setOnAction(e -> copyToClipboard());
        note.getStyleClass().add("export-note");
        Forms.wrapped(note);
        note.setMaxWidth(460);
        Forms.wrapped(problem);
        Forms.keepWidth(choose, copy, format);
        problem.getStyleClass().add("export-problem");

        GridPane grid = Forms.grid();
        grid.addRow(0, new Label("Format"), format);
        HBox file = new HBox(6, destination, choose);
        HBox.setHgrow(destination, Priority.ALWAYS);
        grid.addRow(1, new Label("Save to"), file);
        unreviewed.setTooltip(new javafx.scene.control.Tooltip(
                "Also list the high and critical findings nobody answered yet (rules not muted)"));
        grid.add(new HBox(12, copy, unreviewed), 1, 2);
        grid.add(note, 1, 3);
        grid.add(problem, 1, 4);
        dialog.getDialogPane().setContent(grid);

        Node ok = dialog.getDialogPane().lookupButton(EXPORT);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!validate()) {
                e.consume();
                return;
            }
            start();
        });
        formatChanged(null, Exporter.Format.MARKDOWN);
    }

    /** Shows the dialog (not blocking); the outcome arrives through {@link Report}. */
    public void show(Window owner) {
        Report.showOwned(dialog, owner);
    }

    /** The head's stored compiler check, carried by the Markdown, JSON and SARIF exports (null: none ran). */
    public ExportDialog withCompilerCheck(dev.rustreview.model.CompilerCheck check) {
        compilerCheck = check;
        return this;
    }

    /** Renders now and writes in the background, reporting on the FX thread; what Export does. */
    public CompletableFuture<String> start() {
        Exporter.Format f = format.getValue();
        CompletableFuture<String> work;
        if (f.toFile()) {
            Path target = destinationPath();
            work = target == null ? CompletableFuture.failedFuture(new dev.rustreview.model.BadInputException(
                    "'" + destination.getText() + "' is not a file path"))
                    : exporter.write(f, session, compilerCheck, target, unreviewed.isSelected()).thenApply(Exporter::exportedMessage);
        } else {
            work = exporter.writeNotes(session, notes);
        }
        return report.on(work, fx);
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    /** "Include unreviewed findings" (Markdown only). */
    public javafx.scene.control.CheckBox unreviewedBox() {
        return unreviewed;
    }

    public ComboBox<Exporter.Format> formatBox() {
        return format;
    }

    public TextField destinationField() {
        return destination;
    }

    /** The default file for {@code f} in the default folder. */
    public Path defaultDestination(Exporter.Format f) {
        return defaultFolder.resolve(Exporter.defaultFileName(f, Exporter.headRef(session)));
    }

    private void formatChanged(Exporter.Format old, Exporter.Format f) {
        boolean toFile = f.toFile();
        choose.setDisable(!toFile);
        destination.setDisable(!toFile);
        copy.setVisible(f == Exporter.Format.MARKDOWN);
        copy.setManaged(f == Exporter.Format.MARKDOWN);
        unreviewed.setVisible(f == Exporter.Format.MARKDOWN);
        unreviewed.setManaged(f == Exporter.Format.MARKDOWN);
        if (toFile) {
            // Keep the folder the user chose; the name follows the format.
            Path current = old == null || !old.toFile() ? null : destinationPath();
            Path folder = current != null && current.getParent() != null ? current.getParent() : defaultFolder;
            destination.setText(folder.resolve(Exporter.defaultFileName(f, Exporter.headRef(session))).toString());
            note.setText(f == Exporter.Format.MARKDOWN
                    ? "What the agent should fix: rejected units with reasons, issues and suggestions, findings you marked as "
                    + "problems, unresolved threads, and the units accepted as they are."
                    : "Replaces the file in one step if it exists.");
        } else {
            destination.setText("");
            note.setText("Adds a note on the head commit " + Exporter.shortId(Exporter.headCommit(session))
                    + " under refs/notes/rust-review. Nothing is pushed.");
        }
        validate();
    }

    private Path destinationPath() {
        String text = destination.getText() == null ? "" : destination.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private boolean validate() {
        String message = "";
        if (format.getValue() != null && format.getValue().toFile()) {
            Path p = destinationPath();
            if (p == null) {
                message = "Choose where to save the export";
            } else if (Files.isDirectory(p)) {
                message = p + " is a folder: add a file name";
            }
        }
        problem.setText(message);
        return message.isEmpty();
    }

    private void chooseFile() {
        Exporter.Format f = format.getValue();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export review as " + f.label());
        Path current = destinationPath();
        Path folder = current != null && current.getParent() != null && Files.isDirectory(current.getParent())
                ? current.getParent() : defaultFolder;
        if (Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.setInitialFileName(current != null && current.getFileName() != null ? current.getFileName().toString()
                : Exporter.defaultFileName(f, Exporter.headRef(session)));
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(f.label(), "*." + f.extension()),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showSaveDialog(dialog.getDialogPane().getScene() == null ? null
                : dialog.getDialogPane().getScene().getWindow());
        if (chosen != null) {
            destination.setText(chosen.toPath().toString());
        }
    }

    private void copyToClipboard() {
        try {
            ClipboardContent content = new ClipboardContent();
            content.putString(Exporter.render(Exporter.Format.MARKDOWN, session, compilerCheck, unreviewed.isSelected()));
            Clipboard.getSystemClipboard().setContent(content);
            report.done("Copied the review as Markdown to the clipboard");
            dialog.close();
        } catch (RuntimeException e) {
            report.failed(ErrorText.of(e));
        }
    }
}
