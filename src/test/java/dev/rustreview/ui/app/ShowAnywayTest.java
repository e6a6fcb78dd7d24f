package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.FileChange;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Show anyway" loads an over-size file of the branch in full, the rest of the branch diff untouched. */
class ShowAnywayTest {

    @TempDir
    Path dir;

    @Test
    void anOverSizeTextFileIsLoadedInFullOnRequest() throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("README.md"), "hello\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor("A", "a@x").setCommitter("A", "a@x").setSign(false).call();
            git.checkout().setCreateBranch(true).setName("agent/big").call();
            StringBuilder big = new StringBuilder();
            for (int i = 0; big.length() < 9 * 1024 * 1024; i++) {
                big.append("pub const VALUE_").append(i).append(": u64 = ").append(i).append("; // generated table row\n");
            }
            Files.writeString(repo.resolve("table.rs"), big);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("add the table").setAuthor("A", "a@x").setCommitter("A", "a@x").setSign(false).call();
        }
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", dir.resolve("home").toString()), "Linux", dir);
        try (RepositorySession session = RepositorySession.open(new OpenRequest(repo, "main", "agent/big"), dirs)) {
            FileChange listed = session.branch().files().get(0);
            assertThat(listed.tooLarge()).isTrue();
            assertThat(listed.hunks()).isEmpty();
            FileChange full = session.fullFile("table.rs");
            assertThat(full.tooLarge()).isFalse();
            assertThat(full.additions()).isGreaterThan(100_000);
        }
    }
}
