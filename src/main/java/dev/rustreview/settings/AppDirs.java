package dev.rustreview.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the application keeps its own files, per platform convention: the cache (the built sample
 * repository) and the configuration (settings, window state). Computed from an environment map so tests can
 * point it anywhere. {@code RUST_REVIEW_HOME} overrides both (tests and portable installs use it).
 */
public record AppDirs(Path cache, Path config) {

    private static final String APP = "rust-review";

    /** The directories for this user and OS. */
    public static AppDirs forCurrentUser() {
        boolean homeGiven = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-Duser.home="));
        return of(System.getenv(), System.getProperty("os.name", ""),
                home(System.getenv("HOME"), System.getProperty("user.home"), homeGiven));
    }

    /**
     * The home folder as the user means it. Java's {@code user.home} comes from the password database and
     * ignores {@code $HOME}, which every other tool (git, cargo, XDG) honours; so {@code $HOME} wins when it is
     * an absolute path, unless {@code -Duser.home} was given on the command line, which is the most explicit.
     */
    static Path home(String envHome, String userHome, boolean userHomeGiven) {
        Path fromEnv = absolute(envHome);
        if (fromEnv != null && !userHomeGiven) {
            return fromEnv;
        }
        return Path.of(userHome);
    }

    /**
     * The directories for an environment, OS name and home: XDG variables when they hold absolute paths
     * (on any platform, as the XDG specification asks), else {@code %LOCALAPPDATA%}/{@code %APPDATA%} on
     * Windows, {@code ~/Library/Caches} and {@code ~/Library/Application Support} on macOS, and
     * {@code ~/.cache} and {@code ~/.config} elsewhere.
     */
    public static AppDirs of(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path override = absolute(env.get("RUST_REVIEW_HOME"));
        if (override != null) {
            return new AppDirs(override.resolve("cache"), override.resolve("config"));
        }
        Path xdgCache = absolute(env.get("XDG_CACHE_HOME"));
        Path xdgConfig = absolute(env.get("XDG_CONFIG_HOME"));
        Path cache;
        Path config;
        if (os.startsWith("windows")) {
            cache = orElse(absolute(env.get("LOCALAPPDATA")), home.resolve("AppData").resolve("Local")).resolve(APP).resolve("cache");
            config = orElse(absolute(env.get("APPDATA")), home.resolve("AppData").resolve("Roaming")).resolve(APP);
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            cache = home.resolve("Library").resolve("Caches").resolve(APP);
            config = home.resolve("Library").resolve("Application Support").resolve(APP);
        } else {
            cache = home.resolve(".cache").resolve(APP);
            config = home.resolve(".config").resolve(APP);
        }
        return new AppDirs(xdgCache != null ? xdgCache.resolve(APP) : cache,
                xdgConfig != null ? xdgConfig.resolve(APP) : config);
    }

    private static Path orElse(Path value, Path fallback) {
        return value != null ? value : fallback;
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The folder under which the bundled sample repository is built. */
    public Path samples() {
        return cache.resolve("samples");
    }

    /** The user's settings file (provenance patterns, preferences). */
    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
