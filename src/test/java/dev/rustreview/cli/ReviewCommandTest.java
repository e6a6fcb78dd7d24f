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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The review subcommands on a private copy of the sample, in the order a reviewer would use them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewCommandTest {

    @TempDir
    static Path tmp;
    static Path sample;

    @BeforeAll
    static void buildSample() {
        sample = BundledSample.buildInto(tmp.resolve("sample"));
    }

    private static CliRun review(String... args) {
        List<String> all = new ArrayList<>(List.of("review"));
        all.addAll(List.of(args));
        all.addAll(List.of("--repo", sample.toString(), "--base", "main"));
        if (!all.contains("--head")) {
            all.addAll(List.of("--head", "agent/backup-executor"));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void statusStartsRoundOneAndStoresTheReviewInTheGitDir() throws Exception {
        CliRun run = review("status", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("review").asText()).isEqualTo("agent-backup-executor");
        assertThat(json.get("round").asInt()).isEqualTo(1);
        assertThat(json.get("coverage").get("ready").asBoolean()).isFalse();
        assertThat(json.get("undecided").size()).isEqualTo(json.get("coverage").get("hunksTotal").asInt());
        assertThat(sample.resolve(".git/rust-review/reviews/agent-backup-executor.json")).exists();
        assertThat(review("status").out()).contains("round 1").contains("ready: no");
    }

    @Test
    @Order(2)
    void decideOneHunkOrManyAndBulkAcceptSkipsHighRisk() throws Exception {
        assertThat(review("decide", "h32022578", "accept").status()).isZero();
        CliRun bulk = review("decide", "--file", "src/backup/executor.rs", "accept");
        assertThat(bulk.status()).isZero();
        assertThat(bulk.out()).matches("(?s)\\d+ units accepted: h.*").doesNotContain("h65649ff7");
        assertThat(bulk.err()).contains("h65649ff7").contains("--confirm");
        CliRun category = review("decide", "--category", "documentation", "accept");
        assertThat(category.status()).as(category.err()).isZero();
        assertThat(review("decide", "--file", "Cargo.toml", "reject", "--reason", "no new deps").status()).isZero();
        CliRun noReason = review("decide", "h65649ff7", "reject");
        assertThat(noReason.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noReason.err().strip()).doesNotContain("\n").contains("--reason");
        assertThat(review("decide", "hdeadbeef", "accept").status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(review("decide", "h32022578", "maybe").status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(review("decide", "accept").status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(review("status").out()).contains("accepted").doesNotContain("undecided h32022578");
        JsonNode units = Json.mapper().readTree(review("status", "--format", "json").out()).get("units");
        JsonNode writeManifest = java.util.stream.StreamSupport.stream(units.spliterator(), false)
                .filter(u -> u.get("id").asText().equals("h65649ff7")).findFirst().orElseThrow();
        assertThat(writeManifest.get("path").asText()).isEqualTo("src/backup/executor.rs");
        assertThat(writeManifest.get("item").asText()).isEqualTo("impl BackupExecutor \u203a fn write_manifest");
        assertThat(writeManifest.get("startLine").asInt()).isEqualTo(219);
        assertThat(writeManifest.get("endLine").asInt()).isEqualTo(240);
        assertThat(writeManifest.get("decision").asText()).isEqualTo("unreviewed");
        assertThat(java.util.stream.StreamSupport.stream(units.spliterator(), false)
                .filter(u -> u.get("path").asText().equals("src/backup/executor.rs")).count()).isGreaterThanOrEqualTo(8);
    }

    @Test
    @Order(3)
    void ackAndDismissFindings() {
        assertThat(review("ack", "AL1-1c0f2aeb", "--note", "guard dropped on line 52; fine").status()).isZero();
        assertThat(review("dismiss", "CC6-92f9ee5f", "--reason", "bounded by the semaphore").status()).isZero();
        assertThat(review("dismiss", "CC6-92f9ee5f").status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(review("ack", "XX9-000000").status()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    @Order(4)
    void annotateLinesFilesAndTheReview() throws Exception {
        CliRun run = review("annotate", "--path", "src/backup/executor.rs", "--line", "225-226", "--kind", "issue",
                "--text", "guard held across `.await`");
        assertThat(run.status()).as(run.err()).isZero();
        String id = run.out().strip();
        assertThat(review("annotate", "--path", "README.md", "--kind", "praise", "--text", "clear").status()).isZero();
        assertThat(review("annotate", "--kind", "note", "--text", "overall fine").status()).isZero();
        assertThat(review("annotate", "--path", "x.rs", "--line", "1", "--kind", "issue", "--text", "t").status())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(review("annotate", "--kind", "rant", "--text", "t").status()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode json = Json.mapper().readTree(review("status", "--format", "json").out());
        assertThat(json.get("coverage").get("openIssues").asInt()).isEqualTo(1);
        assertThat(review("reply", id, "--text", "fixed in v2?").status()).isZero();
    }

    @Test
    @Order(5)
    void exportPatchesAndApplyAcceptedWriteOnlyGitObjectsAndTheBranch() throws Exception {
        CliRun patches = review("export-patches", "--out", tmp.resolve("out").toString());
        assertThat(patches.status()).as(patches.err()).isZero();
        assertThat(tmp.resolve("out/accepted.patch")).isNotEmptyFile();
        assertThat(Files.readString(tmp.resolve("out/rejected.patch"))).contains("Cargo.toml");
        String head = Files.readString(sample.resolve(".git/HEAD"));
        CliRun apply = review("apply-accepted");
        assertThat(apply.status()).as(apply.err()).isZero();
        assertThat(apply.out()).startsWith("review/agent/backup-executor-accepted ");
        assertThat(Files.readString(sample.resolve(".git/HEAD"))).isEqualTo(head);
        assertThat(review("apply-accepted", "--branch", "bad..name").status()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    @Order(5)
    void filesAreMarkedViewedAndClearedFromTheCommandLine() {
        CliRun viewed = review("viewed", "src/services/postgres.rs");
        assertThat(viewed.status()).as(viewed.err()).isZero();
        assertThat(viewed.out()).isEqualTo("src/services/postgres.rs viewed\n");
        assertThat(review("viewed", "src/backup/executor.rs").status()).isZero();
        assertThat(review("viewed", "src/backup/mod.rs", "--clear").status()).isZero();
        CliRun unknown = review("viewed", "src/nowhere.rs");
        assertThat(unknown.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("'src/nowhere.rs' is not changed in the current round").hasLineCount(1);
    }

    @Test
    @Order(6)
    void followingTheRebasedBranchStartsRoundTwoAndSinceLastShowsOnlyTheAgentsChanges() throws Exception {
        CliRun status = review("status", "--head", "agent/backup-executor-v2", "--review", "agent-backup-executor");
        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.out()).contains("round 2").contains("changed since round 1").contains("outdated since round 2");
        CliRun rounds = review("rounds", "--head", "agent/backup-executor-v2", "--review", "agent-backup-executor");
        assertThat(rounds.out().lines()).hasSize(2);
        CliRun since = review("since-last", "--head", "agent/backup-executor-v2", "--review", "agent-backup-executor");
        assertThat(since.status()).as(since.err()).isZero();
        assertThat(since.out()).contains("--- src/backup/executor.rs").contains("Implement Display for S3Source")
                .doesNotContain("redis.rs").doesNotContain("--- README.md");
        CliRun interdiff = review("interdiff", "h9df1eda7", "--head", "agent/backup-executor-v2", "--review",
                "agent-backup-executor");
        assertThat(interdiff.status()).as(interdiff.err()).isZero();
        assertThat(interdiff.out()).startsWith("h9df1eda7 since round 1");
        assertThat(interdiff.out().lines().filter(l -> l.startsWith("+") || l.startsWith("-")).count()).isBetween(1L, 10L);
        assertThat(review("since-last", "--review", "fresh").status()).as("a one-round review").isEqualTo(ExitCodes.BAD_INPUT);

        // Round 2 for scripts: units the agent left alone say since when; the viewed mark on the executor it
        // rewrote is cleared, the one on postgres.rs stays.
        JsonNode json = Json.mapper().readTree(review("status", "--format", "json", "--head", "agent/backup-executor-v2",
                "--review", "agent-backup-executor").out());
        java.util.Map<String, JsonNode> units = new java.util.HashMap<>();
        json.get("units").forEach(u -> units.put(u.get("id").asText(), u));
        assertThat(units.get("h32022578").get("unchangedSinceRound").asInt()).isEqualTo(1);
        assertThat(units.get("h9df1eda7").get("unchangedSinceRound").isNull()).isTrue();
        assertThat(units.get("h9df1eda7").get("changedSinceRound").asInt()).isEqualTo(1);
        assertThat(json.get("viewedFiles")).extracting(v -> v.get("path").asText())
                .containsExactly("src/services/postgres.rs");
    }

    @Test
    @Order(7)
    void aCorruptReviewFileIsMovedAsideAndReportedInOneLine() throws Exception {
        Path file = sample.resolve(".git/rust-review/reviews/agent-backup-executor.json");
        Files.writeString(file, "{\"kind\":\"rust-review/review\",\"formatVersion\":1,\"revi");
        CliRun run = review("status");
        assertThat(run.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).doesNotContain("\n").contains("moved it to").contains("backup");
        CliRun restored = review("status", "--from-backup");
        assertThat(restored.status()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("accepted");
    }
}
