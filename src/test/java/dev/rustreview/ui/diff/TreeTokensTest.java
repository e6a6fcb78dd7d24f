package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.ui.diff.syntax.Token;
import dev.rustreview.ui.diff.syntax.TokenKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tree-sitter tokens per row: each hunk side parsed as one fragment, tokens back on their rows. */
class TreeTokensTest {

    private static DiffRow row(RowKind kind, int line, String text) {
        return new DiffRow(kind, kind == RowKind.ADDED ? 0 : line, kind == RowKind.REMOVED ? 0 : line, text, 0);
    }

    @Test
    void eachSideIsParsedWholeSoACommentSpanningRowsIsKnown() {
        List<DiffRow> rows = List.of(new DiffRow(RowKind.HUNK_HEADER, 0, 0, "@@ -1,3 +1,3 @@", 0),
                row(RowKind.CONTEXT, 1, "/* starts here"),
                row(RowKind.REMOVED, 2, "let x = 1; */"),
                row(RowKind.ADDED, 2, "let x = 2; */ let y = 3;"),
                row(RowKind.CONTEXT, 3, "fn f() {}"));
        List<List<Token>> tokens = TreeTokens.forRows(rows);
        assertThat(tokens.get(0)).isNull();
        // The lexer would see a keyword and a number: the tree knows the comment from the row above goes on.
        assertThat(tokens.get(2)).containsExactly(new Token(TokenKind.COMMENT, 0, 13));
        assertThat(tokens.get(3)).containsExactly(new Token(TokenKind.COMMENT, 0, 13),
                new Token(TokenKind.KEYWORD, 14, 17), new Token(TokenKind.NUMBER, 22, 23));
        assertThat(tokens.get(4)).containsExactly(new Token(TokenKind.KEYWORD, 0, 2));
        assertThat(DiffStyler.lexed(rows.get(2), true)).isNotEqualTo(tokens.get(2));
    }

    @Test
    void aHunkSideLongerThanTheCapKeepsTheLexersColoursWhileTheShortSideIsParsed() {
        List<DiffRow> rows = new java.util.ArrayList<>();
        rows.add(new DiffRow(RowKind.HUNK_HEADER, 0, 0, "@@", 0));
        rows.add(row(RowKind.REMOVED, 1, "fn old() {}"));
        for (int i = 1; i <= TreeTokens.MAX_SIDE_LINES + 1; i++) {
            rows.add(row(RowKind.ADDED, i, "fn f" + i + "() {}"));
        }
        List<List<Token>> tokens = TreeTokens.forRows(rows);
        assertThat(tokens.get(1)).contains(new Token(TokenKind.KEYWORD, 0, 2));
        assertThat(tokens.subList(2, rows.size())).allMatch(t -> t == null);
    }

    @Test
    void onlyRowsColouredDifferentlyAreRestyled() {
        List<DiffRow> rows = List.of(new DiffRow(RowKind.HUNK_HEADER, 0, 0, "@@", 0),
                row(RowKind.CONTEXT, 1, "/* a"), row(RowKind.CONTEXT, 2, "fn b */"), row(RowKind.ADDED, 3, "fn c() {}"));
        PreparedDiff.Pane pane = PreparedDiff.pane(new DiffDocument("a.rs", rows), true, WordDiff.forRows(rows),
                DiffMarks.NONE, null);
        Restyle restyle = Restyle.of(pane, TreeTokens.forRows(rows), WordDiff.forRows(rows));
        assertThat(restyle.rows()).containsOnlyKeys(2);
        assertThat(restyle.rows().get(2).getStyleSpan(0).getStyle()).contains("tok-comment");
    }

    @Test
    void tooManyChangedRowsRebuildTheDiffInsteadOfRestylingRowByRow() {
        List<dev.rustreview.model.DiffLine> lines = new java.util.ArrayList<>();
        lines.add(new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, 1, "/*", false, false));
        for (int i = 2; i <= Restyle.MAX_ROWS + 2; i++) {
            lines.add(new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, i, "let x = 1;", false, false));
        }
        lines.add(new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, Restyle.MAX_ROWS + 3, "*/", false, false));
        var file = new dev.rustreview.model.FileChange(null, "src/new.rs", dev.rustreview.model.ChangeType.ADDED, 0,
                dev.rustreview.model.FileKind.REGULAR, dev.rustreview.model.FileKind.REGULAR, null, "2", -1, 4000, false,
                false, "rust", "UTF-8", List.of(new dev.rustreview.model.Hunk(0, 0, 1, lines.size(), lines)));
        PreparedDiff lexed = PreparedDiff.of(file, null);
        assertThat(lexed.unified().shown().get().getParagraph(5).getStyleOfChar(1)).contains("tok-keyword");

        Restyle.Result result = Restyle.of(lexed);
        assertThat(result.panes()).isEmpty();
        var doc = result.rebuilt().unified().shown().get();
        assertThat(doc.getText()).isEqualTo(lexed.unified().shown().get().getText());
        assertThat(doc.getParagraph(5).getStyleOfChar(1)).contains("tok-comment");
    }
}
