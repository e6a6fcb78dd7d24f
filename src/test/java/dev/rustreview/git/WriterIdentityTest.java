package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity on the commits and notes a review writes: the configured one, else never an empty email. */
class WriterIdentityTest {

    @TempDir
    Path dir;

    private void commitOnce() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("a.txt"), "a\n");
            git.add().addFilepattern("a.txt").call();
            PersonIdent who = new PersonIdent("Someone", "someone@example.com");
            git.commit().setMessage("one").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    @Test
    void theRepositorysConfiguredIdentityIsUsed() throws Exception {
        commitOnce();
        try (Git git = Git.open(dir.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Ann Reviewer");
            config.setString("user", null, "email", "ann@example.com");
            config.save();
        }
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.writerIdentity()).isEqualTo("Ann Reviewer <ann@example.com>");
        }
    }

    @Test
    void withoutARepositoryIdentityTheEmailIsNeverEmpty() throws Exception {
        commitOnce();
        try (GitRepository repo = GitRepository.open(dir)) {
            String who = repo.writerIdentity();
            assertThat(who).matches("[^<>]+ <[^<>\\s]+@[^<>\\s]+>");
        }
    }
}
