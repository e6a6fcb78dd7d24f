package dev.rustreview.review;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the application keeps its own files, per platform conventions: the cache (the built sample
 * repository) and the configuration (settings, window state). Computed from an environment map so tests
 * can point it anywhere.
 */
public record AppDirs(Path cache, Path config) {

    private static final String APP = "rust-review";

    /** The directories for this user and OS. */
    public static AppDirs forCurrentUser() {
        return of(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The directories derived from an environment, an OS name and a home directory. */
    public static AppDirs of(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        String override = env.get("RUST_REVIEW_HOME");
        if (override != null && !override.isBlank()) {
            Path root = Path.of(override);
            return new AppDirs(root.resolve("cache"), root.resolve("config"));
        }
        if (os.contains("win")) {
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
            Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
            return new AppDirs(local.resolve(APP).resolve("cache"), roaming.resolve(APP));
        }
        if (os.contains("mac")) {
            Path library = home.resolve("Library");
            return new AppDirs(library.resolve("Caches").resolve(APP), library.resolve("Application Support").resolve(APP));
        }
        Path cache = pathOr(env.get("XDG_CACHE_HOME"), home.resolve(".cache"));
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        return new AppDirs(cache.resolve(APP), config.resolve(APP));
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    /** The folder under which the bundled sample repository is built. */
    public Path samples() {
        return cache.resolve("samples");
    }
}
