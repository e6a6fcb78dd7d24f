package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Trailer;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull-request style diffs on a small history:
 * <pre>
 *   main:    m1 - m2 ------------- m3          (m3 lands after the branch was cut)
 *                  \
 *   feature:        f1 - f2
 * </pre>
 */
class BranchDiffTest {

    @TempDir
    Path dir;
    TestRepo test;
    String m1, m2, m3, f1, f2;
    TestRepo.Tree base;

    @BeforeEach
    void setUp() throws Exception {
        test = TestRepo.create(dir);
        base = TestRepo.tree().file("src/lib.rs", "pub mod backup;\n").file("README.md", "# Backup\n");
        m1 = test.commit("Initial commit\n", base);
        TestRepo.Tree t2 = base.copy().file("Cargo.toml", "[package]\nname = \"backup\"\n");
        m2 = test.commit("Add manifest\n", t2, m1);
        TestRepo.Tree tf1 = t2.copy().file("src/backup.rs", "pub fn run() {}\n");
        f1 = test.commit("Add backup runner\n\nThe runner does nothing yet.\n\nCo-Authored-By: Claude <noreply@example.com>\n", tf1, m2);
        TestRepo.Tree tf2 = tf1.copy().file("src/backup.rs", "pub fn run() {\n    todo!()\n}\n");
        f2 = test.commit("Fill in runner\n\nSigned-off-by: Agent <agent@example.com>\nCo-authored-by: Alice <alice@example.com>\n", tf2, f1);
        m3 = test.commit("Update readme on main\n", t2.copy().file("README.md", "# Backup service\n"), m2);
        test.branch("main", m3).branch("agent/feature", f2).head("agent/feature");
    }

    @Test
    void branchDiffStartsAtTheMergeBaseAndIgnoresWhatMainDidSince() {
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.branchDiff("main", "agent/feature", DiffOptions.DEFAULT);
            assertThat(changes.mergeBaseId()).isEqualTo(m2);
            assertThat(changes.fromId()).isEqualTo(m2);
            assertThat(changes.toId()).isEqualTo(f2);
            assertThat(changes.base().commitId()).isEqualTo(m3);
            assertThat(changes.base().refName()).isEqualTo("refs/heads/main");
            assertThat(changes.head().commitId()).isEqualTo(f2);
            assertThat(changes.commits()).extracting(Commit::id).containsExactly(f1, f2);
            assertThat(changes.files()).extracting(FileChange::path).containsExactly("src/backup.rs");
            assertThat(changes.repository()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        }
    }

    @Test
    void commitsCarryIdentitiesMessagesAndTrailers() {
        try (GitRepository repo = GitRepository.open(dir)) {
            List<Commit> commits = repo.branchDiff("main", "agent/feature", DiffOptions.DEFAULT).commits();
            Commit first = commits.get(0);
            assertThat(first.subject()).isEqualTo("Add backup runner");
            assertThat(first.message()).startsWith("Add backup runner\n\nThe runner does nothing yet.");
            assertThat(first.parentIds()).containsExactly(m2);
            assertThat(first.author().name()).isEqualTo("Test Author");
            assertThat(first.author().email()).isEqualTo("author@example.com");
            assertThat(first.author().when().getOffset()).isEqualTo(TestRepo.ZONE);
            assertThat(first.trailers()).containsExactly(new Trailer("Co-Authored-By", "Claude <noreply@example.com>"));
            Commit second = commits.get(1);
            assertThat(second.trailers()).extracting(Trailer::key).containsExactly("Signed-off-by", "Co-authored-by");
            assertThat(second.trailers().get(1).isKey("co-authored-by")).isTrue();
        }
    }

    @Test
    void authorAndCommitterAreKeptApart() throws Exception {
        PersonIdent author = new PersonIdent("Agent", "agent@example.com",
                OffsetDateTime.parse("2026-09-02T10:00:00-05:00").toInstant(), java.time.ZoneOffset.ofHours(-5));
        PersonIdent committer = new PersonIdent("Alice", "alice@example.com",
                OffsetDateTime.parse("2026-09-03T08:30:00+02:00").toInstant(), java.time.ZoneOffset.ofHours(2));
        String c = test.commit("Rebased\n", base.copy().file("x", "x\n"), author, committer, f2);
        test.branch("agent/feature", c);
        try (GitRepository repo = GitRepository.open(dir)) {
            Commit commit = repo.commitDiff("agent/feature", DiffOptions.DEFAULT).commits().get(0);
            assertThat(commit.author().display()).isEqualTo("Agent <agent@example.com>");
            assertThat(commit.author().when()).isEqualTo(OffsetDateTime.parse("2026-09-02T10:00:00-05:00"));
            assertThat(commit.committer().display()).isEqualTo("Alice <alice@example.com>");
            assertThat(commit.committer().when()).isEqualTo(OffsetDateTime.parse("2026-09-03T08:30:00+02:00"));
        }
    }

