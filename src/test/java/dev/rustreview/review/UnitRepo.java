package dev.rustreview.review;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixture: a real git repository with two commits, so units are cut from git's own hunks. */
final class UnitRepo {

    private UnitRepo() {
    }

    /** The diff of {@code before} to {@code after} (path → text; a null text means absent), cut into units. */
    static ChangeSet units(Path dir, Map<String, String> before, Map<String, String> after) throws Exception {
        git(dir, "init", "-q", "-b", "main");
        write(dir, before);
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "--allow-empty", "-m", "before");
        write(dir, after);
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "--allow-empty", "-m", "after");
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet cs = repo.between("HEAD~1", "HEAD", DiffOptions.DEFAULT);
            return ReviewUnits.split(cs, repo.sources(DiffOptions.DEFAULT));
        }
    }

    static FileChange file(ChangeSet cs, String path) {
        return cs.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (e.getValue() == null) {
                Files.deleteIfExists(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        }
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.invalid",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
