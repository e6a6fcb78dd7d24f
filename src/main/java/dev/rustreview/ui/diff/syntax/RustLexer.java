package dev.rustreview.ui.diff.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A lexical Rust highlighter for single diff lines: keywords, strings, comments, numbers, lifetimes,
 * macros, types and attributes. Lexical on purpose: a diff row is a fragment (half a statement, one side
 * of a change), which a parser would reject, and per-line lexing keeps 20,000-line files fast. The price:
 * a line inside a multi-line block comment or raw string is not known to be one.
 */
public final class RustLexer {

    private static final Set<String> KEYWORDS = Set.of("as", "async", "await", "break", "const", "continue",
            "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop",
            "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
            "trait", "true", "type", "unsafe", "use", "where", "while", "union", "yield");

    private RustLexer() {
    }

    /** The tokens of {@code line}, in order and not overlapping; plain text between them is not listed. */
    public static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
                out.add(new Token(TokenKind.COMMENT, i, n));
                return out;
            }
            if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
                int end = line.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                out.add(new Token(TokenKind.COMMENT, i, stop));
                i = stop;
            } else if (c == '#' && i + 1 < n && (line.charAt(i + 1) == '[' || line.charAt(i + 1) == '!')) {
                int stop = closing(line, line.indexOf('[', i));
                out.add(new Token(TokenKind.ATTRIBUTE, i, stop));
                i = stop;
            } else if (c == '"' || (c == 'b' && i + 1 < n && line.charAt(i + 1) == '"')) {
                int stop = stringEnd(line, c == 'b' ? i + 2 : i + 1);
                out.add(new Token(TokenKind.STRING, i, stop));
                i = stop;
            } else if (c == 'r' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '#')
                    && (i == 0 || !Character.isJavaIdentifierPart(line.charAt(i - 1)))) {
                i = rawString(line, i, out);
            } else if (c == '\'') {
                i = quote(line, i, out);
            } else if (Character.isDigit(c)) {
                int stop = i + 1;
                while (stop < n && (Character.isLetterOrDigit(line.charAt(stop)) || line.charAt(stop) == '_'
                        || line.charAt(stop) == '.' && stop + 1 < n && Character.isDigit(line.charAt(stop + 1)))) {
                    stop++;
                }
                out.add(new Token(TokenKind.NUMBER, i, stop));
                i = stop;
            } else if (Character.isJavaIdentifierStart(c)) {
                int stop = i + 1;
                while (stop < n && Character.isJavaIdentifierPart(line.charAt(stop))) {
                    stop++;
                }
                word(line, i, stop, out);
                i = stop;
            } else {
                i++;
            }
        }
        return out;
    }

    private static void word(String line, int start, int end, List<Token> out) {
        String w = line.substring(start, end);
        if (end < line.length() && line.charAt(end) == '!' && !(end + 1 < line.length() && line.charAt(end + 1) == '=')) {
            out.add(new Token(TokenKind.MACRO, start, end + 1));
        } else if (KEYWORDS.contains(w)) {
            out.add(new Token(TokenKind.KEYWORD, start, end));
        } else if (Character.isUpperCase(w.charAt(0))) {
            out.add(new Token(TokenKind.TYPE, start, end));
        }
    }

    private static int stringEnd(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return line.length();
    }

    private static int rawString(String line, int start, List<Token> out) {
        int i = start + 1;
        int hashes = 0;
        while (i < line.length() && line.charAt(i) == '#') {
            hashes++;
            i++;
        }
        if (i >= line.length() || line.charAt(i) != '"') {
            // r#ident is a raw identifier, not a string.
            return start + 1;
        }
        int end = line.indexOf("\"" + "#".repeat(hashes), i + 1);
        int stop = end < 0 ? line.length() : end + 1 + hashes;
        out.add(new Token(TokenKind.STRING, start, stop));
        return stop;
    }

    /** A char literal {@code 'a'}, {@code '\n'}, or a lifetime {@code 'a} / {@code 'static}. */
    private static int quote(String line, int start, List<Token> out) {
        int n = line.length();
        if (start + 2 < n && line.charAt(start + 1) == '\\') {
            int end = line.indexOf('\'', start + 2);
            int stop = end < 0 ? n : end + 1;
            out.add(new Token(TokenKind.STRING, start, stop));
            return stop;
        }
        if (start + 2 < n && line.charAt(start + 2) == '\'') {
            out.add(new Token(TokenKind.STRING, start, start + 3));
            return start + 3;
        }
        int stop = start + 1;
        while (stop < n && Character.isJavaIdentifierPart(line.charAt(stop))) {
            stop++;
        }
        if (stop > start + 1) {
            out.add(new Token(TokenKind.LIFETIME, start, stop));
        }
        return Math.max(stop, start + 1);
    }

    private static int closing(String line, int open) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            if (line.charAt(i) == '[') {
                depth++;
            } else if (line.charAt(i) == ']' && --depth == 0) {
                return i + 1;
            }
        }
        return line.length();
    }
}
