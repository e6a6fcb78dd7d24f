package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.git.BundledSample;
import dev.rustreview.io.Json;
import dev.rustreview.review.SharedMutes;
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

/** review feedback, problem, mute and unmute on a private copy of the sample. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewFeedbackCommandTest {

    @TempDir
    static Path tmp;
    static Path sample;

    @BeforeAll
    static void buildSample() {
        sample = BundledSample.buildInto(tmp.resolve("sample"));
        assertThat(review("decide", "h65649ff7", "reject", "--reason", "holds the lock").status()).isZero();
        assertThat(review("decide", "h32022578", "accept").status()).isZero();
    }

    private static CliRun review(String... args) {
        List<String> all = new ArrayList<>(List.of("review"));
        all.addAll(List.of(args));
        all.addAll(List.of("--repo", sample.toString(), "--base", "main", "--head", BundledSample.HEAD));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode analysisFinding(String rule) throws Exception {
        CliRun a = CliRun.of("analyze", "--repo", sample.toString(), "--base", "main", "--head", BundledSample.HEAD,
                "--format", "json");
        for (JsonNode f : Json.mapper().readTree(a.out()).get("findings")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no " + rule + " finding");
    }

    @Test
    @Order(1)
    void feedbackListsWhatTheReviewerAskedForInMarkdownAndJson() throws Exception {
        JsonNode pn1 = analysisFinding("PN1");
        CliRun problem = review("problem", pn1.get("id").asText(), "--note", "return an error instead");
        assertThat(problem.status()).as(problem.err()).isZero();
        assertThat(problem.out()).isEqualTo(pn1.get("id").asText() + " marked as a problem for the agent\n");

        CliRun md = review("feedback");
        assertThat(md.status()).as(md.err()).isZero();
        assertThat(md.out()).startsWith("# Review of " + BundledSample.HEAD + " at ")
                .containsPattern("\n1\\. `src/backup/executor\\.rs:\\d+` — \\*\\*rejected\\*\\*: holds the lock")
                .contains("— **problem**: ").contains("Reviewer: return an error instead")
                .contains("## Accepted as they are (leave these unchanged)")
                .doesNotContain("**risk finding**");
        CliRun all = review("feedback", "--include-unreviewed-findings");
        assertThat(all.out()).contains("**risk finding**");

        CliRun json = review("feedback", "--format", "json");
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode root = Json.mapper().readTree(json.out());
        assertThat(root.get("kind").asText()).isEqualTo("rust-review/feedback");
        assertThat(root.get("round").asInt()).isEqualTo(1);
        assertThat(root.get("items").get(0).get("kind").asText()).isEqualTo("rejected");
        assertThat(root.get("items").get(1).get("kind").asText()).isEqualTo("problem");
        assertThat(root.get("items").get(1).get("id").asText()).isEqualTo(pn1.get("id").asText());
        assertThat(root.get("accepted").get(0).get("id").asText()).isEqualTo("h32022578");
    }

    @Test
    @Order(2)
    void theMarkdownExportListsUnreviewedFindingsOnlyWhenAsked() {
        List<String> base = List.of("--repo", sample.toString(), "--base", "main", "--head", BundledSample.HEAD);
        List<String> plain = new ArrayList<>(List.of("export", "--format", "markdown"));
        plain.addAll(base);
        List<String> all = new ArrayList<>(plain);
        all.add("--include-unreviewed-findings");
        assertThat(CliRun.of(plain.toArray(String[]::new)).out()).doesNotContain("**risk finding**");
        assertThat(CliRun.of(all.toArray(String[]::new)).out()).contains("**risk finding**");
    }

    @Test
    @Order(2)
    void aBadFormatIsOneLineAndExitTwo() {
        CliRun bad = review("feedback", "--format", "html");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("rust-review: unknown format 'html': use --format markdown or --format json");
    }

    @Test
    @Order(3)
    void mutingForTheRepositoryWritesTheWorkTreesFileAndUnmuteTakesItOut() throws Exception {
        CliRun bad = review("mute", "not a rule");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("is not a rule id");

        CliRun mute = review("mute", "PN2", "--repository");
        assertThat(mute.status()).as(mute.err()).isZero();
        Path file = sample.resolve(".rust-review.json");
        assertThat(mute.out()).startsWith("PN2 muted for the repository (")
                .contains("wrote " + file + ": commit it on the base branch to share it with the team");
        assertThat(SharedMutes.parse(Files.readString(file))).containsExactly("PN2");

        CliRun status = review("status");
        assertThat(status.out()).containsPattern("\n  muted PN2: muted for the repository \\(\\d+ findings\\)\n");
        CliRun json = review("status", "--format", "json");
        JsonNode muted = Json.mapper().readTree(json.out()).get("mutedRules");
        assertThat(muted.get(0).get("rule").asText()).isEqualTo("PN2");

        CliRun unmute = review("unmute", "PN2", "--repository");
        assertThat(unmute.status()).as(unmute.err()).isZero();
        assertThat(SharedMutes.parse(Files.readString(file))).isEmpty();
        CliRun again = review("unmute", "PN2");
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("rule PN2 is not muted");
    }
}
