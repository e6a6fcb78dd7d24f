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
 * Everything the diff view paints for one file, built once off the FX thread: the unified and split
 * documents with their style spans, and the gutter marks for each. Showing it is then a single replace.
 */
public record PreparedDiff(DiffDocument doc, Styled unified, DiffMarks marks,
                           DiffDocument left, Styled leftStyled, DiffMarks leftMarks,
                           DiffDocument right, Styled rightStyled, DiffMarks rightMarks) {

    /** The RichTextFX document type the view shows. */
    public interface Styled {
        ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> document();
    }

    /** Builds the file's diff; {@code analysis} (nullable) adds hunk item names, findings and agent stripes. */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis) {
        FileAnalysis fa = analysis == null ? null : analysis.file(file.path()).orElse(null);
        DiffDocument doc = DiffDocument.of(file, fa);
        boolean rust = "rust".equals(file.language()) || file.path().endsWith(".rs");
        List<WordDiff.Range> words = WordDiff.forRows(doc.rows());
        SplitRows split = SplitRows.of(doc.rows());
        DiffDocument left = new DiffDocument(doc.path(), split.left());
        DiffDocument right = new DiffDocument(doc.path(), split.right());
        return new PreparedDiff(doc, styled(doc.rows(), rust, words), DiffMarks.of(doc, analysis),
                left, styled(split.left(), rust, pick(words, split.leftSource())), DiffMarks.of(left, analysis),
                right, styled(split.right(), rust, pick(words, split.rightSource())), DiffMarks.of(right, analysis));
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
