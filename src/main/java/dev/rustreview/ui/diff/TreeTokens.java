package dev.rustreview.ui.diff;

import dev.rustreview.analysis.Highlights;
import dev.rustreview.ui.diff.syntax.Token;
import dev.rustreview.ui.diff.syntax.TokenKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tree-sitter tokens for the rows of a unified diff. A hunk's context and added rows are consecutive lines
 * of the new file, its context and removed rows of the old one, so each side of each hunk is parsed as
 * one fragment and the tokens go back to the rows they came from. Slow next to the lexer (a parse per
 * hunk side), so it runs after the lexer-coloured file is on screen, off the FX thread.
 */
final class TreeTokens {

    // Parsing and mirroring the tree costs about 0.3 ms a line here (20,000 valid lines: 6 s; the mirror,
    // not the parse, is most of it), so this colours hunk sides up to a few thousand lines; longer ones keep
    // the lexer's colours rather than keep a core busy for seconds. The timeout catches pathological input.
    static final int MAX_SIDE_LINES = 3_000;
    static final java.time.Duration PARSE_TIMEOUT = java.time.Duration.ofSeconds(2);

    private TreeTokens() {
    }

    /** For each row its tokens from the tree; null for rows that are not code. */
    static List<List<Token>> forRows(List<DiffRow> rows) {
        List<List<Token>> out = new ArrayList<>(java.util.Collections.nCopies(rows.size(), (List<Token>) null));
        int i = 0;
        while (i < rows.size()) {
            int hunk = rows.get(i).hunk();
            int end = i;
            while (end < rows.size() && rows.get(end).hunk() == hunk) {
                end++;
            }
            if (hunk >= 0) {
                side(rows, i, end, RowKind.ADDED, out);   // new side: context and added rows
                side(rows, i, end, RowKind.REMOVED, out); // old side: removed rows only (context is set)
            }
            i = end;
        }
        return out;
    }

    // Parses the context rows with the rows of kind {@code changed}; assigns tokens to {@code changed}
    // rows and, on the new side, to the context rows too.
    private static void side(List<DiffRow> rows, int from, int to, RowKind changed, List<List<Token>> out) {
        List<Integer> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int r = from; r < to; r++) {
            RowKind k = rows.get(r).kind();
            if (k == RowKind.CONTEXT || k == changed) {
                lines.add(r);
                text.append(rows.get(r).text()).append('\n');
            }
        }
        if (lines.isEmpty() || lines.size() > MAX_SIDE_LINES) {
            return;
        }
        var spans = Highlights.of(text.toString(), PARSE_TIMEOUT);
        if (spans.isEmpty()) {
            return; // not parsed in time: these rows keep the lexer's colours
        }
        @SuppressWarnings("unchecked")
        List<Token>[] byLine = new List[lines.size()];
        Arrays.setAll(byLine, x -> new ArrayList<>());
        for (Highlights.Span s : spans.get()) {
            if (s.line() < byLine.length) {
                add(byLine[s.line()], new Token(TokenKind.valueOf(s.kind().toUpperCase(Locale.ROOT)), s.start(), s.end()));
            }
        }
        for (int l = 0; l < lines.size(); l++) {
            int r = lines.get(l);
            if (rows.get(r).kind() == changed || changed == RowKind.ADDED) {
                out.set(r, byLine[l]);
            }
        }
    }

    // Joins a token to the previous one of the same kind it touches (a macro's name and its '!'), so rows
    // the tree colours like the lexer compare equal and are left alone.
    private static void add(List<Token> line, Token t) {
        Token last = line.isEmpty() ? null : line.get(line.size() - 1);
        if (last != null && last.kind() == t.kind() && last.end() == t.start()) {
            line.set(line.size() - 1, new Token(t.kind(), last.start(), t.end()));
        } else {
            line.add(t);
        }
    }
}