    @Test
    void mergeCommitsOnTheBranchAreListedAfterBothParents() throws Exception {
        // The agent merged main (m3) into its branch, then committed once more.
        TestRepo.Tree merged = TestRepo.tree().file("src/lib.rs", "pub mod backup;\n").file("README.md", "# Backup service\n")
                .file("Cargo.toml", "[package]\nname = \"backup\"\n").file("src/backup.rs", "pub fn run() {\n    todo!()\n}\n");
        String merge = test.commit("Merge branch 'main' into agent/feature\n", merged, f2, m3);
        String f3 = test.commit("Log progress\n", merged.copy().file("src/log.rs", "// log\n"), merge);
        test.branch("agent/feature", f3);
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.branchDiff("main", "agent/feature", DiffOptions.DEFAULT);
            assertThat(changes.mergeBaseId()).isEqualTo(m3);
            assertThat(changes.commits()).extracting(Commit::id).containsExactly(f1, f2, merge, f3);
            assertThat(changes.commits().get(2).isMerge()).isTrue();
            assertThat(changes.files()).extracting(FileChange::path).containsExactly("src/backup.rs", "src/log.rs");
        }
    }

    @Test
    void headEqualToBaseOrAlreadyMergedGivesAnEmptyChangeSet() throws Exception {
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet same = repo.branchDiff("main", "main", DiffOptions.DEFAULT);
            assertThat(same.commits()).isEmpty();
            assertThat(same.files()).isEmpty();
            ChangeSet merged = repo.branchDiff("main", m2, DiffOptions.DEFAULT);
            assertThat(merged.commits()).isEmpty();
            assertThat(merged.files()).isEmpty();
            assertThat(merged.mergeBaseId()).isEqualTo(m2);
        }
    }

    @Test
    void unrelatedHistoriesAreRejected() throws Exception {
        String orphan = test.commit("Unrelated root\n", TestRepo.tree().file("other.txt", "x\n"));
        test.branch("gh-pages", orphan);
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThatThrownBy(() -> repo.branchDiff("main", "gh-pages", DiffOptions.DEFAULT))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("base main and head gh-pages have no common history:"
                            + " choose a base that shares history with gh-pages");
        }
    }

    @Test
    void commitDiffComparesWithTheFirstParent() {
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.commitDiff(f2, DiffOptions.DEFAULT);
            assertThat(changes.fromId()).isEqualTo(f1);
            assertThat(changes.base().commitId()).isEqualTo(f1);
            assertThat(changes.commits()).extracting(Commit::id).containsExactly(f2);
            assertThat(changes.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("src/backup.rs");
                assertThat(f.hunks().get(0).header()).isEqualTo("@@ -1,1 +1,3 @@");
            });
        }
    }

    @Test
    void rootCommitDiffsAgainstTheEmptyTree() {
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.commitDiff(m1, DiffOptions.DEFAULT);
            assertThat(changes.base()).isNull();
            assertThat(changes.fromId()).isNull();
            assertThat(changes.toId()).isEqualTo(m1);
            assertThat(changes.files()).extracting(FileChange::path).containsExactly("README.md", "src/lib.rs");
            assertThat(changes.files()).allSatisfy(f -> assertThat(f.hunks().get(0).oldStart()).isZero());
        }
    }

    @Test
    void betweenDiffsTheTwoTreesDirectly() {
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.between("main", "agent/feature", DiffOptions.DEFAULT);
            assertThat(changes.fromId()).isEqualTo(m3);
            assertThat(changes.mergeBaseId()).isEqualTo(m2);
            // a plain two-tree diff also shows main's README change, reversed
            assertThat(changes.files()).extracting(FileChange::path).containsExactly("README.md", "src/backup.rs");
            assertThat(changes.commits()).extracting(Commit::id).containsExactly(f1, f2);
        }
    }

    @Test
    void logListsOldestFirst() {
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.log(null, "agent/feature")).extracting(Commit::id).containsExactly(m1, m2, f1, f2);
            assertThat(repo.log("main", "agent/feature")).extracting(Commit::id).containsExactly(f1, f2);
        }
    }

    @Test
    void nullSpecsPickTheDefaultBaseAndTheCurrentBranch() {
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.branchDiff(null, null, null);
            assertThat(changes.base().refName()).isEqualTo("refs/heads/main");
            assertThat(changes.head().refName()).isEqualTo("refs/heads/agent/feature");
            assertThat(changes.commits()).hasSize(2);
        }
    }
}
