package dev.rustreview.ui.diff;

import dev.rustreview.ui.diff.syntax.RustLexer;
import dev.rustreview.ui.diff.syntax.Token;
import dev.rustreview.ui.diff.syntax.TokenKind;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The pure styler: for one row, the style spans that combine Rust token classes with the intra-line
 * highlight. No toolkit involved, so it runs on worker threads and is tested on strings.
 */
public final class DiffStyler {

    static final String TEXT = "diff-text";
    static final String WORD_CHANGE = "diff-word";
    private static final List<String> PLAIN = List.of(TEXT);
    private static final List<String> PLAIN_WORD = List.of(TEXT, WORD_CHANGE);
    // One shared list per class combination: a 20,000-line file has ~200,000 spans, and a fresh list
    // for each would dominate the styling time and the document's memory.
    private static final java.util.Map<TokenKind, List<String>> TOKEN = new java.util.EnumMap<>(TokenKind.class);
    private static final java.util.Map<TokenKind, List<String>> TOKEN_WORD = new java.util.EnumMap<>(TokenKind.class);

    static {
        for (TokenKind k : TokenKind.values()) {
            TOKEN.put(k, List.of(TEXT, k.styleClass()));
            TOKEN_WORD.put(k, List.of(TEXT, k.styleClass(), WORD_CHANGE));
        }
    }

    private DiffStyler() {
    }

    /** Spans for {@code row}; {@code rust} turns token colouring on, {@code word} marks the changed words. */
    public static StyleSpans<Collection<String>> spans(DiffRow row, boolean rust, WordDiff.Range word) {
        return spans(row, lexed(row, rust), word);
    }

    /** The lexer's tokens for {@code row}: none unless it is a line of Rust code. */
    static List<Token> lexed(DiffRow row, boolean rust) {
        boolean code = rust && (row.kind() == RowKind.ADDED || row.kind() == RowKind.REMOVED || row.kind() == RowKind.CONTEXT);
        return code ? RustLexer.tokens(row.text()) : List.of();
    }

    /** Spans for {@code row} coloured by {@code tokens} (sorted, not overlapping) with the word highlight. */
    static StyleSpans<Collection<String>> spans(DiffRow row, List<Token> tokens, WordDiff.Range word) {
        String text = row.text();
        if (tokens.isEmpty() && word.isEmpty()) {
            return StyleSpans.singleton(PLAIN, text.length());
        }
        // One sweep over the sorted, non-overlapping tokens, each gap and token cut at the word range's
        // ends: 136,000 spans for a 20,000-line file, so no sets or boxing per cut.
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>(2 * tokens.size() + 3);
        int wordStart = word.isEmpty() ? -1 : word.start();
        int wordEnd = word.isEmpty() ? -1 : Math.min(word.end(), text.length());
        int at = 0;
        for (Token t : tokens) {
            if (t.start() > at) {
                add(b, at, t.start(), null, wordStart, wordEnd);
            }
            add(b, t.start(), t.end(), t.kind(), wordStart, wordEnd);
            at = t.end();
        }
        if (at < text.length() || text.isEmpty()) {
            add(b, at, text.length(), null, wordStart, wordEnd);
        }
        return b.create();
    }

    // Adds [from, to) in kind's classes, in up to three pieces: before, inside and after the changed words.
    private static void add(StyleSpansBuilder<Collection<String>> b, int from, int to, TokenKind kind,
                            int wordStart, int wordEnd) {
        int inFrom = Math.max(from, wordStart);
        int inTo = Math.min(to, wordEnd);
        if (inFrom >= inTo) {
            b.add(classes(kind, false), to - from);
            return;
        }
        if (inFrom > from) {
            b.add(classes(kind, false), inFrom - from);
        }
        b.add(classes(kind, true), inTo - inFrom);
        if (to > inTo) {
            b.add(classes(kind, false), to - inTo);
        }
    }

    private static List<String> classes(TokenKind kind, boolean changed) {
        if (kind == null) {
            return changed ? PLAIN_WORD : PLAIN;
        }
        return changed ? TOKEN_WORD.get(kind) : TOKEN.get(kind);
    }
}
