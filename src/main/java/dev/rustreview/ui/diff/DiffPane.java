package dev.rustreview.ui.diff;

import dev.rustreview.model.Side;
import dev.rustreview.ui.diff.gutter.AgentStripe;
import dev.rustreview.ui.diff.gutter.DiffGutter;
import dev.rustreview.ui.diff.gutter.LineNumberGutter;
import dev.rustreview.ui.diff.gutter.NoteMarker;
import dev.rustreview.ui.diff.gutter.SeverityMarker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.SimpleEditableStyledDocument;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * One text area showing one {@link PreparedDiff.Pane}. A new area is made for every file: handing RichTextFX
 * a document at construction costs nothing per line, whereas replacing the content of a live area fires
 * change events that walk the whole text (plain-text identity checks, undo, paragraph list updates).
 */
final class DiffPane {

    private final PreparedDiff.Pane pane;
    private final ShownRows rows;
    private final CodeArea area;
    private final VirtualizedScrollPane<CodeArea> scroll;
    private final boolean oldNumbers;
    private final boolean newNumbers;
    private final List<Integer> expanded = new ArrayList<>();
    private final Map<Integer, PreparedDiff.Doc> folds;
    private boolean used;

    DiffPane(PreparedDiff.Pane pane, boolean oldNumbers, boolean newNumbers) {
        this.pane = pane;
        this.rows = new ShownRows(pane.full().rows(), pane.folding());
        this.folds = new java.util.HashMap<>(pane.folds());
        this.oldNumbers = oldNumbers;
        this.newNumbers = newNumbers;
        this.area = new CodeArea(new SimpleEditableStyledDocument<>(pane.shown().get()));
        area.setEditable(false);
        // Nothing to undo in a read-only view; the default manager would keep every fold expansion.
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.getStyleClass().add("diff-area");
        this.scroll = new VirtualizedScrollPane<>(area);
    }

    /** An empty pane, for before the first file. */
    static DiffPane empty(boolean oldNumbers, boolean newNumbers) {
        DiffDocument none = new DiffDocument("", List.of());
        return new DiffPane(PreparedDiff.pane(none, false, List.of(), DiffMarks.NONE, null), oldNumbers, newNumbers);
    }

    /** True the first time only: the view hooks its handlers onto each area once. */
    boolean firstUse() {
        boolean first = !used;
        used = true;
        return first;
    }

    CodeArea area() {
        return area;
    }

    VirtualizedScrollPane<CodeArea> scroll() {
        return scroll;
    }

    ShownRows rows() {
        return rows;
    }

    DiffDocument full() {
        return pane.full();
    }

    /** Sets a fresh gutter: RichTextFX rebuilds the graphics of the visible paragraphs only. */
    void refreshGutter(Map<Integer, HunkBadge> badges, Map<Side, Map<Integer, String>> notes,
                       java.util.function.Predicate<dev.rustreview.model.Finding> shown, int currentHunk) {
        IntFunction<DiffRow> row = rows::row;
        IntFunction<String> noteAt = p -> {
            DiffRow r = rows.row(p);
            if (r == null || r.kind() == RowKind.FOLD) {
                return null;
            }
            Side side = r.kind() == RowKind.REMOVED ? Side.OLD : Side.NEW;
            int line = r.lineOn(side);
            return line > 0 ? notes.getOrDefault(side, Map.of()).get(line) : null;
        };
        java.util.function.IntPredicate current = p -> {
            DiffRow r = rows.row(p);
            return currentHunk >= 0 && r != null && r.hunk() == currentHunk;
        };
        area.setParagraphGraphicFactory(new DiffGutter(row, new AgentStripe(pane.marks(), rows::source), current,
                new LineNumberGutter(row, pane.full().rows(), badges::get, oldNumbers, newNumbers),
                List.of(new NoteMarker(noteAt), new SeverityMarker(pane.marks(), rows::source, shown))));
    }

