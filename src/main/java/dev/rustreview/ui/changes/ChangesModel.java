package dev.rustreview.ui.changes;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the change list: the branch (or one commit) being shown, its commits and files, and the
 * selected file. Views bind to it; it knows nothing of nodes, so it is tested without a scene.
 */
public final class ChangesModel {

    private final ReadOnlyObjectWrapper<ChangeSet> branch = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChangeSet> shown = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CommitScope> scopes = FXCollections.observableArrayList();
    private final ObservableList<FileChange> files = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FileChange> selectedFile = new ReadOnlyObjectWrapper<>();

    /** Shows a freshly loaded branch as a whole. */
    public void showBranch(ChangeSet changeSet) {
        branch.set(changeSet);
        List<CommitScope> list = new ArrayList<>();
        list.add(new CommitScope(null, changeSet.commits().size()));
        changeSet.commits().forEach(c -> list.add(new CommitScope(c, changeSet.commits().size())));
        scopes.setAll(list);
        showScope(changeSet);
    }

    /** Shows one scope's change set (the whole branch, or a single commit's diff). */
    public void showScope(ChangeSet changeSet) {
        String keep = selectedFile.get() == null ? null : selectedFile.get().path();
        shown.set(changeSet);
        files.setAll(changeSet.files());
        FileChange next = changeSet.files().stream().filter(f -> f.path().equals(keep)).findFirst()
                .orElse(changeSet.files().isEmpty() ? null : changeSet.files().get(0));
        selectedFile.set(next);
    }

    public void selectFile(FileChange file) {
        selectedFile.set(file);
    }

    /** Moves the file selection by {@code delta} (wrapping is deliberately not done: the ends are ends). */
    public void moveFile(int delta) {
        if (files.isEmpty()) {
            return;
        }
        int index = files.indexOf(selectedFile.get());
        int next = Math.max(0, Math.min(files.size() - 1, index + delta));
        selectedFile.set(files.get(next));
    }

    public ReadOnlyObjectProperty<ChangeSet> branchProperty() {
        return branch.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChangeSet> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ObservableList<CommitScope> scopes() {
        return FXCollections.unmodifiableObservableList(scopes);
    }

    public ObservableList<FileChange> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    public ReadOnlyObjectProperty<FileChange> selectedFileProperty() {
        return selectedFile.getReadOnlyProperty();
    }
}
