package dev.rustreview.analysis.provenance;

import static dev.rustreview.analysis.provenance.Commits.HUMAN;
import static dev.rustreview.analysis.provenance.Commits.by;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.ProvenanceEvidence;
import dev.rustreview.model.Revision;
import dev.rustreview.model.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvenanceClassifierTest {

    private final ProvenanceClassifier classifier = ProvenanceClassifier.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            claude[bot] <209825114+claude[bot]@users.noreply.github.com>                          | Claude Code
            Copilot <198982749+Copilot@users.noreply.github.com>                                   | GitHub Copilot coding agent
            copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>     | GitHub Copilot coding agent
            chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com> | OpenAI Codex
            devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com> | Devin
            Cursor Agent <cursoragent@cursor.com>                                                  | Cursor
            Ada Lovelace (aider) <ada@example.com>                                                 | Aider
            google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>     | Google Jules
            amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>   | Amazon Q Developer
            openhands <openhands@all-hands.dev>                                                     | OpenHands
            """)
    void agentAuthorMakesTheCommitAgent(String author, String tool) {
        CommitProvenance p = classifier.classify(by(author, HUMAN, "Implement the parser"));

        assertThat(p.verdict()).isEqualTo(Verdict.AGENT);
        assertThat(p.tool()).isEqualTo(tool);
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool).containsExactly(tuple("author", author, tool));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Co-Authored-By | Claude <noreply@anthropic.com>                                                  | Claude Code
            Co-Authored-By | Claude Opus 4.5 <noreply@anthropic.com>                                         | Claude Code
            Co-authored-by | Copilot <175728472+Copilot@users.noreply.github.com>                            | GitHub Copilot coding agent
            Co-authored-by | Codex <noreply@openai.com>                                                      | OpenAI Codex
            Co-Authored-By | Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>           | Devin
            Co-authored-by | Cursor <cursoragent@cursor.com>                                                 | Cursor
            Co-authored-by | aider (anthropic/claude-sonnet-4) <aider@aider.chat>                            | Aider
            Co-authored-by | aider (gpt-4o) <noreply@aider.chat>                                             | Aider
            Co-authored-by | google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com> | Google Jules
            Co-authored-by | openhands <openhands@all-hands.dev>                                             | OpenHands
            """)
    void agentTrailerOnAHumanCommitIsAssisted(String key, String value, String tool) {
        CommitProvenance p = classifier.classify(by(HUMAN, "Fix the lexer\n\nBody.\n\n" + key + ": " + value));

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.tool()).isEqualTo(tool);
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool).containsExactly(tuple("trailer:" + key, value, tool));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Add parser\\n\\n🤖 Generated with [Claude Code](https://claude.com/claude-code) | 🤖 Generated with [Claude Code](https://claude.com/claude-code) | Claude Code
            Add parser\\n\\nGenerated with [Devin](https://devin.ai/)                      | Generated with [Devin](https://devin.ai/)                      | Devin
            """)
    void messageMarkerOnAHumanCommitIsAssisted(String message, String line, String tool) {
        CommitProvenance p = classifier.classify(by(HUMAN, message.replace("\\n", "\n")));

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.tool()).isEqualTo(tool);
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool).containsExactly(tuple("message", line, tool));
    }

    @Test
    void aiderSubjectPrefixIsAssisted() {
        CommitProvenance p = classifier.classify(by(HUMAN, "aider: Add the --verbose flag"));

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool).containsExactly(tuple("subject", "aider: Add the --verbose flag", "Aider"));
    }

    @ParameterizedTest
    @CsvSource({"Co-Authored-By", "Co-authored-by", "co-authored-by", "CO-AUTHORED-BY"})
    void trailerKeyCaseDoesNotMatterAndIsKeptAsWritten(String key) {
        CommitProvenance p = classifier.classify(by(HUMAN, "Fix\n\n" + key + ": CLAUDE <NoReply@Anthropic.com>"));

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.evidence()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("trailer:" + key);
            assertThat(e.value()).isEqualTo("CLAUDE <NoReply@Anthropic.com>");
            assertThat(e.pattern()).contains("anthropic");
        });
    }

    @Test
    void identityMatchingIgnoresCase() {
        assertThat(classifier.classify(by("CURSOR AGENT <CursorAgent@Cursor.com>", "x")).verdict())
                .isEqualTo(Verdict.AGENT);
    }

    @Test
    void typicalClaudeCodeCommitKeepsEveryMatchingSignal() {
        CommitProvenance p = classifier.classify(by(HUMAN, """
                Add retry to the fetcher

                🤖 Generated with [Claude Code](https://claude.com/claude-code)

                Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>
                """), "claude/retry");

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.tool()).isEqualTo("Claude Code");
        assertThat(p.agentWritten()).isTrue();
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value)
                .containsExactly(
                        tuple("trailer:Co-Authored-By", "Claude Sonnet 4.5 <noreply@anthropic.com>"),
                        tuple("message", "🤖 Generated with [Claude Code](https://claude.com/claude-code)"),
                        tuple("branch", "claude/retry"));
    }

    @Test
    void agentCommitterMakesAHumanAuthoredCommitAgent() {
        CommitProvenance p = classifier.classify(
                by(HUMAN, "claude[bot] <209825114+claude[bot]@users.noreply.github.com>", "Rebase"));

        assertThat(p.verdict()).isEqualTo(Verdict.AGENT);
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field).containsExactly("committer");
    }

    @Test
    void copilotCommitCreditingItsHumanStaysAgent() {
        CommitProvenance p = classifier.classify(by("Copilot <198982749+Copilot@users.noreply.github.com>",
                "GitHub <noreply@github.com>", "Add tests\n\nCo-authored-by: ada <12345+ada@users.noreply.github.com>"));

        assertThat(p.verdict()).isEqualTo(Verdict.AGENT);
        assertThat(p.tool()).isEqualTo("GitHub Copilot coding agent");
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field).containsExactly("author");
    }

    @Test
    void agentAuthorWinsOverAnotherToolsTrailerButBothAreKept() {
        CommitProvenance p = classifier.classify(by("Cursor Agent <cursoragent@cursor.com>", HUMAN,
                "Refactor\n\nCo-Authored-By: Claude <noreply@anthropic.com>"));

        assertThat(p.verdict()).isEqualTo(Verdict.AGENT);
        assertThat(p.tool()).isEqualTo("Cursor");
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::tool).containsExactly(
                tuple("author", "Cursor"), tuple("trailer:Co-Authored-By", "Claude Code"));
    }

    @Test
    void humanWithoutSignalIsHumanWithNoEvidence() {
        CommitProvenance p = classifier.classify(by(HUMAN, "Tidy imports\n\nSigned-off-by: Ada <ada@example.com>"));

        assertThat(p.verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(p.tool()).isNull();
        assertThat(p.evidence()).isEmpty();
        assertThat(p.agentWritten()).isFalse();
    }

    @Test
    void botThatIsNotAnAgentIsHumanWithBotEvidence() {
        String dependabot = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>";
        CommitProvenance p = classifier.classify(by(dependabot, "Bump serde from 1.0.200 to 1.0.210"));

        assertThat(p.verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(p.tool()).isNull();
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool).containsExactly(
                        tuple("author", dependabot, null), tuple("committer", dependabot, null));
        assertThat(p.evidence().get(0).pattern()).contains("bot, not a known agent");
    }

    @Test
    void botNameWithoutGithubNoreplyEmailIsNoSignal() {
        assertThat(classifier.classify(by("ci[bot] <ci@example.com>", "Release")).evidence()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Generated-by | GPT-5
            Assisted-by  | an LLM
            AI-Assisted  | true
            ai-assisted  | Yes
            """)
    void genericAiTrailersAreAssistedWithoutATool(String key, String value) {
        CommitProvenance p = classifier.classify(by(HUMAN, "Speed up\n\n" + key + ": " + value));

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.tool()).isNull();
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool).containsExactly(tuple("trailer:" + key, value, null));
    }

    @Test
    void aiAssistedFalseIsNoSignal() {
        assertThat(classifier.classify(by(HUMAN, "Speed up\n\nAI-Assisted: false")).verdict())
                .isEqualTo(Verdict.HUMAN);
    }

    @ParameterizedTest
    @CsvSource({"claude/fix-parser, Claude Code", "copilot/fix-12, GitHub Copilot coding agent",
            "codex/add-tests, OpenAI Codex", "devin/1712345-cleanup, Devin", "cursor/refactor, Cursor",
            "q/dev-feature, Amazon Q Developer"})
    void branchPrefixAloneIsWeaklyAssisted(String branch, String tool) {
        CommitProvenance p = classifier.classify(by(HUMAN, "Small fix"), branch);

        assertThat(p.verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(p.tool()).isEqualTo(tool);
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::value,
                ProvenanceEvidence::tool, ProvenanceEvidence::weak).containsExactly(tuple("branch", branch, tool, true));
    }

    @Test
    void branchMustStartWithThePrefix() {
        assertThat(classifier.classify(by(HUMAN, "Small fix"), "feature/claude/x").evidence()).isEmpty();
        assertThat(classifier.classify(by(HUMAN, "Small fix"), "faq/x").evidence()).isEmpty();
    }

    @Test
    void branchNameComesFromTheHeadRef() {
        assertThat(ProvenanceClassifier.branchName(new Revision("claude/x", "refs/heads/claude/x", "a")))
                .isEqualTo("claude/x");
        assertThat(ProvenanceClassifier.branchName(new Revision("origin/codex/y", "refs/remotes/origin/codex/y", "a")))
                .isEqualTo("codex/y");
        assertThat(ProvenanceClassifier.branchName(new Revision("HEAD~2", null, "a"))).isNull();
        assertThat(ProvenanceClassifier.branchName(new Revision("v1", "refs/tags/v1", "a"))).isNull();
    }

    @Test
    void changeSetIsClassifiedWithItsHeadBranch() {
        var agent = by("claude[bot] <1+claude[bot]@users.noreply.github.com>", HUMAN, "Add a");
        var human = by(HUMAN, "Fix a");
        ChangeSet cs = new ChangeSet("/repo", new Revision("main", "refs/heads/main", "base"),
                new Revision("claude/a", "refs/heads/claude/a", human.id()), "base", "base", human.id(),
                List.of(agent, human), List.of());

        List<CommitProvenance> all = classifier.classify(cs);

        assertThat(all).extracting(CommitProvenance::commitId, CommitProvenance::verdict)
                .containsExactly(tuple(agent.id(), Verdict.AGENT), tuple(human.id(), Verdict.ASSISTED));
        assertThat(all.get(0).evidence()).extracting(ProvenanceEvidence::field).containsExactly("author", "branch");
        assertThat(all.get(1).evidence()).extracting(ProvenanceEvidence::field, ProvenanceEvidence::weak)
                .containsExactly(tuple("branch", true));
    }

    @Test
    void commitsOutsideTheRangeAreUnknown() {
        CommitProvenance p = ProvenanceClassifier.unknown("deadbeef");

        assertThat(p.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(p.evidence()).isEmpty();
        assertThat(p.agentWritten()).isFalse();
    }
}
