package dev.rustreview.ui.check;

import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The result of a compiler check: how it ran (sandboxed or not, tool, toolchain), the counts, and each finding
 * the head introduced on the change, errors first, with its lint, documentation link, message, the compiler's
 * suggested code, and the rule findings it confirms. Builds nothing itself; FX thread only.
 */
public final class CompilerCheckDialog {

    private final Stage stage = new Stage();
    private final ListView<CompilerFinding> list = new ListView<>();
    private final Label summary = new Label();
    private final Button again = new Button("Build again");

    /** @param openLink opens a documentation link outside the app; {@code rebuild} runs the check again */
    public CompilerCheckDialog(Window owner, List<String> stylesheets, Consumer<String> openLink, Runnable rebuild) {
        stage.initOwner(owner);
        stage.setTitle("Compiler checks");
        summary.setWrapText(true);
        summary.getStyleClass().add("compiler-check-summary");
        list.setCellFactory(v -> new FindingCell(openLink));
        list.setPlaceholder(new Label("Nothing introduced on the changed hunks."));
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        again.setOnAction(e -> {
            stage.close();
            rebuild.run();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, again, close);
        BorderPane root = new BorderPane(list, summary, null, buttons, null);
        BorderPane.setMargin(summary, new Insets(0, 0, 8, 0));
        BorderPane.setMargin(buttons, new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(12));
        root.getStyleClass().add("compiler-check-dialog");
        Scene scene = new Scene(root, 820, 560);
        scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
    }

    /** Shows {@code check}; {@code reused} says it came from the store rather than a build just now. */
    public void show(CompilerCheck check, boolean reused) {
        StringBuilder text = new StringBuilder();
        text.append("cargo ").append(check.tool()).append(" on ").append(shortId(check.headCommit()))
                .append(" against merge-base ").append(shortId(check.baseCommit())).append(", ")
                .append(check.sandboxed() ? "sandboxed (bubblewrap, no network), offline" : "NOT sandboxed, offline")
                .append("\n").append(check.toolchain()).append("\n")
                .append(check.findings().size()).append(" introduced on the change (").append(check.errors())
                .append(" errors), ").append(check.outsideChange()).append(" introduced outside the changed hunks, ")
                .append(check.preExisting()).append(" already at the base; ")
                .append(reused ? "stored result, not rebuilt" : String.format(java.util.Locale.ROOT, "took %.1f s",
                        check.millis() / 1000.0));
        for (String note : check.notes()) {
            text.append("\nNote: ").append(note);
        }
        summary.setText(text.toString());
        list.getItems().setAll(check.findings());
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public ListView<CompilerFinding> list() {
        return list;
    }

    public Label summary() {
        return summary;
    }

    private static String shortId(String id) {
        return id == null ? "none" : id.substring(0, Math.min(7, id.length()));
    }

    /** One finding: level, place and lint on the first line, then message, merged rules, suggestion and link. */
    private static final class FindingCell extends ListCell<CompilerFinding> {
        private final Consumer<String> openLink;

        FindingCell(Consumer<String> openLink) {
            this.openLink = openLink;
        }

        @Override
        protected void updateItem(CompilerFinding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(f.level() + " · " + f.severity().label() + " · " + f.path() + ":" + f.startLine()
                    + " · " + (f.lint().isEmpty() ? f.source() : f.source() + " " + f.ruleId())
                    + (f.item().isEmpty() ? "" : " · " + f.item()));
            title.getStyleClass().add(f.isError() ? "compiler-error" : "compiler-warning");
            title.setStyle("-fx-font-weight: bold;");
            Label message = new Label(f.message());
            message.setWrapText(true);
            VBox box = new VBox(3, title, message);
            if (!f.ruleFindingIds().isEmpty()) {
                box.getChildren().add(new Label("Also found by the rules: " + String.join(", ", f.ruleFindingIds())
                        + " (one finding, two sources)"));
            }
            if (f.suggestion() != null && !f.suggestion().isBlank()) {
                Label code = new Label("Suggested: " + f.suggestion().strip());
                code.setStyle("-fx-font-family: monospace;");
                box.getChildren().add(code);
            }
            if (!f.docUrl().isEmpty()) {
                Hyperlink link = new Hyperlink(f.docUrl());
                link.setOnAction(e -> openLink.accept(f.docUrl()));
                box.getChildren().add(link);
            }
            box.setMaxWidth(760);
            setText(null);
            setGraphic(box);
        }
    }
}
