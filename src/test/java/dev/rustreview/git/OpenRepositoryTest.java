package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout a repository can be opened from, and every folder that is not one. */
class OpenRepositoryTest {

    @TempDir
    Path dir;

    private String twoCommits(TestRepo test) throws Exception {
        String c1 = test.commit("one\n", TestRepo.tree().file("src/lib.rs", "a\n"));
        String c2 = test.commit("two\n", TestRepo.tree().file("src/lib.rs", "b\n"), c1);
        test.branch("main", c1).branch("feature", c2);
        return c2;
    }

    @Test
    void opensFromASubfolderOfTheWorkingTree() throws Exception {
        Path repoDir = dir.resolve("repo");
        try (TestRepo test = TestRepo.create(repoDir)) {
            twoCommits(test);
        }
        Path sub = Files.createDirectories(repoDir.resolve("src/deep"));
        try (GitRepository repo = GitRepository.open(sub)) {
            assertThat(repo.root()).isEqualTo(repoDir.toAbsolutePath().normalize());
            assertThat(repo.isBare()).isFalse();
            assertThat(repo.currentBranch()).isEqualTo("main");
        }
    }

    @Test
    void opensABareRepository() throws Exception {
        Path bare = dir.resolve("repo.git");
        String c2;
        try (TestRepo test = TestRepo.createBare(bare)) {
            c2 = twoCommits(test);
        }
        try (GitRepository repo = GitRepository.open(bare)) {
            assertThat(repo.isBare()).isTrue();
            assertThat(repo.root()).isEqualTo(bare.toAbsolutePath().normalize());
            ChangeSet changes = repo.branchDiff("main", "feature", DiffOptions.DEFAULT);
            assertThat(changes.toId()).isEqualTo(c2);
            assertThat(changes.files()).extracting(FileChange::path).containsExactly("src/lib.rs");
        }
    }

    @Test
    void bareRepositoryWithAStaleHeadStillOpensWhenBranchesExist() throws Exception {
        Path bare = dir.resolve("stale.git");
        try (TestRepo test = TestRepo.createBare(bare)) {
            twoCommits(test);
            test.head("master"); // no such branch: HEAD is unborn, as in many old bare repositories
        }
        try (GitRepository repo = GitRepository.open(bare)) {
            assertThat(repo.resolve("feature").refName()).isEqualTo("refs/heads/feature");
        }
    }

    /** The layout {@code git worktree add ../wt feature} creates, written by hand. */
    @Test
    void opensALinkedWorktreeWithItsOwnHead() throws Exception {
        Path main = dir.resolve("main");
        String c2;
        try (TestRepo test = TestRepo.create(main)) {
            c2 = twoCommits(test);
        }
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Path admin = Files.createDirectories(main.resolve(".git/worktrees/wt"));
        Files.writeString(admin.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(admin.resolve("commondir"), "../..\n");
        Files.writeString(admin.resolve("gitdir"), wt.resolve(".git").toAbsolutePath() + "\n");
        Files.writeString(wt.resolve(".git"), "gitdir: " + admin.toAbsolutePath() + "\n");

        try (GitRepository repo = GitRepository.open(wt)) {
            assertThat(repo.root()).isEqualTo(wt.toAbsolutePath().normalize());
            assertThat(repo.currentBranch()).isEqualTo("feature");
            assertThat(repo.resolve("HEAD").commitId()).isEqualTo(c2);
            ChangeSet changes = repo.branchDiff(null, null, DiffOptions.DEFAULT);
            assertThat(changes.base().refName()).isEqualTo("refs/heads/main");
            assertThat(changes.head().refName()).isEqualTo("refs/heads/feature");
            assertThat(changes.commits()).hasSize(1);
        }
        try (GitRepository repo = GitRepository.open(main)) {
            assertThat(repo.currentBranch()).isEqualTo("main");
        }
    }

    @Test
    void aFolderOutsideAnyRepositoryIsRejected() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> GitRepository.open(plain))
                .isInstanceOf(BadInputException.class)
                .hasMessage(plain.toAbsolutePath() + " is not a git repository:"
                        + " run rust-review in a repository or pass --repo DIR");
    }

    @Test
    void aMissingFolderOrAFileIsRejected() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> GitRepository.open(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing.toAbsolutePath() + " does not exist: pass an existing folder with --repo DIR");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> GitRepository.open(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a folder");
        assertThatThrownBy(() -> GitRepository.open(null)).isInstanceOf(BadInputException.class);
    }

    @Test
    void anEmptyRepositoryIsRejected() throws Exception {
        Path empty = dir.resolve("empty");
        TestRepo.create(empty).close();
        assertThatThrownBy(() -> GitRepository.open(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessage(empty.toAbsolutePath() + " is an empty repository (no commits yet):"
                        + " commit something first, or open another repository with --repo DIR");
        Path emptyBare = dir.resolve("empty.git");
        TestRepo.createBare(emptyBare).close();
        assertThatThrownBy(() -> GitRepository.open(emptyBare)).hasMessageContaining("is an empty repository");
    }

    @Test
    void anUnbornCurrentBranchIsRejected() throws Exception {
        Path repoDir = dir.resolve("orphan");
        try (TestRepo test = TestRepo.create(repoDir)) {
            twoCommits(test);
            test.head("new-idea"); // like `git switch --orphan new-idea`
        }
        assertThatThrownBy(() -> GitRepository.open(repoDir))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the current branch 'new-idea' in " + repoDir.toAbsolutePath()
                        + " has no commits yet: commit first, or switch to a branch that has commits");
    }

    @Test
    void messagesAreOneLine() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> GitRepository.open(plain)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
