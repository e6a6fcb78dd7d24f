package dev.rustreview.ui.diff;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.ui.diff.syntax.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * Everything the diff view paints for one file in one mode, built off the FX thread: the unified pane,
 * or the split view's two, each with its folded document, the prebuilt paragraphs of every fold and the
 * gutter marks. Only the mode on screen is built (the other would double the cost of opening a large
 * file); the panes of the other mode are null.
 *
 * @param showAnyway whether the file is text held back only for its size, so the reviewer may load it anyway
 * @param rust       whether the file is Rust, coloured by the lexer now and by tree-sitter once parsed
 */
public record PreparedDiff(DiffDocument doc, Pane unified, Pane left, Pane right, boolean showAnyway, boolean rust) {

    /** The styled-document type the view shows. */
    public interface Doc {
        ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> get();
    }

    /**
     * One text area's content.
     *
     * @param full    every row, folds open; {@code marks} are indexed by it
     * @param folding the rows as first shown, folds closed
     * @param shown   the styled paragraphs of {@code folding.shown()}
     * @param folds   for each fold, keyed by the full index of its first hidden row, its rows' styled paragraphs
     */
    public record Pane(DiffDocument full, Folding folding, Doc shown, Map<Integer, Doc> folds, DiffMarks marks) {
        public Pane {
            folds = Map.copyOf(folds);
        }
    }

