package dev.rustreview.analysis.crate;

import java.util.Arrays;

/**
 * Rust source cut into tokens (identifiers, literals, punctuation; comments and whitespace dropped) in plain
 * Java: the crate index reads hundreds of unchanged files with it, where a full syntax tree per file would cost
 * seconds. Multi-character operators are kept only where the index needs them ({@code ::}, {@code ->},
 * {@code =>}); everything else is one character. Never throws: malformed input yields odd tokens, not errors.
 */
final class Tokens {

    static final byte IDENT = 1;
    static final byte LITERAL = 2;
    static final byte PUNCT = 3;
    static final byte LIFETIME = 4;

    private final String src;
    private byte[] kinds = new byte[256];
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int size;

    private Tokens(String src) {
        this.src = src;
    }

    static Tokens of(String src) {
        Tokens t = new Tokens(src);
        t.scan();
        return t;
    }

    int size() {
        return size;
    }

    byte kind(int i) {
        return i >= 0 && i < size ? kinds[i] : 0;
    }

    String text(int i) {
        return i >= 0 && i < size ? src.substring(starts[i], ends[i]) : "";
    }

    /** Whether token {@code i} is exactly {@code s}. */
    boolean is(int i, String s) {
        if (i < 0 || i >= size || ends[i] - starts[i] != s.length()) {
            return false;
        }
        return src.startsWith(s, starts[i]);
    }

    int start(int i) {
        return starts[i];
    }

    /** The 1-based line token {@code i} starts on (computed on demand; the index asks rarely). */
    int line(int i, int[] lineStarts) {
        int at = Arrays.binarySearch(lineStarts, starts[i]);
        return (at >= 0 ? at : -at - 2) + 1;
    }

    int[] lineStarts() {
        int n = 1;
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 1;
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                out[k++] = i + 1;
            }
        }
        return out;
    }

    /** The source between the start of token {@code from} and the end of token {@code to}, whitespace removed. */
    String compact(int from, int to) {
        if (from > to || from < 0 || to >= size) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append(src, starts[i], ends[i]);
            // `dyn Trait`, and `&'a Type` (glued, the lifetime would swallow the type's name)
            if (i < to && (kinds[i] == IDENT || kinds[i] == LIFETIME) && kinds[i + 1] == IDENT) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private void add(byte kind, int start, int end) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    private void scan() {
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                int nl = src.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                i = blockComment(i, n);
            } else if ((c == 'r' || c == 'b') && rawString(i, n) > i) {
                int end = rawString(i, n);
                add(LITERAL, i, end);
                i = end;
            } else if (c == '"' || (c == 'b' && i + 1 < n && src.charAt(i + 1) == '"')) {
                int end = string(c == 'b' ? i + 1 : i, n);
                add(LITERAL, i, end);
                i = end;
            } else if (c == '\'') {
                i = quote(i, n);
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
                    j++;
                }
                add(IDENT, i, j);
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_'
                        || (src.charAt(j) == '.' && j + 1 < n && Character.isDigit(src.charAt(j + 1))))) {
                    j++;
                }
                add(LITERAL, i, j);
                i = j;
            } else if (i + 1 < n && ((c == ':' && src.charAt(i + 1) == ':') || (c == '-' && src.charAt(i + 1) == '>')
                    || (c == '=' && src.charAt(i + 1) == '>'))) {
                add(PUNCT, i, i + 2);
                i += 2;
            } else {
                add(PUNCT, i, i + 1);
                i++;
            }
        }
    }

    private int blockComment(int i, int n) {
        int depth = 0;
        int j = i;
        while (j < n) {
            if (src.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (src.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /** The end of a raw string starting at {@code i} ({@code r"..", r#".."#, br".."}), or {@code i} if none. */
    private int rawString(int i, int n) {
        int j = i;
        if (src.charAt(j) == 'b') {
            j++;
        }
        if (j >= n || src.charAt(j) != 'r') {
            return i;
        }
        j++;
        int hashes = 0;
        while (j < n && src.charAt(j) == '#') {
            hashes++;
            j++;
        }
        if (j >= n || src.charAt(j) != '"') {
            return i;
        }
        String close = "\"" + "#".repeat(hashes);
        int end = src.indexOf(close, j + 1);
        return end < 0 ? n : end + close.length();
    }

    private int string(int i, int n) {
        int j = i + 1;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '"') {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    /** A char literal ({@code 'a'}, {@code '\n'}) or a lifetime ({@code 'a}). */
    private int quote(int i, int n) {
        if (i + 2 < n && src.charAt(i + 1) == '\\') {
            int end = src.indexOf('\'', i + 2);
            end = end < 0 ? n : end + 1;
            add(LITERAL, i, end);
            return end;
        }
        if (i + 2 < n && src.charAt(i + 2) == '\'') {
            add(LITERAL, i, i + 3);
            return i + 3;
        }
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
            j++;
        }
        if (j == i + 1) {
            add(PUNCT, i, i + 1);
            return i + 1;
        }
        add(LIFETIME, i, j);
        return j;
    }
}
