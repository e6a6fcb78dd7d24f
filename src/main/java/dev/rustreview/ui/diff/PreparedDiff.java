package dev.rustreview.ui.diff;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;

/**
 * Everything the diff view paints for one file in one mode, built off the FX thread: the unified document,
 * or the split view's two, with their style spans and gutter marks. Showing it is then a single replace.
 * Only the mode on screen is built (the other would double the cost of opening a large file); the parts
 * of the other mode are null.
 */
public record PreparedDiff(DiffDocument doc, Styled unified, DiffMarks marks,
                           DiffDocument left, Styled leftStyled, DiffMarks leftMarks,
                           DiffDocument right, Styled rightStyled, DiffMarks rightMarks) {

    /** The RichTextFX document type the view shows. */
    public interface Styled {
        ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> document();
    }

    /** Builds the unified diff; see {@link #of(FileChange, ChangeAnalysis, boolean)}. */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis) {
        return of(file, analysis, false);
    }

    /** Builds the file's diff for one mode; {@code analysis} (nullable) adds item names, findings and agent stripes. */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis, boolean split) {
        FileAnalysis fa = analysis == null ? null : analysis.file(file.path()).orElse(null);
        DiffDocument doc = DiffDocument.of(file, fa);
        boolean rust = "rust".equals(file.language()) || file.path().endsWith(".rs");
        List<WordDiff.Range> words = WordDiff.forRows(doc.rows());
        if (!split) {
            return new PreparedDiff(doc, styled(doc.rows(), rust, words), DiffMarks.of(doc, analysis),
                    null, null, null, null, null, null);
        }
        SplitRows rows = SplitRows.of(doc.rows());
        DiffDocument left = new DiffDocument(doc.path(), rows.left());
        DiffDocument right = new DiffDocument(doc.path(), rows.right());
        return new PreparedDiff(doc, null, null,
                left, styled(rows.left(), rust, pick(words, rows.leftSource())), DiffMarks.of(left, analysis),
                right, styled(rows.right(), rust, pick(words, rows.rightSource())), DiffMarks.of(right, analysis));
    }

    /** Whether this holds the split view's documents (else the unified one). */
    public boolean isSplit() {
        return unified == null;
    }

    private static List<WordDiff.Range> pick(List<WordDiff.Range> words, List<Integer> sources) {
        List<WordDiff.Range> out = new ArrayList<>(sources.size());
        sources.forEach(i -> out.add(i < 0 ? WordDiff.Range.NONE : words.get(i)));
        return out;
    }

    /** Paragraphs with their row class and per-character spans; pure data, any thread. */
    static Styled styled(List<DiffRow> rows, boolean rust, List<WordDiff.Range> words) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> builder =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        if (rows.isEmpty()) {
            builder.addParagraph("", List.of(), List.of());
        }
        for (int i = 0; i < rows.size(); i++) {
            DiffRow row = rows.get(i);
            builder.addParagraph(row.text(), DiffStyler.spans(row, rust, words.get(i)), List.of(row.styleClass()));
        }
        var built = builder.build();
        return () -> built;
    }
}
