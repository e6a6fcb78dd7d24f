package dev.rustreview.ui.diff;

import dev.rustreview.ui.diff.syntax.Token;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * What the tree-sitter colouring changes in one pane, computed off the FX thread: new spans for the rows
 * whose tokens differ from the lexer's (most rows do not), and rebuilt paragraphs for the folds holding
 * such rows. Applying it touches only those rows.
 *
 * @param rows  new spans by full row index
 * @param folds rebuilt fold paragraphs by the full index of the fold's first row
 */
record Restyle(Map<Integer, StyleSpans<Collection<String>>> rows, Map<Integer, PreparedDiff.Doc> folds) {

    /** Restyling row by row fires a change per row; past this many, swapping in a rebuilt area is cheaper. */
    static final int MAX_ROWS = 200;

    /**
     * Tree-sitter's colours for {@code diff}: restyles of its panes (the unified one, or the split view's
     * left and right), or, when too many rows change, the whole diff rebuilt with them.
     */
    record Result(List<Restyle> panes, PreparedDiff rebuilt) {
    }

    static Result of(PreparedDiff diff) {
        List<DiffRow> unified = diff.doc().rows();
        List<List<Token>> tokens = TreeTokens.forRows(unified);
        List<WordDiff.Range> words = WordDiff.forRows(unified);
        List<Restyle> panes;
        if (!diff.isSplit()) {
            panes = List.of(of(diff.unified(), tokens, words));
        } else {
            SplitRows split = SplitRows.of(unified);
            panes = List.of(
                    of(diff.left(), PreparedDiff.pick(tokens, split.leftSource(), null),
                            PreparedDiff.pick(words, split.leftSource(), WordDiff.Range.NONE)),
                    of(diff.right(), PreparedDiff.pick(tokens, split.rightSource(), null),
                            PreparedDiff.pick(words, split.rightSource(), WordDiff.Range.NONE)));
        }
        boolean many = panes.stream().mapToInt(p -> p.rows().size()).sum() > MAX_ROWS;
        return many ? new Result(List.of(), diff.recoloured(tokens)) : new Result(panes, null);
    }

    static Restyle of(PreparedDiff.Pane pane, List<List<Token>> tokens, List<WordDiff.Range> words) {
        List<DiffRow> rows = pane.full().rows();
        java.util.TreeMap<Integer, StyleSpans<Collection<String>>> changed = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Token> tree = tokens.get(i);
            if (tree != null && !tree.equals(DiffStyler.lexed(rows.get(i), true))) {
                changed.put(i, DiffStyler.spans(rows.get(i), tree, words.get(i)));
            }
        }
        Map<Integer, PreparedDiff.Doc> folds = new HashMap<>();
        Folding folding = pane.folding();
        for (int p = 0; p < folding.shown().size(); p++) {
            DiffRow fold = folding.shown().get(p);
            int from = folding.source().get(p);
            if (fold.kind() != RowKind.FOLD || changed.subMap(from, from + fold.folded()).isEmpty()) {
                continue;
            }
            var b = new ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>>(
                    SegmentOps.styledTextOps(), List.of());
            for (int k = from; k < from + fold.folded(); k++) {
                DiffRow row = rows.get(k);
                StyleSpans<Collection<String>> spans = changed.get(k);
                b.addParagraph(row.text(), spans != null ? spans : DiffStyler.spans(row, true, words.get(k)),
                        List.of(row.styleClass()));
            }
            var built = b.build();
            folds.put(from, () -> built);
        }
        return new Restyle(changed, folds);
    }
}
