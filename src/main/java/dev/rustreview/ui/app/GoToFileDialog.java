package dev.rustreview.ui.app;

import dev.rustreview.ui.fx.Windows;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Go to file" ({@code Ctrl+P}): type part of a path, the changed files narrow as you type ({@link FuzzyPaths}),
 * Up/Down choose, Enter opens, Escape cancels.
 */
final class GoToFileDialog {

    private final Dialog<String> dialog = new Dialog<>();
    private final TextField query = new TextField();
    private final ListView<String> list = new ListView<>();
    private final List<String> paths;

    GoToFileDialog(List<String> paths, Window owner) {
        this.paths = List.copyOf(paths);
        dialog.setTitle("Go to file");
        dialog.setHeaderText(null);
        query.setPromptText("Part of a path (" + paths.size() + " changed files)");
        list.setPrefSize(560, 320);
        list.getStyleClass().add("go-to-file-list");
        VBox content = new VBox(8, query, list);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        query.textProperty().addListener((obs, o, text) -> refresh(text));
        // The list follows the field: Up/Down move its selection without leaving the field.
        query.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            int n = list.getItems().size();
            if (n == 0) {
                return;
            }
            int i = list.getSelectionModel().getSelectedIndex();
            if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().select(Math.min(n - 1, i + 1));
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().select(Math.max(0, i - 1));
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? list.getSelectionModel().getSelectedItem() : null);
        refresh("");
        dialog.getDialogPane().setPrefSize(600, 440);
        dialog.setResizable(true);
        Windows.own(dialog, owner); // (its shown handler centres the dialog: the focus is added beside it)
        dialog.addEventHandler(javafx.scene.control.DialogEvent.DIALOG_SHOWN, e -> Platform.runLater(query::requestFocus));
    }

    private void refresh(String text) {
        list.getItems().setAll(FuzzyPaths.rank(paths, text));
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
    }

    Optional<String> showAndWait() {
        return dialog.showAndWait().filter(p -> p != null && !p.isBlank());
    }

    /** For tests: the field, the list and the dialog. */
    TextField query() {
        return query;
    }

    ListView<String> list() {
        return list;
    }

    Dialog<String> dialog() {
        return dialog;
    }
}
