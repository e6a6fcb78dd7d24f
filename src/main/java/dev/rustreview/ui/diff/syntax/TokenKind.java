package dev.rustreview.ui.diff.syntax;

/** The lexical classes the diff view colours; each maps to a CSS class {@code tok-<name>}. */
public enum TokenKind {
    KEYWORD, STRING, COMMENT, NUMBER, LIFETIME, MACRO, TYPE, ATTRIBUTE;

    public String styleClass() {
        return "tok-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
