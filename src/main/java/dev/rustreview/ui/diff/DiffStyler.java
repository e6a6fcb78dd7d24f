package dev.rustreview.ui.diff;

import dev.rustreview.ui.diff.syntax.RustLexer;
import dev.rustreview.ui.diff.syntax.Token;
import dev.rustreview.ui.diff.syntax.TokenKind;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
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
        String text = row.text();
        boolean code = rust && (row.kind() == RowKind.ADDED || row.kind() == RowKind.REMOVED || row.kind() == RowKind.CONTEXT);
        List<Token> tokens = code ? RustLexer.tokens(text) : List.of();
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        if (tokens.isEmpty() && word.isEmpty()) {
            return b.add(PLAIN, text.length()).create();
        }
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
        tokens.forEach(t -> {
            cuts.add(t.start());
            cuts.add(t.end());
        });
        if (!word.isEmpty()) {
            cuts.add(word.start());
            cuts.add(Math.min(word.end(), text.length()));
        }
        int ti = 0;
        Integer from = cuts.first();
        for (Integer to : cuts.tailSet(from, false)) {
            while (ti < tokens.size() && tokens.get(ti).end() <= from) {
                ti++;
            }
            TokenKind kind = ti < tokens.size() && tokens.get(ti).start() <= from ? tokens.get(ti).kind() : null;
            boolean changed = !word.isEmpty() && from >= word.start() && to <= word.end();
            List<String> classes = kind == null ? (changed ? PLAIN_WORD : PLAIN)
                    : (changed ? TOKEN_WORD.get(kind) : TOKEN.get(kind));
            b.add(classes, to - from);
            from = to;
        }
        return b.create();
    }
}
