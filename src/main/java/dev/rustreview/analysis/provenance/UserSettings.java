package dev.rustreview.analysis.provenance;

import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;

/** Where the user's settings file lives: {@link AppDirs#settingsFile()}, one place for every reader. */
public final class UserSettings {

    private UserSettings() {
    }

    /** The settings file for the running process's environment, operating system and home directory. */
    public static Path location() {
        return AppDirs.forCurrentUser().settingsFile();
    }
}
