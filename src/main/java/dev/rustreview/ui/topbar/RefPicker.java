package dev.rustreview.ui.topbar;

import dev.rustreview.git.RefInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * A button showing a revision; clicking it opens a searchable list of branches, remote branches and tags
 * (grouped by kind, newest commit first within a kind). Typing filters by substring, Up/Down move, Enter picks
 * the highlighted ref (or, when nothing matches, uses the typed text as a raw revision such as a commit id),
 * Escape closes. A pick goes to {@link #setOnPick}; the button keeps showing {@link #setValue} until the owner
 * sets the new value (after the window reopened at it).
 */
public final class RefPicker extends Button {

    private static final Comparator<RefInfo> ORDER = Comparator.comparing(RefInfo::kind)
            .thenComparing(RefInfo::commitTime, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(RefInfo::shortName);

    private final String role;
    private final ObservableList<RefInfo> refs = FXCollections.observableArrayList();
    private final FilteredList<RefInfo> filtered = new FilteredList<>(refs, r -> true);
    private final TextField filter = new TextField();
    private final ListView<RefInfo> list = new ListView<>(filtered);
    private final Label hint = new Label();
    private final Popup popup = new Popup();
    private Consumer<String> onPick = r -> { };
    private String value;

    /** @param role what the revision is for ("base", "head"): shown as the prompt and in the tooltip */
    public RefPicker(String role) {
        this.role = role;
        getStyleClass().add("ref-picker");
        setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        setMnemonicParsing(false);
        setValue(null);
        setOnAction(e -> show());

        filter.setPromptText("Filter branches and tags, or type a commit");
        filter.getStyleClass().add("ref-picker-filter");
        filter.textProperty().addListener((o, a, text) -> applyFilter(text));
        filter.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        list.getStyleClass().add("ref-picker-list");
        list.setCellFactory(v -> new RefCell());
        list.setPrefSize(360, 300);
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() >= 1 && list.getSelectionModel().getSelectedItem() != null) {
                pick(list.getSelectionModel().getSelectedItem().shortName());
            }
        });
        hint.getStyleClass().add("ref-picker-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(360);
        VBox box = new VBox(6, filter, list, hint);
        box.getStyleClass().add("ref-picker-popup");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        popup.setOnShown(e -> filter.requestFocus());
        applyFilter("");
    }

    /** The refs offered, in any order: they are grouped by kind and sorted newest first. */
    public void setRefs(List<RefInfo> newRefs) {
        List<RefInfo> sorted = new ArrayList<>(newRefs == null ? List.of() : newRefs);
        sorted.sort(ORDER);
        refs.setAll(sorted);
        applyFilter(filter.getText());
    }

    /** The revision shown on the button, or {@code null} for none. */
    public void setValue(String revision) {
        this.value = revision;
        setText(revision == null || revision.isBlank() ? "Choose " + role + "…" : revision);
        setTooltip(new Tooltip(revision == null ? "Choose the " + role + " revision" : role + ": " + revision + " (click to change)"));
    }

    public String getValue() {
        return value;
    }

    /** Called with the picked ref's short name, or a raw revision as typed. */
    public void setOnPick(Consumer<String> onPick) {
        this.onPick = Objects.requireNonNull(onPick);
    }

    /** Opens the list under the button with an empty, focused filter. */
    public void show() {
        if (popup.isShowing() || getScene() == null || getScene().getWindow() == null) {
            return;
        }
        filter.clear();
        applyFilter("");
        int current = indexOf(value);
        if (current >= 0) {
            list.getSelectionModel().select(current);
            list.scrollTo(current);
        }
        // A popup has its own scene: give it the window's stylesheets so the theme and topbar.css apply.
        ((VBox) popup.getContent().get(0)).getStylesheets().setAll(getScene().getStylesheets());
        Bounds b = localToScreen(getBoundsInLocal());
        popup.show(this, b.getMinX(), b.getMaxY() + 2);
        filter.requestFocus();
    }

    public void hide() {
        popup.hide();
    }

    public boolean isShowingPopup() {
        return popup.isShowing();
    }

    /** The filter field (for tests and keyboard focus). */
    public TextField filterField() {
        return filter;
    }

    /** The list of matching refs. */
    public ListView<RefInfo> listView() {
        return list;
    }

    private void applyFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        filtered.setPredicate(r -> needle.isEmpty() || r.shortName().toLowerCase(Locale.ROOT).contains(needle));
        if (filtered.isEmpty()) {
            list.getSelectionModel().clearSelection();
            hint.setText(needle.isEmpty() ? "No branches or tags." : "Enter uses '" + text.strip() + "' as a revision (a commit id, say).");
        } else {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
            hint.setText("Enter picks · Esc closes");
        }
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ENTER) {
            RefInfo selected = list.getSelectionModel().getSelectedItem();
            String raw = filter.getText() == null ? "" : filter.getText().strip();
            if (selected != null) {
                pick(selected.shortName());
            } else if (!raw.isEmpty()) {
                pick(raw);
            }
            e.consume();
        } else if (code == KeyCode.ESCAPE) {
            hide();
            e.consume();
        } else if (e.getSource() == filter && (code == KeyCode.DOWN || code == KeyCode.UP)) {
            int n = filtered.size();
            if (n > 0) {
                int i = list.getSelectionModel().getSelectedIndex();
                i = code == KeyCode.DOWN ? Math.min(n - 1, i + 1) : Math.max(0, i - 1);
                list.getSelectionModel().select(i);
                list.scrollTo(i);
            }
            e.consume();
        }
    }

    private void pick(String revision) {
        hide();
        onPick.accept(revision);
    }

    private int indexOf(String revision) {
        for (int i = 0; i < filtered.size(); i++) {
            if (filtered.get(i).shortName().equals(revision)) {
                return i;
            }
        }
        return -1;
    }

    static String kindLabel(RefInfo.Kind kind) {
        return switch (kind) {
            case LOCAL -> "branch";
            case REMOTE -> "remote";
            case TAG -> "tag";
        };
    }

    /** A ref's name, its kind as a small tag, and its short commit id; the first of each kind gets a group rule. */
    private final class RefCell extends ListCell<RefInfo> {
        private final Label name = new Label();
        private final Label kind = new Label();
        private final Label commit = new Label();
        private final HBox row = new HBox(6, name, new Region(), commit, kind);

        RefCell() {
            name.getStyleClass().add("ref-name");
            name.setMinWidth(0);
            kind.getStyleClass().add("ref-kind");
            kind.setMinWidth(Region.USE_PREF_SIZE);
            commit.getStyleClass().add("ref-commit");
            commit.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(row.getChildren().get(1), Priority.ALWAYS);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(RefInfo ref, boolean empty) {
            super.updateItem(ref, empty);
            getStyleClass().remove("ref-group-start");
            if (empty || ref == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(ref.shortName());
            kind.setText(kindLabel(ref.kind()));
            kind.getStyleClass().setAll("ref-kind", "ref-kind-" + ref.kind().name().toLowerCase(Locale.ROOT));
            commit.setText(ref.commitId() == null ? "" : ref.commitId().substring(0, Math.min(7, ref.commitId().length())));
            int i = getIndex();
            if (i > 0 && i < filtered.size() && filtered.get(i - 1).kind() != ref.kind()) {
                getStyleClass().add("ref-group-start");
            }
            setText(null);
            setGraphic(row);
        }
    }
}
