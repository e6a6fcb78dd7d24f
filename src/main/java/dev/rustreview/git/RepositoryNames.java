package dev.rustreview.git;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A repository's short name for the title bar and the recent list: its folder's name, except where that name
 * says nothing. A bare clone is often {@code name.git}, or a generic folder ({@code repo}, {@code mirror}) inside
 * one named for the project, as mirrors lay them out ({@code tokio-rs+tokio/repo}); {@code .git} itself is the
 * work tree's.
 */
public final class RepositoryNames {

    private static final Set<String> GENERIC = Set.of("repo", "repos", "repository", "mirror", "git", "bare",
            "clone", "src");

    private RepositoryNames() {
    }

    public static String of(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        String name = fileName(p);
        if (name.equals(".git") || GENERIC.contains(name.toLowerCase(Locale.ROOT))) {
            Path parent = p.getParent();
            if (parent != null && parent.getFileName() != null) {
                return stripGit(fileName(parent));
            }
        }
        return stripGit(name);
    }

    private static String fileName(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    private static String stripGit(String name) {
        return name.length() > 4 && name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    }
}
