package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.export.Json;
import dev.rustreview.git.BundledSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir
    static Path tmp;
    static Path sample;

    @BeforeAll
    static void buildSample() {
        sample = BundledSample.ensureBuilt(tmp.resolve("samples"));
    }

    @Test
    void jsonListsTheEightBranchCommitsOldestFirstAndEveryFileWithHunks() throws Exception {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head",
                "agent/backup-executor", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        List<String> subjects = new ArrayList<>();
        json.get("commits").forEach(c -> subjects.add(c.get("subject").asText()));
        assertThat(subjects).hasSize(8).first().isEqualTo("Add PostgresService implementing ExternalService");
        assertThat(subjects.get(7)).isEqualTo("Fix typo in README");
        assertThat(run.out()).doesNotContain("connection timeout");
        assertThat(json.get("summary").get("files").asInt()).isEqualTo(12);
        for (JsonNode file : json.get("files")) {
            assertThat(file.get("hunks")).as(file.get("path").asText()).isNotEmpty();
            JsonNode line = file.get("hunks").get(0).get("lines").get(0);
            assertThat(line.has("kind") && line.has("old") && line.has("new") && line.has("text")).isTrue();
        }
        JsonNode claude = json.get("commits").get(0).get("trailers").get(0);
        assertThat(claude.get("key").asText()).isEqualTo("Co-Authored-By");
        assertThat(claude.get("value").asText()).isEqualTo("Claude <noreply@anthropic.com>");
    }

    @Test
    void textSummarisesCommitsAndFiles() {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head", "agent/backup-executor");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("8 commits, 12 files changed, +667 -1")
                .contains("added     src/backup/executor.rs  +420 -0");
    }

    @Test
    void aSingleCommitIsShownAgainstItsParent() {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--commit", "agent/backup-executor~7");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("1 commit, 2 files changed").contains("src/services/postgres.rs");
    }

    @Test
    void badInputIsOneLineOnStderrWithStatusTwo() throws Exception {
        Path notRepo = Files.createDirectories(tmp.resolve("plain"));
        assertBad(CliRun.of("analyze", "--repo", notRepo.toString()), "is not a git repository");
        assertBad(CliRun.of("analyze", "--repo", sample.toString(), "--head", "agent/backup-exec"),
                "did you mean agent/backup-executor");
        assertBad(CliRun.of("analyze", "--repo", sample.toString(), "--commit", "HEAD", "--base", "main"),
                "cannot be combined");
        assertBad(CliRun.of("analyze", "--format", "yaml"), "--format");
        assertBad(CliRun.of("analyze", "--repo", tmp.resolve("missing").toString()), "missing");
    }

    private static void assertBad(CliRun run, String message) {
        assertThat(run.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noSubcommandAsksForTheWindowWithTheGivenRepository() {
        CliRun run = CliRun.of("--repo", "/some/repo", "--head", "feature");
        assertThat(run.status()).isEqualTo(RustReviewCommand.WINDOW_OPENED);
        assertThat(run.window()).isEqualTo(new WindowRequest(Path.of("/some/repo"), null, "feature"));
    }
}
