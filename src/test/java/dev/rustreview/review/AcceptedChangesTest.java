package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedChangesTest {

    @TempDir
    static Path tmp;
    static SampleReviews sample;
    static ReviewSession session;
    /** executor.rs's unit {@code fn write_manifest}; its neighbours in the same new file stay accepted. */
    static final String WRITE_MANIFEST = "h65649ff7";

    @BeforeAll
    static void decide() {
        sample = SampleReviews.build(tmp);
        Review r = new Review("r", sample.repo.toString(), "agent/backup-executor", "main");
        session = ReviewSession.open(r, new HunkIndex(sample.v1), "Ann Reviewer <ann@example.com>", SampleReviews.CLOCK);
        for (Category c : Category.values()) {
            session.decideCategory(c, DecisionState.ACCEPTED, null, true);
        }
        session.decide(WRITE_MANIFEST, DecisionState.REJECTED, "guard across await");
        session.decide("h8b141503", DecisionState.REJECTED, "no new build deps");
        session.decide("h6d0b46da", DecisionState.DISCUSS, null);
    }

    @Test
    void theAcceptedBranchIsTheMergeBasePlusExactlyTheAcceptedHunksAndNothingElseIsTouched() throws Exception {
        Map<String, String> before = snapshot(sample.repo);
        try (GitRepository git = GitRepository.open(sample.repo)) {
            String branch = AcceptedChanges.defaultBranch("agent/backup-executor");
            assertThat(branch).isEqualTo("review/agent/backup-executor-accepted");
            String commit = AcceptedChanges.writeBranch(git, session, branch, "Ann Reviewer <ann@example.com>");
            assertThat(git.resolve(branch).commitId()).isEqualTo(commit);
            assertThat(git.log(sample.v1.changeSet().mergeBaseId(), branch)).singleElement().satisfies(c -> {
                assertThat(c.parentIds()).containsExactly(sample.v1.changeSet().mergeBaseId());
                assertThat(c.message()).contains("They come from these commits of the branch:").contains("rejected and undecided units are left out").contains("Rust-Review: r, round 1");
                assertThat(c.author().email()).isEqualTo("ann@example.com");
            });
            ChangeSet written = git.between(sample.v1.changeSet().mergeBaseId(), commit, DiffOptions.DEFAULT);
            assertThat(changedLines(written.files())).isEqualTo(changedLines(session.index().entries().stream()
                    .filter(e -> session.review().state(e.id()) == DecisionState.ACCEPTED)
                    .map(e -> e.file().withHunks(List.of(e.hunk()))).toList()));
            // The new executor.rs holds its accepted units (upload_part, write_manifest's neighbour) and not the
            // rejected write_manifest.
            String executor = git.sources(DiffOptions.DEFAULT).fileAt(commit, "src/backup/executor.rs").orElseThrow();
            assertThat(executor).contains("async fn upload_part(").contains("async fn upload_parts(")
                    .doesNotContain("async fn write_manifest(").contains("mod tests");
        }
        Map<String, String> after = snapshot(sample.repo);
        after.keySet().removeIf(p -> p.contains("review/agent"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aHunkThatCannotStandAloneIsRefusedByName() {
        FileChange readme = sample.v1.changeSet().files().stream().filter(f -> f.path().equals("README.md")).findFirst()
                .orElseThrow();
        Hunk h = readme.hunks().get(0);
        List<DiffLine> lines = new ArrayList<>(h.lines());
        DiffLine first = lines.get(0);
        lines.set(0, new DiffLine(first.kind(), first.oldLine(), first.newLine(), first.text() + " changed", false, false));
        Hunk broken = new Hunk(h.oldStart(), h.oldCount(), h.newStart(), h.newCount(), lines);
        FileChange file = new FileChange(readme.oldPath(), readme.newPath(), readme.changeType(), 0, readme.oldKind(),
                readme.newKind(), null, null, 0, 0, false, false, "markdown", "UTF-8", List.of(broken));
        try (GitRepository git = GitRepository.open(sample.repo)) {
            assertThatThrownBy(() -> git.writeSquashBranch(sample.v1.changeSet().mergeBaseId(), List.of(file),
                    x -> "h13470c53", "review/x", "Ann", "ann@example.com", "m"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("h13470c53")
                    .hasMessageContaining("README.md").hasMessageNotContaining("\n");
            assertThat(git.refs()).noneMatch(r -> r.fullName().contains("review/x"));
        }
    }

    @Test
    void bothPatchesApplyOnTheMergeBaseWithRealGit() throws Exception {
        AcceptedChanges.Patches patches = AcceptedChanges.exportPatches(session, tmp.resolve("patches"));
        assertThat(patches.rejectedHunks()).isEqualTo(2);
        assertThat(patches.acceptedHunks()).isEqualTo(session.index().entries().size() - 3);
        assertThat(Files.readString(patches.rejected())).contains("+++ b/src/backup/executor.rs").contains("new file mode")
                .contains("+    async fn write_manifest(").doesNotContain("async fn upload_part(");
        assertThat(Files.readString(patches.accepted())).contains("+    async fn upload_part(")
                .doesNotContain("async fn write_manifest(");
        assumeTrue(gitAvailable(), "git is not installed");
        Path clone = tmp.resolve("clone");
        run(tmp, "git", "clone", "-q", sample.repo.toString(), clone.toString());
        run(clone, "git", "checkout", "-q", "--detach", sample.v1.changeSet().mergeBaseId());
        assertThat(run(clone, "git", "apply", "--check", patches.accepted().toString())).isZero();
        assertThat(run(clone, "git", "apply", "--check", patches.rejected().toString())).isZero();
        String commit;
        try (GitRepository git = GitRepository.open(sample.repo)) {
            commit = AcceptedChanges.writeBranch(git, session, "review/patch-check", "Ann <ann@example.com>");
        }
        run(clone, "git", "fetch", "-q", sample.repo.toString(), "review/patch-check");
        assertThat(run(clone, "git", "apply", "--index", patches.accepted().toString())).isZero();
        assertThat(run(clone, "git", "diff", "--cached", "--quiet", commit)).as("accepted.patch == accepted branch").isZero();
    }

    /** Per file, its added and removed lines (sorted): what a branch or a set of units changes. */
    private static Map<String, List<String>> changedLines(List<FileChange> files) {
        Map<String, List<String>> out = new TreeMap<>();
        for (FileChange f : files) {
            List<String> lines = out.computeIfAbsent(f.path(), p -> new ArrayList<>());
            f.hunks().forEach(h -> h.lines().stream().filter(l -> l.isAdded() || l.isRemoved())
                    .forEach(l -> lines.add((l.isAdded() ? "+" : "-") + l.text())));
        }
        out.values().forEach(java.util.Collections::sort);
        return out;
    }

    /** Every file of the working tree and the git dir except objects, refs and logs, by content hash. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".git/objects/") || rel.startsWith(".git/logs/") || rel.startsWith(".git/refs/")) {
                    continue;
                }
                out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(readQuietly(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static byte[] readQuietly(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static int run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", cmd) + ": " + out);
        }
        return p.exitValue();
    }
}
