package dev.rustreview.ui.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command "Open in editor" runs, as an argument list (never through a shell). In order of preference:
 * {@code RUST_REVIEW_EDITOR}, a template with {@code {file}} and {@code {line}} ({@code code --goto
 * {file}:{line}}, {@code idea --line {line} {file}}); {@code $VISUAL} or {@code $EDITOR}, given
 * {@code +LINE FILE} as vi, Emacs, nano, gedit and Kate all understand; else the desktop's opener
 * ({@code xdg-open}, {@code open} on macOS), which cannot go to a line.
 */
record EditorCommand(List<String> argv) {

    static EditorCommand of(Map<String, String> env, String os, Path file, int line) {
        String f = file.toString();
        String l = Integer.toString(Math.max(1, line));
        String template = env.get("RUST_REVIEW_EDITOR");
        if (template != null && !template.isBlank()) {
            List<String> argv = new ArrayList<>();
            boolean namedFile = template.contains("{file}");
            for (String word : words(template)) {
                argv.add(word.replace("{file}", f).replace("{line}", l));
            }
            if (!namedFile) {
                argv.add(f);
            }
            return new EditorCommand(List.copyOf(argv));
        }
        for (String var : List.of("VISUAL", "EDITOR")) {
            String editor = env.get(var);
            if (editor != null && !editor.isBlank()) {
                List<String> argv = new ArrayList<>(words(editor));
                argv.add("+" + l);
                argv.add(f);
                return new EditorCommand(List.copyOf(argv));
            }
        }
        boolean mac = os.toLowerCase(java.util.Locale.ROOT).contains("mac");
        boolean windows = os.toLowerCase(java.util.Locale.ROOT).contains("win");
        if (windows) {
            return new EditorCommand(List.of("cmd", "/c", "start", "", f));
        }
        return new EditorCommand(List.of(mac ? "open" : "xdg-open", f));
    }

    /** Splits a command line at spaces, keeping "quoted parts" and 'quoted parts' together. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !word.isEmpty()) {
                    out.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || !word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }
}
