package dev.rustreview.git;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.StringUtils;
import org.eclipse.jgit.util.SystemReader;

/**
 * A JGit {@link SystemReader} under which reading a repository starts no process and writes no file.
 *
 * <p>Two JGit defaults break that. First, JGit asks the {@code git} executable on the PATH where the
 * system config lives ({@code git config --system --edit} with a fake editor); this reader finds the
 * file itself: {@code GIT_CONFIG_NOSYSTEM} disables it, {@code GIT_CONFIG_SYSTEM} names it, otherwise
 * {@code /etc/gitconfig} is used when it exists (Windows: none). Second, the first time JGit meets a file
 * system it measures its timestamp resolution by creating and deleting probe files in the folder it is
 * reading — the user's {@code .git} — and records the result in its own user config. This reader makes
 * JGit's config answer for every mounted file system with git's conservative two-second resolution, so
 * nothing is measured, and never saves that config.
 */
final class ReadOnlySystemReader extends SystemReader.Delegate {

    private static final String UNIX_SYSTEM_CONFIG = "/etc/gitconfig";
    /** JGit's own fallback: files changed within two seconds of being read are simply read again. */
    static final String TIMESTAMP_RESOLUTION = "2000000000 nanoseconds";

    private ReadOnlySystemReader(SystemReader delegate) {
        super(delegate);
    }

    /** Installs the reader JVM-wide once; later calls keep the installed one. */
    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof ReadOnlySystemReader)) {
            SystemReader.setInstance(new ReadOnlySystemReader(current));
        }
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        File file = systemConfigFile();
        if (file == null || !file.isFile()) {
            return new FileBasedConfig(parent, null, fs) {
                @Override
                public void load() {
                    // There is no system config to read.
                }

                @Override
                public void save() {
                    // Never written.
                }

                @Override
                public boolean isOutdated() {
                    return false;
                }
            };
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

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        File file = super.openJGitConfig(parent, fs).getFile();
        return new FileBasedConfig(parent, file, fs) {
            @Override
            public void load() throws IOException, ConfigInvalidException {
                super.load();
                seedTimestampResolutions(this);
            }

            @Override
            public void save() {
                // JGit saves here only to record measurements; nothing is measured, nothing is saved.
            }
        };
    }

    /** Adds a resolution for each file system JGit has no recorded value for (kept in memory only). */
    private void seedTimestampResolutions(Config config) {
        for (FileStore store : FileSystems.getDefault().getFileStores()) {
            String key = fileStoreKey(store);
            if (config.getString("filesystem", key, "timestampResolution") == null) {
                config.setString("filesystem", key, "timestampResolution", TIMESTAMP_RESOLUTION);
            }
        }
    }

    /**
     * The subsection name JGit's {@code FS.FileStoreAttributes} looks up: Java vendor and version, then
     * the store's name (its volume serial number on Windows). A test guards this against JGit changing it.
     */
    String fileStoreKey(FileStore store) {
        String storeKey = store.name();
        if (isWindows()) {
            try {
                Object serial = store.getAttribute("volume:vsn");
                if (serial instanceof Integer) {
                    storeKey = serial.toString();
                }
            } catch (IOException | UnsupportedOperationException e) {
                // keep the name, as JGit does
            }
        }
        return System.getProperty("java.vendor") + "|" + System.getProperty("java.version") + "|" + storeKey;
    }
}
