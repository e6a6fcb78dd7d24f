package dev.rustreview.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.git.BundledSample;
import dev.rustreview.io.Json;
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
    void withoutAnalysisTextSummarisesCommitsAndFiles() {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head",
                "agent/backup-executor", "--no-analysis");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("8 commits, 12 files changed, +667 -1")
                .contains("added     src/backup/executor.rs  +420 -0");
    }

    @Test
    void baseAndHeadTheWrongWayRoundSayThereIsNothingToReviewAndWhatToDo() {
        String expected = "Nothing to review: agent/backup-executor~3 has no commits that agent/backup-executor lacks "
                + "(it is the same commit or behind it); pick another head, or swap base and head";
        CliRun plan = CliRun.of("analyze", "--repo", sample.toString(), "--base", "agent/backup-executor", "--head",
                "agent/backup-executor~3");
        assertThat(plan.status()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("0 commits (0 agent-written), 0 files").contains(expected);
        CliRun summary = CliRun.of("analyze", "--repo", sample.toString(), "--base", "agent/backup-executor", "--head",
                "agent/backup-executor~3", "--no-analysis");
        assertThat(summary.out()).contains("0 commits, 0 files changed").contains(expected);
        // The right way round says nothing of the kind.
        assertThat(CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head", "agent/backup-executor",
                "--no-analysis").out()).doesNotContain("Nothing to review");
    }

    @Test
    void textIsAReviewPlanThatStartsWithTheRiskiestFile() {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head", "agent/backup-executor");
        assertThat(run.status()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("8 commits (7 agent-written), 12 files, +667 -1")
                .contains("Findings: 2 critical")
                .contains("trailer:Co-Authored-By: Claude <noreply@anthropic.com>");
        int plan = out.indexOf("Review plan, start here:");
        assertThat(plan).isPositive();
        assertThat(out.indexOf("src/backup/executor.rs", plan)).isLessThan(out.indexOf("src/services/postgres.rs", plan));
        assertThat(out).containsPattern("CRITICAL +AL1-[0-9a-f]{8} +new:225-235 ");
        assertThat(out).containsPattern("documentation: +README.md");
    }

    @Test
    void failOnExitsWithOneWhenAFindingReachesTheThreshold() {
        String[] base = {"analyze", "--repo", sample.toString(), "--base", "main", "--head", "agent/backup-executor~7"};
        assertThat(CliRun.of(append(base, "--fail-on", "medium")).status()).isZero();
        assertThat(CliRun.of(append(base, "--fail-on", "low")).status()).isEqualTo(ExitCodes.FINDINGS);
        assertBad(CliRun.of(append(base, "--fail-on", "urgent")), "not a severity");
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void aSingleCommitIsShownAgainstItsParent() {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--commit", "agent/backup-executor~7");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("1 commit (1 agent-written), 2 files").contains("src/services/postgres.rs");
    }

    @Test
    void jsonCarriesCategoriesFindingsAndProvenance() throws Exception {
        CliRun run = CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head",
                "agent/backup-executor", "--format", "json");
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("format").asText()).isEqualTo("rust-review-analysis");
        JsonNode al1 = null;
        for (JsonNode f : json.get("findings")) {
            if (f.get("rule").asText().equals("AL1")) {
                al1 = f;
            }
        }
        assertThat(al1).isNotNull();
        assertThat(al1.get("severity").asText()).isEqualTo("critical");
        assertThat(al1.get("origin").asText()).isEqualTo("introduced");
        assertThat(al1.get("startLine").asInt()).isEqualTo(225);
        assertThat(al1.get("lints").get(0).get("url").asText()).startsWith("https://rust-lang.github.io/rust-clippy/");
        assertThat(json.get("provenance").get(0).get("verdict").asText()).isEqualTo("assisted");
        assertThat(json.get("provenance").get(7).get("verdict").asText()).isEqualTo("human");
        JsonNode hunk = json.get("files").get(0).get("hunks").get(0);
        assertThat(hunk.get("id").asText()).matches("h[0-9a-f]{8}");
        assertThat(hunk.get("category").asText()).isEqualTo("dependencies-build");
        assertThat(json.get("summary").get("findings").get("critical").asInt()).isEqualTo(2);
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
