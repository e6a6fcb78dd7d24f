package dev.rustreview.ui.diff;

import dev.rustreview.ui.diff.gutter.AgentStripe;
import dev.rustreview.ui.diff.gutter.DiffGutter;
import dev.rustreview.ui.diff.gutter.LineNumberGutter;
import dev.rustreview.ui.diff.gutter.SeverityMarker;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

/**
 * The read-only, virtualised diff of one file, unified or side by side. Documents arrive fully styled
 * ({@link PreparedDiff}, built off the FX thread) and are swapped in with a single replace each, so a
 * large file costs one layout pass rather than one change event per line.
 */
public final class DiffView extends StackPane {

    private final CodeArea area = codeArea();
    private final CodeArea leftArea = codeArea();
    private final CodeArea rightArea = codeArea();
    private final VirtualizedScrollPane<CodeArea> unifiedPane = new VirtualizedScrollPane<>(area);
    private final SplitPane splitPane = new SplitPane(new VirtualizedScrollPane<>(leftArea),
            new VirtualizedScrollPane<>(rightArea));
    private final BooleanProperty split = new SimpleBooleanProperty(false);
    private PreparedDiff prepared;
    private Runnable onModeChange = () -> { };
    private int wantedHunk = -1;
    private DiffDocument current = new DiffDocument("", List.of());

    public DiffView() {
        getStyleClass().add("diff-view");
        splitPane.getStyleClass().add("diff-split");
        // Both sides have the same paragraphs (fillers keep them level), so one scroll offset fits both.
        leftArea.estimatedScrollYProperty().bindBidirectional(rightArea.estimatedScrollYProperty());
        getChildren().add(unifiedPane);
        split.addListener((obs, o, on) -> {
            int hunk = hunkAtCaret(!on);
            getChildren().setAll(on ? splitPane : unifiedPane);
            if (prepared != null && prepared.isSplit() == on) {
                paint();
                if (hunk >= 0) {
                    showHunk(hunk);
                }
            } else if (prepared != null) {
                // The other mode is built off the FX thread on request; keep the hunk for when it arrives.
                wantedHunk = hunk;
                onModeChange.run();
            }
        });
    }

    private static CodeArea codeArea() {
        CodeArea a = new CodeArea();
        a.setEditable(false);
        a.getStyleClass().add("diff-area");
        return a;
    }

    /** Shows a prepared file (built for the current mode); call on the FX thread. */
    public void show(PreparedDiff diff) {
        // The same file again (the analysis arrived and adds markers): keep the reader's place.
        boolean samePlace = prepared != null && prepared.isSplit() == diff.isSplit()
                && current.path().equals(diff.doc().path()) && current.rows().size() == diff.doc().rows().size();
        int caret = samePlace ? focused().getCurrentParagraph() : 0;
        int top = samePlace && !focused().getVisibleParagraphs().isEmpty() ? focused().firstVisibleParToAllParIndex() : 0;
        prepared = diff;
        current = diff.doc();
        if (diff.isSplit() != split.get()) {
            onModeChange.run(); // the mode changed while it was being built
            return;
        }
        paint();
        reveal(caret, top);
        if (wantedHunk >= 0) {
            showHunk(wantedHunk);
            wantedHunk = -1;
        }
    }

    /** Called when the view needs the current file prepared again for the other mode. */
    public void setOnModeChange(Runnable action) {
        onModeChange = action;
    }

    // Only the visible mode is painted: the hidden one is filled when the reviewer switches to it.
    private void paint() {
        if (split.get()) {
            fill(leftArea, prepared.left(), prepared.leftStyled(), prepared.leftMarks(), true, false);
            fill(rightArea, prepared.right(), prepared.rightStyled(), prepared.rightMarks(), false, true);
        } else {
            fill(area, prepared.doc(), prepared.unified(), prepared.marks(), true, true);
        }
    }

    private static void fill(CodeArea target, DiffDocument doc, PreparedDiff.Styled styled, DiffMarks marks,
                             boolean oldNumbers, boolean newNumbers) {
        target.setParagraphGraphicFactory(null);
        target.replace(0, target.getLength(), styled.document());
        target.setParagraphGraphicFactory(new DiffGutter(doc.rows(), List.of(new AgentStripe(marks),
                new LineNumberGutter(doc.rows(), oldNumbers, newNumbers), new SeverityMarker(marks))));
    }

    /** Scrolls hunk {@code index}'s header to the top, leaving a line above it, and puts the caret there. */
    public void showHunk(int index) {
        List<DiffRow> rows = shownRows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).hunk() == index && rows.get(i).kind() == RowKind.HUNK_HEADER) {
                reveal(i, Math.max(0, i - 1));
                return;
            }
        }
    }

    /** Scrolls to line {@code line} of {@code side} (a finding's first line), a few rows below the top. */
    public boolean showLine(dev.rustreview.model.Side side, int line) {
        List<DiffRow> rows = shownRows();
        for (int i = 0; i < rows.size(); i++) {
            DiffRow r = rows.get(i);
            int at = side == dev.rustreview.model.Side.OLD ? (r.kind() == RowKind.ADDED ? 0 : r.oldLine())
                    : (r.kind() == RowKind.REMOVED ? 0 : r.newLine());
            if (at == line) {
                reveal(i, Math.max(0, i - 5));
                return true;
            }
        }
        return false;
    }

    // Moves the caret and scrolls; in the split view both sides, since the scroll binding only follows
    // user scrolling reliably, not a programmatic jump made before the next layout.
    private void reveal(int row, int top) {
        focused().moveTo(row, 0);
        focused().showParagraphAtTop(top);
        if (split.get()) {
            leftArea.moveTo(row, 0);
            leftArea.showParagraphAtTop(top);
        }
    }

    private List<DiffRow> shownRows() {
        if (prepared == null || prepared.isSplit() != split.get()) {
            return List.of();
        }
        return split.get() ? prepared.right().rows() : prepared.doc().rows();
    }

    private int hunkAtCaret(boolean splitMode) {
        if (prepared == null || prepared.isSplit() != splitMode) {
            return -1;
        }
        List<DiffRow> rows = splitMode ? prepared.right().rows() : prepared.doc().rows();
        int at = (splitMode ? rightArea : area).getCurrentParagraph();
        return at < rows.size() ? rows.get(at).hunk() : -1;
    }

    /** The paragraph the caret is on in the visible pane (the new side when split). */
    public int caretRow() {
        return focused().getCurrentParagraph();
    }

    /** The row at the caret, in whichever view is showing. */
    public DiffRow caretDiffRow() {
        List<DiffRow> rows = shownRows();
        int at = caretRow();
        return at < rows.size() ? rows.get(at) : null;
    }

    private CodeArea focused() {
        return split.get() ? rightArea : area;
    }

    public BooleanProperty splitProperty() {
        return split;
    }

    public DiffDocument current() {
        return current;
    }

    /** The unified text area, for focus handling and tests. */
    public CodeArea area() {
        return area;
    }

    /** The split view's old (left) and new (right) areas. */
    public CodeArea leftArea() {
        return leftArea;
    }

    public CodeArea rightArea() {
        return rightArea;
    }
}
