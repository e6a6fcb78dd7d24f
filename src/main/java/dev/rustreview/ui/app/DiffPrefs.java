package dev.rustreview.ui.app;

import dev.rustreview.io.AtomicFiles;
import dev.rustreview.ui.diff.DiffView;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How the reviewer likes to read diffs: text size, soft wrap and whether whitespace counts, remembered between runs in
 * {@code diff.properties} of the config folder (written atomically; unreadable means defaults).
 */
record DiffPrefs(int fontSize, boolean wrap, boolean ignoreWhitespace) {

    static final DiffPrefs DEFAULTS = new DiffPrefs(DiffView.DEFAULT_FONT_SIZE, false, false);
    static final String FILE = "diff.properties";

    DiffPrefs {
        fontSize = Math.max(DiffView.MIN_FONT_SIZE, Math.min(DiffView.MAX_FONT_SIZE, fontSize));
    }

    static DiffPrefs load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return new DiffPrefs(Integer.parseInt(p.getProperty("fontSize", Integer.toString(DEFAULTS.fontSize)).strip()),
                    Boolean.parseBoolean(p.getProperty("wrap", "false").strip()),
                    Boolean.parseBoolean(p.getProperty("ignoreWhitespace", "false").strip()));
        } catch (IOException | RuntimeException e) {
            return DEFAULTS;
        }
    }

    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("fontSize", Integer.toString(fontSize));
        p.setProperty("wrap", Boolean.toString(wrap));
        p.setProperty("ignoreWhitespace", Boolean.toString(ignoreWhitespace));
        java.io.StringWriter out = new java.io.StringWriter();
        p.store(out, "Rust Review diff view");
        AtomicFiles.replace(dir.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8), null);
    }

    static DiffPrefs of(DiffView view) {
        return new DiffPrefs(view.fontSizeProperty().get(), view.wrapProperty().get(),
                view.ignoreWhitespaceProperty().get());
    }

    void applyTo(DiffView view) {
        view.fontSizeProperty().set(fontSize);
        view.wrapProperty().set(wrap);
        view.ignoreWhitespaceProperty().set(ignoreWhitespace);
    }
}
