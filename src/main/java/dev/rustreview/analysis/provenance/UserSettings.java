package dev.rustreview.analysis.provenance;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the user's settings file lives, following each platform's convention for configuration. */
public final class UserSettings {

    static final String APP_DIR = "rust-review";
    static final String FILE_NAME = "settings.json";

    private UserSettings() {
    }

    /** The settings file for the running process's environment, operating system and home directory. */
    public static Path location() {
        return location(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /**
     * The settings file: {@code $XDG_CONFIG_HOME/rust-review/settings.json} when that variable holds an
     * absolute path (on any platform, as the XDG specification asks), otherwise
     * {@code %APPDATA%\rust-review\settings.json} on Windows,
     * {@code ~/Library/Application Support/rust-review/settings.json} on macOS and
     * {@code ~/.config/rust-review/settings.json} elsewhere.
     */
    public static Path location(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path xdg = absolute(env.get("XDG_CONFIG_HOME"));
        Path base;
        if (xdg != null) {
            base = xdg;
        } else if (os.startsWith("windows")) {
            Path appData = absolute(env.get("APPDATA"));
            base = appData != null ? appData : home.resolve("AppData").resolve("Roaming");
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            base = home.resolve("Library").resolve("Application Support");
        } else {
            base = home.resolve(".config");
        }
        return base.resolve(APP_DIR).resolve(FILE_NAME);
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? path : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
