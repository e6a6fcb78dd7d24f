package dev.rustreview.ui.diff;

import dev.rustreview.ui.diff.gutter.LineNumberGutter;
import java.util.Collection;
import java.util.List;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The read-only, virtualised diff of one file. The styled document is built from a {@link DiffDocument}
 * (which may happen off the FX thread) and swapped in with a single replace, so a large file costs one
 * layout pass rather than one change event per line.
 */
public final class DiffView extends StackPane {

    private final CodeArea area = new CodeArea();
    private DiffDocument current = new DiffDocument("", List.of());

    public DiffView() {
        area.setEditable(false);
        area.getStyleClass().add("diff-area");
        getStyleClass().add("diff-view");
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    /** Builds the styled document for {@code doc}; pure data, safe to call on any thread. */
    public static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> styled(DiffDocument doc) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> builder =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        if (doc.rows().isEmpty()) {
            builder.addParagraph("", List.of(), List.of());
        }
        for (DiffRow row : doc.rows()) {
            StyleSpans<Collection<String>> spans = new StyleSpansBuilder<Collection<String>>()
                    .add(List.of("diff-text"), row.text().length()).create();
            builder.addParagraph(row.text(), spans, List.of(row.styleClass()));
        }
        return builder.build();
    }

    /** Shows a document built by {@link #styled}; call on the FX thread. */
    public void show(DiffDocument doc, ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> styled) {
        current = doc;
        area.setParagraphGraphicFactory(null);
        area.replace(0, area.getLength(), styled);
        area.setParagraphGraphicFactory(new LineNumberGutter(doc.rows()));
        area.moveTo(0);
        area.showParagraphAtTop(0);
    }

    /** Scrolls hunk {@code index}'s header to the top, leaving a line above it, and puts the caret there. */
    public void showHunk(int index) {
        List<DiffRow> rows = current.rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).hunk() == index && rows.get(i).kind() == RowKind.HUNK_HEADER) {
                area.moveTo(i, 0);
                area.showParagraphAtTop(Math.max(0, i - 1));
                return;
            }
        }
    }

    /** The paragraph the caret is on (the shown hunk's header after {@link #showHunk}). */
    public int caretRow() {
        return area.getCurrentParagraph();
    }

    public DiffDocument current() {
        return current;
    }

    /** The underlying text area, for focus handling and tests. */
    public CodeArea area() {
        return area;
    }
}
