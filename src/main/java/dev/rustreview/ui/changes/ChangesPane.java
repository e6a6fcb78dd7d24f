package dev.rustreview.ui.changes;

import atlantafx.base.theme.Styles;
import dev.rustreview.model.FileChange;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The left side: the branch's commits (or the whole branch) above the changed files of the shown scope. */
public final class ChangesPane extends SplitPane {

    private final ListView<CommitScope> commits = new ListView<>();
    private final ListView<FileChange> files = new ListView<>();

    public ChangesPane(ChangesModel model, Consumer<CommitScope> onScope) {
        setOrientation(Orientation.VERTICAL);
        commits.getStyleClass().add(Styles.DENSE);
        files.getStyleClass().add(Styles.DENSE);
        getStyleClass().add("changes-pane");
        commits.setItems(model.scopes());
        commits.setCellFactory(list -> new ScopeCell());
        commits.getSelectionModel().selectedItemProperty().addListener((obs, old, scope) -> {
            if (scope != null) {
                onScope.accept(scope);
            }
        });
        model.scopes().addListener((javafx.collections.ListChangeListener<CommitScope>) c -> {
            if (!model.scopes().isEmpty() && commits.getSelectionModel().isEmpty()) {
                commits.getSelectionModel().selectFirst();
            }
        });
        files.setItems(model.files());
        files.setCellFactory(list -> new FileCell());
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, file) -> {
            if (file != null) {
                model.selectFile(file);
            }
        });
        model.selectedFileProperty().addListener((obs, old, file) -> {
            if (file != null && files.getSelectionModel().getSelectedItem() != file) {
                files.getSelectionModel().select(file);
                files.scrollTo(file);
            }
        });
        getItems().addAll(titled("Commits", commits), titled("Changed files", files));
        setDividerPositions(0.4);
    }

    private static VBox titled(String title, Region content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        VBox box = new VBox(label, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    public ListView<FileChange> fileList() {
        return files;
    }

    public ListView<CommitScope> commitList() {
        return commits;
    }

    private static final class ScopeCell extends ListCell<CommitScope> {
        @Override
        protected void updateItem(CommitScope scope, boolean empty) {
            super.updateItem(scope, empty);
            if (empty || scope == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label text = new Label(scope.label());
            text.getStyleClass().add(scope.wholeBranch() ? "scope-branch" : "scope-commit");
            HBox row = new HBox(6, text);
            if (!scope.wholeBranch()) {
                Label author = new Label(scope.commit().author().name());
                author.getStyleClass().add("muted");
                row.getChildren().add(author);
            }
            setText(null);
            setGraphic(row);
        }
    }

    private static final class FileCell extends ListCell<FileChange> {
        @Override
        protected void updateItem(FileChange file, boolean empty) {
            super.updateItem(file, empty);
            if (empty || file == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label status = new Label(FileStatus.letter(file));
            status.getStyleClass().addAll("file-status", "file-status-" + FileStatus.letter(file).toLowerCase());
            status.setMinWidth(18);
            Label path = new Label(FileStatus.pathLabel(file));
            path.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(path, Priority.ALWAYS);
            Label counts = new Label(FileStatus.counts(file));
            counts.getStyleClass().add("muted");
            counts.setMinWidth(Region.USE_PREF_SIZE);
            setText(null);
            setGraphic(new HBox(6, status, path, counts));
        }
    }
}
