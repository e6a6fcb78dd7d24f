package dev.rustreview.git;

import java.util.Locale;
import java.util.Map;

/** Guesses a short language name from a path, for syntax highlighting and for deciding what to analyse. */
final class Languages {

    static final String TEXT = "text";

    private static final Map<String, String> BY_FILE_NAME = Map.of(
            "cargo.lock", "toml",
            "dockerfile", "dockerfile",
            "makefile", "make",
            "justfile", "make");

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("rs", "rust"),
            Map.entry("toml", "toml"),
            Map.entry("md", "markdown"), Map.entry("markdown", "markdown"),
            Map.entry("sql", "sql"),
            Map.entry("yml", "yaml"), Map.entry("yaml", "yaml"),
            Map.entry("json", "json"),
            Map.entry("c", "c"), Map.entry("h", "c"),
            Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"), Map.entry("hpp", "cpp"),
            Map.entry("sh", "shell"), Map.entry("bash", "shell"), Map.entry("zsh", "shell"),
            Map.entry("py", "python"),
            Map.entry("js", "javascript"), Map.entry("mjs", "javascript"),
            Map.entry("ts", "typescript"),
            Map.entry("java", "java"),
            Map.entry("go", "go"),
            Map.entry("html", "html"), Map.entry("htm", "html"),
            Map.entry("css", "css"),
            Map.entry("xml", "xml"),
            Map.entry("proto", "protobuf"),
            Map.entry("txt", TEXT));

    private Languages() {
    }

    static String of(String path) {
        if (path == null) {
            return TEXT;
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String byName = BY_FILE_NAME.get(name);
        if (byName != null) {
            return byName;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return TEXT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1), TEXT);
    }
}