    /**
     * Opens the fold at {@code paragraph} in place: one replace of that paragraph with the fold's prebuilt
     * paragraphs. Returns whether there was a fold.
     */
    boolean expand(int paragraph) {
        int from = rows.expand(paragraph);
        if (from < 0) {
            return false;
        }
        expanded.add(from);
        // replace() leaves the caret at the end of the opened text; keep it on the row the reader was on.
        int caretParagraph = area.getCurrentParagraph();
        int caretColumn = area.getCaretColumn();
        int before = area.getParagraphs().size();
        int start = area.getAbsolutePosition(paragraph, 0);
        area.replace(start, start + area.getParagraphLength(paragraph), folds.get(from).get());
        int added = area.getParagraphs().size() - before;
        if (caretParagraph < paragraph) {
            area.moveTo(caretParagraph, caretColumn);
        } else if (caretParagraph > paragraph) {
            area.moveTo(caretParagraph + added, caretColumn);
        } else {
            area.moveTo(paragraph, 0);
        }
        return true;
    }

    /**
     * Replaces the comment-thread rows: removes the ones shown, then inserts {@code blocks} (last paragraph
     * first, as {@link ThreadRows#place} orders them). The caret stays on the row it was on.
     */
    void showThreads(List<ThreadRows.Block> blocks) {
        int caretRow = rows.source(area.getCurrentParagraph());
        boolean caretOnThread = caretRow < 0;
        int caretParagraph = area.getCurrentParagraph();
        for (int[] run : rows.threadRuns()) {
            int from = run[0];
            int last = from + run[1] - 1;
            rows.remove(from, run[1]);
            // From the end of the row above the run to the end of its last row: the row above stays as it is.
            int start = from == 0 ? 0 : area.getAbsolutePosition(from - 1, area.getParagraphLength(from - 1));
            int end = area.getAbsolutePosition(last, area.getParagraphLength(last));
            if (from == 0) {
                end = Math.min(area.getLength(), end + 1);
            }
            area.deleteText(start, end);
        }
        for (ThreadRows.Block b : blocks) {
            rows.insertThreadRows(b.after(), b.rows());
            var doc = new org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder<Collection<String>, String,
                    Collection<String>>(org.fxmisc.richtext.model.SegmentOps.styledTextOps(), List.of());
            doc.addParagraph("", List.of(), List.of()); // joins the row above, which keeps its own style
            for (DiffRow r : b.rows()) {
                doc.addParagraph(r.text(), THREAD_TEXT, THREAD_PARAGRAPH);
            }
            area.insert(area.getAbsolutePosition(b.after(), area.getParagraphLength(b.after())), doc.build());
        }
        int target = caretOnThread ? Math.min(caretParagraph, rows.size() - 1) : rows.paragraphOf(caretRow);
        if (target >= 0 && target < area.getParagraphs().size()) {
            area.moveTo(target, 0);
        }
    }

    private static final List<String> THREAD_TEXT = List.of("thread-text");
    private static final List<String> THREAD_PARAGRAPH = List.of("diff-thread");

    /** Recolours the rows tree-sitter sees differently, wherever they are now (open or still folded). */
    void restyle(Restyle restyle) {
        folds.putAll(restyle.folds());
        int[] paragraphOf = new int[pane.full().rows().size()];
        java.util.Arrays.fill(paragraphOf, -1);
        for (int p = 0; p < rows.size(); p++) {
            if (rows.row(p).kind() != RowKind.FOLD && rows.source(p) >= 0) {
                paragraphOf[rows.source(p)] = p;
            }
        }
        restyle.rows().forEach((index, spans) -> {
            int p = paragraphOf[index];
            if (p >= 0) {
                area.setStyleSpans(p, 0, spans);
            }
        });
    }

    /** Opens every fold, last first so the paragraphs still to open keep their indices. */
    void expandAll() {
        for (int p = rows.size() - 1; p >= 0; p--) {
            DiffRow r = rows.row(p);
            if (r.kind() == RowKind.FOLD) {
                expand(p);
            }
        }
    }

    /** The full-row indices of the folds opened so far, in order, to repeat them on a refreshed pane. */
    List<Integer> expandedFolds() {
        return List.copyOf(expanded);
    }

    /** Opens the fold hiding full row {@code index} (if any) and returns the row's paragraph, -1 if none. */
    int reveal(int index) {
        int p = rows.paragraphOf(index);
        if (p >= 0 && rows.row(p).kind() == RowKind.FOLD) {
            expand(p);
            p = rows.paragraphOf(index);
        }
        return p;
    }
}
