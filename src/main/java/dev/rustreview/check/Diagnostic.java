package dev.rustreview.check;

import java.util.Locale;

/**
 * One compiler diagnostic placed in the tree: its primary span's file and lines, and the lines of every span
 * it names in that file ({@code extentFrom..extentTo}, e.g. the {@code .await} points a guard is held across).
 *
 * @param lint       {@code clippy::await_holding_lock}, {@code E0308}, {@code unused_variables}, or empty
 * @param suggestion the first suggested replacement the compiler offered, null when none
 */
record Diagnostic(String lint, String level, String message, String path, int line, int endLine,
                  int extentFrom, int extentTo, String item, String suggestion, String rendered) {

    boolean isClippy() {
        return lint.startsWith("clippy::");
    }

    String source() {
        return isClippy() ? "clippy" : "rustc";
    }

    /** The lint without its tool prefix. */
    String lintName() {
        return isClippy() ? lint.substring("clippy::".length()) : lint;
    }

    /** What makes two diagnostics the same across base and head: lint, file, item and normalised message. */
    String key() {
        return lint + "\u0000" + path + "\u0000" + item + "\u0000" + normalise(message);
    }

    Diagnostic withPath(String newPath) {
        return new Diagnostic(lint, level, message, newPath, line, endLine, extentFrom, extentTo, item, suggestion, rendered);
    }

    /**
     * Line and column references and whitespace runs change when unrelated code moves; they must not make an
     * old diagnostic look new.
     */
    static String normalise(String message) {
        return message.replaceAll("[\\w./-]+\\.rs:\\d+(:\\d+)?", "<loc>")
                .replaceAll("\\s+", " ")
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}
