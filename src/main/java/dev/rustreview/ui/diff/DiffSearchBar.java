package dev.rustreview.ui.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.SelectionImpl;

/**
 * Search in the diff ({@code Ctrl+F}): a field over the diff's top right, every match highlighted in the pane
 * on screen, the current one selected and scrolled to; Enter/F3 next, Shift+Enter/Shift+F3 previous, Escape
 * closes and gives the focus back to the diff. "3 of 17" says where you are; a query with a capital letter
 * matches case exactly.
 */
final class DiffSearchBar extends HBox {

    private final TextField field = new TextField();
    private final Label count = new Label();
    private final Supplier<CodeArea> area;
    private final Runnable beforeSearch;
    private final List<SelectionImpl<Collection<String>, String, Collection<String>>> highlights = new ArrayList<>();
    private CodeArea highlighted;
    private List<TextMatches.Match> matches = List.of();
    private int current = -1;

    /**
     * @param area         the pane the reviewer reads (the new side when split), asked at every search
     * @param beforeSearch run before searching (opens folded context so every line can match)
     */
    DiffSearchBar(Supplier<CodeArea> area, Runnable beforeSearch) {
        this.area = area;
        this.beforeSearch = beforeSearch;
        getStyleClass().add("diff-search");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(4);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        field.setPromptText("Find in this file");
        field.setPrefColumnCount(22);
        field.getStyleClass().add("diff-search-field");
        count.getStyleClass().add("diff-search-count");
        count.setMinWidth(USE_PREF_SIZE);
        Button previous = button("\u2191", "Previous match (Shift+Enter)", () -> move(-1));
        Button next = button("\u2193", "Next match (Enter)", () -> move(1));
        Button close = button("\u2715", "Close (Escape)", this::close);
        getChildren().addAll(field, count, previous, next, close);
        field.textProperty().addListener((obs, o, text) -> search(true));
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.F3) {
                move(e.isShiftDown() ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        setVisible(false);
        setManaged(false);
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add("diff-search-button");
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Shows the bar with the field focused and its text selected (type to replace, Enter to go on). */
    void open() {
        setVisible(true);
        setManaged(true);
        field.requestFocus();
        field.selectAll();
        search(true);
    }

    boolean isOpen() {
        return isVisible();
    }

    /** Hides the bar and its highlights; the caret stays on the last match. */
    void close() {
        clearHighlights();
        setVisible(false);
        setManaged(false);
        matches = List.of();
        current = -1;
        area.get().requestFocus();
    }

    /** The shown file changed: search it again if the bar is open. */
    void fileChanged() {
        if (isOpen()) {
            search(false);
        }
    }

    /** Goes to the next ({@code 1}) or previous ({@code -1}) match, wrapping around. */
    void move(int delta) {
        if (!isOpen()) {
            open();
            return;
        }
        if (matches.isEmpty()) {
            search(false);
            return;
        }
        current = Math.floorMod(current + delta, matches.size());
        select();
    }

    TextField field() {
        return field;
    }

    String countText() {
        return count.getText();
    }

    List<TextMatches.Match> matches() {
        return matches;
    }

    int currentIndex() {
        return current;
    }

    // fromCaret: a new query starts at the caret (typing refines where you are); a new file at its top.
    private void search(boolean fromCaret) {
        clearHighlights();
        String query = field.getText();
        if (query.isEmpty()) {
            matches = List.of();
            current = -1;
            count.setText("");
            return;
        }
        beforeSearch.run();
        CodeArea a = area.get();
        List<String> paragraphs = new ArrayList<>(a.getParagraphs().size());
        a.getParagraphs().forEach(p -> paragraphs.add(p.getText()));
        matches = TextMatches.find(paragraphs, query);
        if (matches.isEmpty()) {
            current = -1;
            count.setText("No matches");
            return;
        }
        highlighted = a;
        for (TextMatches.Match m : matches.subList(0, Math.min(matches.size(), 2_000))) {
            // Selections are told apart by name: each needs its own, or the area keeps only the first.
            SelectionImpl<Collection<String>, String, Collection<String>> hit = new SelectionImpl<>(
                    "search-hit-" + highlights.size(), a,
                    path -> path.getStyleClass().add("diff-search-hit"));
            a.addSelection(hit);
            hit.selectRange(m.paragraph(), m.column(), m.paragraph(), m.column() + m.length());
            highlights.add(hit);
        }
        current = fromCaret ? TextMatches.firstFrom(matches, a.getCurrentParagraph(), 0) : 0;
        select();
    }

    private void select() {
        TextMatches.Match m = matches.get(current);
        CodeArea a = area.get();
        a.selectRange(m.paragraph(), m.column(), m.paragraph(), m.column() + m.length());
        a.showParagraphInViewport(m.paragraph());
        a.requestFollowCaret();
        count.setText((current + 1) + " of " + matches.size() + (matches.size() >= TextMatches.LIMIT ? "+" : ""));
    }

    private void clearHighlights() {
        if (highlighted != null) {
            for (SelectionImpl<Collection<String>, String, Collection<String>> hit : highlights) {
                highlighted.removeSelection(hit);
                hit.dispose();
            }
        }
        highlights.clear();
        highlighted = null;
    }
}
