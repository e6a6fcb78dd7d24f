package dev.rustreview.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.RuleMute;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes back to the agent: what the reviewer asked for by default, open findings only when asked. */
class AgentFeedbackTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;

    @BeforeAll
    static void build() {
        fx = ExportFixture.build(tmp);
    }

    private static Finding low() {
        return fx.v1.findings().stream().filter(f -> f.severity() == Severity.LOW).findFirst().orElseThrow();
    }

    /** The fixture's review plus a low finding marked as a problem and a question with a reply. */
    private static ReviewSession session() {
        ReviewSession s = fx.reviewed();
        s.markProblem(low().id(), "use checked arithmetic");
        var q = s.annotateLines("src/services/postgres.rs", Side.NEW, 12, 12, AnnotationKind.QUESTION,
                "is 20 from the config?", null);
        s.reply(q.id(), "no, hard-coded");
        s.annotateLines("src/services/postgres.rs", Side.NEW, 13, 13, AnnotationKind.PRAISE, "nice", null);
        return s;
    }

    @Test
    void byDefaultOnlyWhatTheReviewerAskedForInTheOrderToDoIt() {
        AgentFeedback f = AgentFeedback.of(session(), false);
        assertThat(f.items()).extracting(AgentItems.Item::kind).containsExactly(AgentItems.Kind.REJECTED,
                AgentItems.Kind.ISSUE, AgentItems.Kind.SUGGESTION, AgentItems.Kind.PROBLEM, AgentItems.Kind.THREAD);
        AgentItems.Item problem = f.items().get(3);
        assertThat(problem.sourceId()).isEqualTo(low().id());
        assertThat(problem.text()).contains(low().ruleId()).endsWith("Reviewer: use checked arithmetic");
        assertThat(f.items().get(4).replies()).containsExactly("Ann <ann@example.com>: no, hard-coded");
        assertThat(f.unreviewedIncluded()).isFalse();
        assertThat(f.head()).isEqualTo("agent/backup-executor");
        assertThat(f.accepted()).extracting(AgentFeedback.Unit::id).containsExactly(ExportFixture.POSTGRES_HUNK);
    }

    @Test
    void includingUnreviewedFindingsAddsTheUnansweredHighOnesExceptMutedRules() {
        ReviewSession s = session();
        List<Finding> open = fx.v1.findings().stream().filter(x -> x.severity().atLeast(Severity.HIGH)).skip(2).toList();
        AgentFeedback all = AgentFeedback.of(s, true);
        assertThat(all.items().stream().filter(i -> i.kind() == AgentItems.Kind.FINDING).map(AgentItems.Item::sourceId))
                .containsExactlyInAnyOrderElementsOf(open.stream().map(Finding::id).toList());
        String rule = open.get(0).ruleId();
        s.mute(rule, RuleMute.Scope.REVIEW);
        AgentFeedback muted = AgentFeedback.of(s, true);
        long ofRule = open.stream().filter(x -> x.ruleId().equals(rule)).count();
        assertThat(muted.mutedLeftOut()).isEqualTo((int) ofRule);
        assertThat(muted.items().stream().filter(i -> i.kind() == AgentItems.Kind.FINDING)).hasSize(open.size() - (int) ofRule);
        assertThat(MarkdownExport.write(muted, null)).contains(ofRule + " unanswered findings of muted rules are not listed.");
        s.unmute(rule);
        assertThat(AgentFeedback.of(s, true).mutedLeftOut()).isZero();
        assertThatThrownBy(() -> s.unmute(rule)).isInstanceOf(BadInputException.class).hasMessageContaining("is not muted");
    }

    @Test
    void theTeamsMuteCanBeShownAgainInThisReview() {
        ReviewSession s = fx.fresh("Ann");
        s.useSharedMutes(List.of("PN1"));
        assertThat(s.mutes().muted("PN1")).isTrue();
        s.unmute("PN1");
        assertThat(s.mutes().muted("PN1")).isFalse();
        assertThat(s.review().mutes().get("PN1").scope()).isEqualTo(RuleMute.Scope.SHOWN);
        s.mute("PN1", RuleMute.Scope.REVIEW);
        assertThat(s.mutes().muted("PN1")).isTrue();
    }

    @Test
    void theMarkdownNamesTheReviewedHeadAndListsTheAcceptedUnits() {
        ReviewSession s = session();
        String md = MarkdownExport.write(AgentFeedback.of(s, false), null);
        String commit = s.review().lastRound().orElseThrow().headCommitId().substring(0, 7);
        assertThat(md).startsWith("# Review of agent/backup-executor at " + commit + " (round 1)\n");
        assertThat(md).contains("— **problem**: low " + low().ruleId())
                .contains("— **open thread**: question: is 20 from the config?")
                .contains("   > Ann \\<ann@example.com\\>: no, hard-coded")
                .contains("Findings the reviewer has not answered are not listed.")
                .contains("## Accepted as they are (leave these unchanged)\n\n- `src/services/postgres.rs:")
                .doesNotContain("nice").doesNotContain("**risk finding**");
        assertThat(md.indexOf("**rejected**")).isLessThan(md.indexOf("**problem**"));
        assertThat(md.indexOf("**open thread**")).isLessThan(md.indexOf("## Accepted"));
    }

    @Test
    void theJsonHoldsTheSameContent() throws Exception {
        AgentFeedback f = AgentFeedback.of(session(), false);
        JsonNode root = Json.mapper().readTree(FeedbackJson.write(f));
        assertThat(root.get("kind").asText()).isEqualTo("rust-review/feedback");
        assertThat(root.get("head").asText()).isEqualTo("agent/backup-executor");
        assertThat(root.get("headCommit").asText()).isEqualTo(f.headCommit());
        assertThat(root.get("verdict").asText()).isEqualTo("request_changes");
        assertThat(root.get("items")).hasSize(5);
        assertThat(root.get("items").get(0).get("kind").asText()).isEqualTo("rejected");
        assertThat(root.get("items").get(2).get("suggestedCode").asText()).isEqualTo("const POOL: u32 = 20;");
        assertThat(root.get("items").get(4).get("replies").get(0).asText()).isEqualTo("Ann <ann@example.com>: no, hard-coded");
        assertThat(root.get("accepted").get(0).get("id").asText()).isEqualTo(ExportFixture.POSTGRES_HUNK);
        assertThat(root.get("unreviewedFindingsIncluded").asBoolean()).isFalse();
    }

    @Test
    void aFindingMarkedAsAProblemCountsAsAnOpenIssueSoTheReviewIsNotReady() {
        ReviewSession s = fx.fresh("Ann");
        int before = s.coverage().openIssues();
        s.markProblem(low().id(), null);
        assertThat(s.coverage().openIssues()).isEqualTo(before + 1);
        assertThat(ReviewVerdict.of(s.coverage())).isEqualTo(ReviewVerdict.REQUEST_CHANGES);
    }
}
