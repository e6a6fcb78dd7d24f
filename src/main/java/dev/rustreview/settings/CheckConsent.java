package dev.rustreview.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The repositories whose code the user agreed to build for compiler checks, one folder per line in the user's
 * config folder. Kept with the user, never in the repository: a repository cannot ship its own consent.
 */
public final class CheckConsent {

    private static final String FILE = "compiler-check-consent.txt";

    private final Path file;

    public CheckConsent(AppDirs dirs) {
        this.file = dirs.config().resolve(FILE);
    }

    /** Whether the user agreed for {@code repository}. Reads a file: not on the FX thread. */
    public boolean granted(Path repository) {
        return read().contains(key(repository));
    }

    /** Records the user's agreement for {@code repository}. Writes a file: not on the FX thread. */
    public void grant(Path repository) throws IOException {
        Set<String> all = read();
        if (all.add(key(repository))) {
            dev.rustreview.io.AtomicFiles.replace(file, (String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private Set<String> read() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new LinkedHashSet<>(lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
        } catch (IOException e) {
            return new LinkedHashSet<>();
        }
    }

    private static String key(Path repository) {
        Path abs = repository.toAbsolutePath().normalize();
        try {
            return abs.toRealPath().toString();
        } catch (IOException e) {
            return abs.toString();
        }
    }
}