    /** Builds the unified diff; see {@link #of(FileChange, ChangeAnalysis, boolean)}. */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis) {
        return of(file, analysis, false);
    }

    /** Builds the file's diff for one mode; {@code analysis} (nullable) adds item names, findings and agent stripes. */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis, boolean split) {
        return of(file, analysis, split, false);
    }

    /** As above; with {@code ignoreWhitespace}, lines that differ only in whitespace show as unchanged. */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis, boolean split, boolean ignoreWhitespace) {
        return of(file, analysis, split, ignoreWhitespace, null, 0);
    }

    /**
     * As above, with {@code extra} more unchanged lines of {@code newText} (the head's version of the file) around
     * each hunk, {@link WideContext#WHOLE_FILE} for all of them; such a view folds nothing (the reviewer asked for
     * those lines).
     */
    public static PreparedDiff of(FileChange file, ChangeAnalysis analysis, boolean split, boolean ignoreWhitespace,
                                  String newText, int extra) {
        FileAnalysis fa = analysis == null ? null : analysis.file(file.path()).orElse(null);
        DiffDocument doc = DiffDocument.of(file, fa);
        boolean wide = extra > 0 && newText != null;
        if (wide) {
            doc = WideContext.of(doc, file, newText, extra);
        }
        if (ignoreWhitespace) {
            doc = WhitespaceView.of(doc);
        }
        boolean rust = "rust".equals(file.language()) || file.path().endsWith(".rs");
        boolean anyway = file.tooLarge() && !file.binary()
                && file.oldKind() != FileKind.SUBMODULE && file.newKind() != FileKind.SUBMODULE;
        List<WordDiff.Range> words = WordDiff.forRows(doc.rows());
        if (!split) {
            return new PreparedDiff(doc, pane(doc, rust, words, DiffMarks.of(doc, analysis), null, !wide), null, null,
                    anyway, rust);
        }
        SplitRows rows = SplitRows.of(doc.rows());
        DiffDocument left = new DiffDocument(doc.path(), rows.left());
        DiffDocument right = new DiffDocument(doc.path(), rows.right());
        return new PreparedDiff(doc, null,
                pane(left, rust, pick(words, rows.leftSource(), WordDiff.Range.NONE), DiffMarks.of(left, analysis), null,
                        !wide),
                pane(right, rust, pick(words, rows.rightSource(), WordDiff.Range.NONE), DiffMarks.of(right, analysis),
                        null, !wide),
                anyway, rust);
    }

    /**
     * The same diff coloured by {@code tree} (tokens per unified row, null where the lexer's stay), for when
     * tree-sitter changes too many rows to restyle one by one. Off the FX thread.
     */
    PreparedDiff recoloured(List<List<Token>> tree) {
        List<WordDiff.Range> words = WordDiff.forRows(doc.rows());
        if (!isSplit()) {
            return new PreparedDiff(doc, pane(doc, rust, words, unified.marks(), tree), null, null, showAnyway, rust);
        }
        SplitRows rows = SplitRows.of(doc.rows());
        return new PreparedDiff(doc, null,
                pane(left.full(), rust, pick(words, rows.leftSource(), WordDiff.Range.NONE), left.marks(),
                        pick(tree, rows.leftSource(), null)),
                pane(right.full(), rust, pick(words, rows.rightSource(), WordDiff.Range.NONE), right.marks(),
                        pick(tree, rows.rightSource(), null)),
                showAnyway, rust);
    }

    /** Whether this holds the split view's panes (else the unified one). */
    public boolean isSplit() {
        return unified == null;
    }

    /** The entries of {@code all} for the split rows' sources; {@code filler} for a filler row. */
    static <T> List<T> pick(List<T> all, List<Integer> sources, T filler) {
        List<T> out = new ArrayList<>(sources.size());
        sources.forEach(i -> out.add(i < 0 ? filler : all.get(i)));
        return out;
    }

    /** One pane's documents; {@code tree} (nullable, entries too) overrides the lexer's tokens per row. */
    static Pane pane(DiffDocument full, boolean rust, List<WordDiff.Range> words, DiffMarks marks,
                     List<List<Token>> tree) {
        return pane(full, rust, words, marks, tree, true);
    }

    static Pane pane(DiffDocument full, boolean rust, List<WordDiff.Range> words, DiffMarks marks,
                     List<List<Token>> tree, boolean fold) {
        Folding folding = fold ? Folding.of(full.rows()) : Folding.none(full.rows());
        List<DiffRow> rows = full.rows();
        // Lexing and span building are per row and independent: spread them over the cores, then
        // assemble the documents in order.
        List<StyleSpans<Collection<String>>> spans = IntStream.range(0, rows.size()).parallel()
                .mapToObj(i -> tree != null && tree.get(i) != null ? DiffStyler.spans(rows.get(i), tree.get(i), words.get(i))
                        : DiffStyler.spans(rows.get(i), rust, words.get(i))).toList();
        var shown = builder();
        Map<Integer, Doc> folds = new HashMap<>();
        if (folding.shown().isEmpty()) {
            shown.addParagraph("", List.of(), List.of());
        }
        for (int p = 0; p < folding.shown().size(); p++) {
            DiffRow row = folding.shown().get(p);
            int at = folding.source().get(p);
            if (row.kind() == RowKind.FOLD) {
                add(shown, row, DiffStyler.spans(row, rust, WordDiff.Range.NONE));
                var hidden = builder();
                for (int k = at; k < at + row.folded(); k++) {
                    add(hidden, rows.get(k), spans.get(k));
                }
                var built = hidden.build();
                folds.put(at, () -> built);
            } else {
                add(shown, row, spans.get(at));
            }
        }
        var built = shown.build();
        return new Pane(full, folding, () -> built, folds, marks);
    }

    private static ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> builder() {
        return new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
    }

    private static void add(ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> b,
                            DiffRow row, StyleSpans<Collection<String>> spans) {
        b.addParagraph(row.text(), spans, PARAGRAPH_STYLE.get(row.kind()));
    }

    // One shared paragraph style per kind rather than a list per row: 20,000 rows, a handful of styles.
    private static final Map<RowKind, List<String>> PARAGRAPH_STYLE = new java.util.EnumMap<>(RowKind.class);

    static {
        for (RowKind kind : RowKind.values()) {
            PARAGRAPH_STYLE.put(kind, List.of(new DiffRow(kind, 0, 0, "", -1).styleClass()));
        }
    }
}
