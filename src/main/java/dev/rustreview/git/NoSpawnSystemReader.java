package dev.rustreview.git;

import java.io.File;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.StringUtils;
import org.eclipse.jgit.util.SystemReader;

/**
 * A JGit {@link SystemReader} that finds the system git config without running {@code git}.
 *
 * <p>JGit's default asks the {@code git} executable on the PATH where its system config lives
 * ({@code git config --system --edit} with a fake editor). Opening an untrusted repository must not
 * start processes, so this reader looks the file up itself: {@code GIT_CONFIG_NOSYSTEM} disables it,
 * {@code GIT_CONFIG_SYSTEM} names it, otherwise {@code /etc/gitconfig} is used when it exists
 * (Windows: none). Everything else is delegated to the reader that was installed before.
 */
final class NoSpawnSystemReader extends SystemReader.Delegate {

    private static final String UNIX_SYSTEM_CONFIG = "/etc/gitconfig";

    private NoSpawnSystemReader(SystemReader delegate) {
        super(delegate);
    }

    /** Installs the reader JVM-wide once; later calls keep the installed one. */
    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof NoSpawnSystemReader)) {
            SystemReader.setInstance(new NoSpawnSystemReader(current));
        }
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        File file = systemConfigFile();
        if (file == null || !file.isFile()) {
            return emptyConfig(parent, fs);
        }
        return new FileBasedConfig(parent, file, fs);
    }

    private File systemConfigFile() {
        if (!StringUtils.isEmptyOrNull(getenv("GIT_CONFIG_NOSYSTEM"))) {
            return null;
        }
        String named = getenv("GIT_CONFIG_SYSTEM");
        if (!StringUtils.isEmptyOrNull(named)) {
            return new File(named);
        }
        return isWindows() ? null : new File(UNIX_SYSTEM_CONFIG);
    }

    /** A config with no file behind it: loading and saving do nothing. */
    private static FileBasedConfig emptyConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, null, fs) {
            @Override
            public void load() {
                // Nothing to read: there is no system config.
            }

            @Override
            public void save() {
                // Never written: this reader only reads.
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
