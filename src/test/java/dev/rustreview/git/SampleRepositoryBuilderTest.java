package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Trailer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the tiny manifest under {@code src/test/resources/dev/rustreview/git/sample-mini}. */
class SampleRepositoryBuilderTest {

    private static final String RESOURCE = "/dev/rustreview/git/sample-mini";

    @TempDir
    Path dir;

    private static Path sampleFolder() throws URISyntaxException {
        return Path.of(SampleRepositoryBuilderTest.class.getResource(RESOURCE + "/manifest.json").toURI()).getParent();
    }

    private static SampleRepositoryBuilder fromFolder() throws URISyntaxException {
        return new SampleRepositoryBuilder(SampleSource.folder(sampleFolder()));
    }

    private static List<String> history(Path repoDir) {
        try (GitRepository repo = GitRepository.open(repoDir)) {
            return repo.log(null, "agent/backup-executor").stream().map(Commit::id).toList();
        }
    }

    @Test
    void twoBuildsHaveTheSameCommitIdsFromFolderOrClasspath() throws Exception {
        fromFolder().build(dir.resolve("one"));
        new SampleRepositoryBuilder(SampleSource.classpath(RESOURCE)).build(dir.resolve("two"));
        List<String> one = history(dir.resolve("one"));
        assertThat(one).hasSize(5);
        assertThat(history(dir.resolve("two"))).isEqualTo(one);
        // Pinned: the ids depend only on the manifest and file bytes, on any machine and any day.
        assertThat(one.get(0)).isEqualTo("f35589b1b0e208a457fc01afec92e9de89ea6b1e");
        assertThat(one.get(4)).isEqualTo("e04c4ed199119b5075630e696d5495bd2a9135c1");
    }

    @Test
    void branchesTagsHeadAndCommitsAreAsTheManifestSays() throws Exception {
        Path built = dir.resolve("sample");
        fromFolder().build(built);
        try (GitRepository repo = GitRepository.open(built)) {
            assertThat(repo.currentBranch()).isEqualTo("main");
            assertThat(repo.refs()).extracting(RefInfo::fullName)
                    .containsExactlyInAnyOrder("refs/heads/main", "refs/heads/agent/backup-executor", "refs/tags/v0.1");
            assertThat(repo.resolve("v0.1").commitId()).isEqualTo(repo.resolve("main~1").commitId());

            ChangeSet changes = repo.branchDiff(null, null, DiffOptions.DEFAULT);
            assertThat(changes.head().refName()).isEqualTo("refs/heads/agent/backup-executor");
            assertThat(changes.commits()).extracting(Commit::subject).containsExactly(
                    "Add the backup executor", "Merge branch 'main' into agent/backup-executor", "Retry failed jobs");
            Commit executor = changes.commits().get(0);
            assertThat(executor.author().display()).isEqualTo("Coding Agent <agent@example.com>");
            assertThat(executor.author().when()).isEqualTo(OffsetDateTime.parse("2026-09-03T14:30:00-04:00"));
            assertThat(executor.committer().display()).isEqualTo("Alice Moreau <alice.moreau@example.com>");
            assertThat(executor.committer().when()).isEqualTo(OffsetDateTime.parse("2026-09-03T21:00:00+02:00"));
            assertThat(executor.trailers()).containsExactly(new Trailer("Co-Authored-By", "Coding Agent <agent@example.com>"));
            assertThat(changes.commits().get(1).isMerge()).isTrue();
            // first parent's tree + files - delete: Cargo.toml is gone, executor.rs added, lib.rs changed
            assertThat(changes.files()).extracting(FileChange::path, FileChange::changeType).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Cargo.toml", dev.rustreview.model.ChangeType.DELETED),
                    org.assertj.core.groups.Tuple.tuple("src/executor.rs", dev.rustreview.model.ChangeType.ADDED),
                    org.assertj.core.groups.Tuple.tuple("src/lib.rs", dev.rustreview.model.ChangeType.MODIFIED));
        }
    }

    @Test
    void workingTreeAndIndexMatchHead() throws Exception {
        Path built = dir.resolve("sample");
        fromFolder().build(built);
        assertThat(Files.readString(built.resolve("README.md")))
                .isEqualTo(Files.readString(sampleFolder().resolve("files/m2/README.md")));
        assertThat(built.resolve("src/executor.rs")).doesNotExist(); // only on the agent branch
        assertThat(built.resolve(".git/index")).exists();
        String status = gitStatus(built);
        if (status != null) {
            assertThat(status).as("git status --porcelain").isEmpty();
        }
    }

    /** Our own freshly built repository, so running git on it is safe; null when git is absent. */
    private String gitStatus(Path repoDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("git", "status", "--porcelain").directory(repoDir.toFile());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process process;
        try {
            process = builder.redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void ensureBuiltReusesAMatchingBuildAndRebuildsChangedContent() throws Exception {
        Path cache = dir.resolve("cache");
        SampleRepositoryBuilder builder = fromFolder();
        Path first = builder.ensureBuilt(cache);
        assertThat(first.getFileName().toString()).isEqualTo("mini-sample-" + builder.contentHash().substring(0, 16));
        Path sentinel = Files.writeString(first.resolve("left-by-test"), "x");
        Path again = fromFolder().ensureBuilt(cache);
        assertThat(again).isEqualTo(first);
        assertThat(sentinel).exists(); // reused, not rebuilt

        Path folder = sampleFolder();
        SampleSource edited = path -> path.equals("files/m2/README.md")
                ? "# changed\n".getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(folder.resolve(path));
        SampleRepositoryBuilder changed = new SampleRepositoryBuilder(edited);
        assertThat(changed.contentHash()).isNotEqualTo(builder.contentHash());
        Path rebuilt = changed.ensureBuilt(cache);
        assertThat(rebuilt).isNotEqualTo(first);
        assertThat(Files.readString(rebuilt.resolve("README.md"))).isEqualTo("# changed\n");
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .as("no half-built temporary folders are left").allMatch(n -> n.startsWith("mini-sample-"));
        }
    }

    @Test
    void buildRefusesAnExistingFolder() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("taken"));
        assertThatThrownBy(() -> fromFolder().build(existing))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void brokenManifestsAreReportedOnOneLine() throws Exception {
        String manifest = """
                {"name": "bad", "identities": {"a": {"name": "A", "email": "a@x"}},
                 "commits": [{"key": "c1", "parents": ["c0"], "author": "a", "committer": "a",
                   "authored": "2026-09-01T09:00:00Z", "committed": "2026-09-01T09:00:00Z", "message": "m\\n"}],
                 "branches": {"main": "c1"}, "head": "main"}
                """;
        SampleSource source = path -> manifest.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SampleRepositoryBuilder(source).contentHash())
                .isInstanceOf(BadInputException.class)
                .hasMessage("sample manifest manifest.json: commit 'c1' names parent 'c0', which is not an earlier commit");
        SampleSource missingFile = path -> {
            if (path.equals("manifest.json")) {
                return manifest.replace("[\"c0\"]", "[]").replace("\"message\"", "\"files\": {\"a\": \"files/nope\"}, \"message\"")
                        .getBytes(StandardCharsets.UTF_8);
            }
            throw new java.nio.file.NoSuchFileException(path);
        };
        assertThatThrownBy(() -> new SampleRepositoryBuilder(missingFile).contentHash())
                .isInstanceOf(BadInputException.class)
                .hasMessage("sample file files/nope is missing: check the sample's manifest");
        SampleSource notJson = path -> "{".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SampleRepositoryBuilder(notJson).contentHash())
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("sample manifest manifest.json is not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
