package dev.rustreview.ui.navigator;

import dev.rustreview.io.AtomicFiles;
import dev.rustreview.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The navigator's severity filter as the reviewer left it, one line in {@code navigator-noise.properties} in the
 * config folder (kept apart from the window's state so each remembers its own); unreadable means "all".
 */
public final class NoisePrefs {

    static final String FILE = "navigator-noise.properties";

    private NoisePrefs() {
    }

    /** The remembered minimum severity, or null for every finding. */
    public static Severity load(Path dir) {
        try {
            Path file = dir.resolve(FILE);
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return null;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("minimum=")) {
                    String v = line.substring("minimum=".length()).strip();
                    for (Severity s : Severity.values()) {
                        if (s.name().equals(v)) {
                            return s;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // defaults
        }
        return null;
    }

    public static void save(Path dir, Severity minimum) throws IOException {
        Files.createDirectories(dir);
        String text = "# Rust Review navigator: lowest severity counted (ALL: every finding)\nminimum="
                + (minimum == null ? "ALL" : minimum.name()) + "\n";
        AtomicFiles.replace(dir.resolve(FILE), text.getBytes(StandardCharsets.UTF_8), null);
    }
}
