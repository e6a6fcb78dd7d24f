package dev.rustreview.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Finding;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.ReviewSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubReviewTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;

    @BeforeAll
    static void build() {
        fx = ExportFixture.build(tmp);
    }

    @Test
    void verdictBecomesTheEventAndDiffLinesBecomeInlineComments() {
        ReviewSession s = fx.reviewed();
        s.annotateFile("src/services/postgres.rs", AnnotationKind.QUESTION, "is this file needed?");
        JsonNode p = GitHubReview.toJson(s);
        assertThat(p.path("commit_id").asText()).isEqualTo(fx.v1.changeSet().toId());
        assertThat(p.path("event").asText()).isEqualTo("REQUEST_CHANGES");
        List<JsonNode> comments = StreamSupport.stream(p.path("comments").spliterator(), false).toList();
        assertThat(comments.get(0).path("path").asText()).isEqualTo("src/backup/executor.rs");
        assertThat(comments.get(0).path("side").asText()).isEqualTo("RIGHT");
        assertThat(comments.get(0).path("body").asText()).startsWith("**Rejected:** holds the lock across \\`.await\\`");
        List<Finding> open = fx.v1.findings().stream().filter(f -> f.severity().atLeast(dev.rustreview.model.Severity.HIGH))
                .skip(2).toList();
        for (int i = 0; i < open.size(); i++) {
            JsonNode c = comments.get(1 + i);
            assertThat(c.path("path").asText()).isEqualTo(open.get(i).path());
            assertThat(c.path("line").asInt()).isEqualTo(open.get(i).endLine());
            assertThat(c.path("body").asText()).startsWith("**Risk:**").contains("**To fix:**");
        }
        JsonNode issue = comments.get(1 + open.size());
        assertThat(issue.path("path").asText()).isEqualTo("src/services/postgres.rs");
        assertThat(issue.path("start_line").asInt()).isEqualTo(10);
        assertThat(issue.path("start_side").asText()).isEqualTo("RIGHT");
        assertThat(issue.path("line").asInt()).isEqualTo(12);
        assertThat(issue.path("body").asText()).isEqualTo("**issue:** why **20**?");
        JsonNode suggestion = comments.get(2 + open.size());
        assertThat(suggestion.path("line").asInt()).isEqualTo(11);
        assertThat(suggestion.has("start_line")).isFalse();
        assertThat(suggestion.path("body").asText())
                .isEqualTo("**suggestion:** use a constant\n\n```suggestion\nconst POOL: u32 = 20;\n```");
        assertThat(comments).hasSize(3 + open.size());
        String body = p.path("body").asText();
        // The title names the reviewed head and its commit.
        assertThat(body).matches("(?s)# Review of agent/backup-executor at [0-9a-f]{7} \\(round 1\\)\n\n\\*\\*Verdict:\\*\\* changes requested.*")
                .contains("### Comments outside the diff\n\n- Whole change: **note:** looks mostly fine\n"
                        + "- src/services/postgres.rs: **question:** is this file needed?");
    }

    @Test
    void withoutNetworkPostingFailsWithOneClearLine() {
        GitHubPoster poster = new GitHubPoster(URI.create("http://127.0.0.1:1"), "token");
        assertThatThrownBy(() -> poster.post(GitHubPoster.PullRequest.parse("octo/app#12"),
                GitHubReview.toJson(fx.fresh("a"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("could not reach 127.0.0.1 to post the review (")
                .hasMessageEndingWith("check the network, or export with --format github and post it later")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> GitHubPoster.PullRequest.parse("octo/app/12")).hasMessageContaining("owner/repo#N");
        assertThatThrownBy(() -> new GitHubPoster(URI.create("http://127.0.0.1:1"), " "))
                .hasMessage("posting to GitHub needs a token: set GITHUB_TOKEN");
    }
}
