package dev.rustreview.ui.topbar;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rustreview.io.AtomicFiles;
import dev.rustreview.io.Json;
import dev.rustreview.settings.AppDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The repository folders opened lately, most recent first, at most {@link #MAX}, each once (by normalized
 * absolute path). Kept as a JSON list of paths in {@code recent-repositories.json} in the config folder and
 * written through {@link AtomicFiles}. A missing or unreadable file reads as an empty list, and folders that
 * are gone are dropped when loading, so startup never fails on it. Reads and writes a small file: fine on any
 * thread, but not thread-safe, so use one instance from one thread at a time.
 */
public final class RecentRepositories {

    /** How many folders are kept. */
    public static final int MAX = 10;
    /** The file name inside the config folder. */
    public static final String FILE_NAME = "recent-repositories.json";

    private final Path file;
    private final List<Path> folders;

    private RecentRepositories(Path file, List<Path> folders) {
        this.file = file;
        this.folders = folders;
    }

    /** Loads the list kept in {@code dirs}' config folder. */
    public static RecentRepositories load(AppDirs dirs) {
        return load(dirs.config().resolve(FILE_NAME));
    }

    /** Loads the list kept in {@code file}; never throws. */
    public static RecentRepositories load(Path file) {
        List<Path> folders = new ArrayList<>();
        try {
            if (Files.isRegularFile(file)) {
                List<String> stored = Json.mapper().readValue(file.toFile(), new TypeReference<List<String>>() { });
                for (String s : stored == null ? List.<String>of() : stored) {
                    Path p = normalize(s);
                    if (p != null && Files.isDirectory(p) && !folders.contains(p) && folders.size() < MAX) {
                        folders.add(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            folders.clear(); // A corrupt list is not worth a failed start: begin again.
        }
        return new RecentRepositories(file, folders);
    }

    /** Most recent first. */
    public synchronized List<Path> folders() {
        return List.copyOf(folders);
    }

    /**
     * Moves (or puts) {@code folder} to the front, drops the oldest past {@link #MAX}, and saves; returns whether
     * the save worked (a failed save keeps the list in memory and never throws).
     */
    public synchronized boolean add(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        folders.remove(p);
        folders.add(0, p);
        while (folders.size() > MAX) {
            folders.remove(folders.size() - 1);
        }
        return save();
    }

    /** Forgets {@code folder} (when it failed to open, say) and saves; returns whether the save worked. */
    public synchronized boolean remove(Path folder) {
        return !folders.remove(folder.toAbsolutePath().normalize()) || save();
    }

    private boolean save() {
        try {
            List<String> out = folders.stream().map(Path::toString).toList();
            AtomicFiles.replace(file, Json.mapper().writeValueAsBytes(out), null);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path normalize(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(s);
            return p.isAbsolute() ? p.normalize() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RecentRepositories" + Objects.toString(folders);
    }
}
