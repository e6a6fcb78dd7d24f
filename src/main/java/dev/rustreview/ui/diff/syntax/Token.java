package dev.rustreview.ui.diff.syntax;

/** A coloured range {@code [start, end)} of one line. */
public record Token(TokenKind kind, int start, int end) {
}
