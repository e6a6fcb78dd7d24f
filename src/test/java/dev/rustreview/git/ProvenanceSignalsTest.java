package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.provenance.ProvenanceClassifier;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.ProvenanceEvidence;
import dev.rustreview.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every signal of AI-PROVENANCE.md "Seen in real public history", end to end: commits are written with JGit,
 * read back through {@link GitRepository#branchDiff} (so trailers are parsed as git parses them) and classified.
 */
class ProvenanceSignalsTest {

    private static final String HUMAN = "Ada Lovelace <ada@example.com>";

    @TempDir
    Path dir;

    private static PersonIdent ident(String identity) {
        int lt = identity.lastIndexOf('<');
        return new PersonIdent(identity.substring(0, lt).strip(), identity.substring(lt + 1, identity.length() - 1),
                Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    }

    /** One commit on branch {@code branch} over a human base commit on main, classified as a review sees it. */
    private CommitProvenance classify(String author, String committer, String message, String branch) throws Exception {
        try (TestRepo repo = TestRepo.createBare(dir.resolve("r.git"))) {
            String base = repo.commit("Base", TestRepo.tree().file("src/lib.rs", "fn a() {}\n"));
            String head = repo.commit(message, TestRepo.tree().file("src/lib.rs", "fn a() {}\nfn b() {}\n"),
                    ident(author), ident(committer), base);
            repo.branch("main", base).branch(branch, head);
        }
        List<CommitProvenance> all = classifyBranch(branch);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<CommitProvenance> classifyBranch(String branch) {
        try (GitRepository git = GitRepository.open(dir.resolve("r.git"))) {
            ChangeSet cs = git.branchDiff("main", branch, DiffOptions.DEFAULT);
            return ProvenanceClassifier.builtIn().classify(cs, git.squashedPulls(cs));
        }
    }

    private static void assertSignal(CommitProvenance p, Verdict verdict, String tool, String field, String value,
                                     boolean weak) {
        assertThat(p.verdict()).as("verdict").isEqualTo(verdict);
        assertThat(p.tool()).as("tool").isEqualTo(tool);
        assertThat(p.evidence()).as("evidence").anySatisfy(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.value()).isEqualTo(value);
            assertThat(e.pattern()).isNotBlank();
            assertThat(e.weak()).isEqualTo(weak);
        });
    }

    @ParameterizedTest(name = "author {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Claude <noreply@anthropic.com>                                                           | Claude Code
            Claude Opus 4.6 (1M context) <noreply@anthropic.com>                                     | Claude Code
            Claude Sonnet 4.6 <noreply@anthropic.com>                                                | Claude Code
            Claude (claude-opus-4-5) <noreply@anthropic.com>                                         | Claude Code
            claude[bot] <209825114+claude[bot]@users.noreply.github.com>                              | Claude Code
            Codex <codex@openai.com>                                                                 | OpenAI Codex
            chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com> | OpenAI Codex
            copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>       | GitHub Copilot coding agent
            Copilot <198982749+Copilot@users.noreply.github.com>                                     | GitHub Copilot coding agent
            Copilot <223556219+Copilot@users.noreply.github.com>                                     | GitHub Copilot coding agent
            google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>       | Google Jules
            devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com> | Devin
            Cursor Agent <cursoragent@cursor.com>                                                    | Cursor
            Gemini <bot@gemini.local>                                                                | Google Gemini
            gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>     | Google Gemini
            amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>     | Amazon Q Developer
            openhands <openhands@all-hands.dev>                                                      | OpenHands
            Ada Lovelace (aider) <ada@example.com>                                                   | Aider
            """)
    void agentAsAuthorWithoutTrailerIsAgent(String author, String tool) throws Exception {
        CommitProvenance p = classify(author, HUMAN, "Add b", "topic");

        assertSignal(p, Verdict.AGENT, tool, "author", author, false);
    }

    @Test
    void agentAsCommitterIsAgent() throws Exception {
        CommitProvenance p = classify(HUMAN, "Claude <noreply@anthropic.com>", "Add b", "topic");

        assertSignal(p, Verdict.AGENT, "Claude Code", "committer", "Claude <noreply@anthropic.com>", false);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Co-Authored-By  | Claude <noreply@anthropic.com>                                          | Claude Code
            Co-authored-by  | Claude Opus 4.6 (1M context) <noreply@anthropic.com>                    | Claude Code
            Co-Authored-By  | Claude Sonnet 4.6 <noreply@anthropic.com>                               | Claude Code
            co-authored-by  | Claude (claude-opus-4-5) <noreply@anthropic.com>                        | Claude Code
            Co-authored-by  | claude[bot] <209825114+claude[bot]@users.noreply.github.com>             | Claude Code
            Co-authored-by  | Codex <codex@openai.com>                                                | OpenAI Codex
            Co-authored-by  | Codex <noreply@openai.com>                                              | OpenAI Codex
            Co-authored-by  | chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com> | OpenAI Codex
            Co-authored-by  | Copilot <175728472+Copilot@users.noreply.github.com>                    | GitHub Copilot coding agent
            Co-authored-by  | Copilot <223556219+Copilot@users.noreply.github.com>                    | GitHub Copilot coding agent
            Co-authored-by  | copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com> | GitHub Copilot coding agent
            Co-authored-by  | google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com> | Google Jules
            Co-Authored-By  | Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>    | Devin
            Co-authored-by  | Cursor <cursoragent@cursor.com>                                         | Cursor
            Co-authored-by  | Gemini <bot@gemini.local>                                               | Google Gemini
            Co-authored-by  | amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com> | Amazon Q Developer
            Co-authored-by  | openhands <openhands@all-hands.dev>                                     | OpenHands
            Co-authored-by  | aider (gpt-4o) <aider@aider.chat>                                       | Aider
            Made-with       | Cursor                                                                  | Cursor
            made-with       | Cursor                                                                  | Cursor
            Assisted-by     | Claude Code                                                             | Claude Code
            ASSISTED-BY     | Gemini 2.5 Pro                                                          | Google Gemini
            Generated-by    | Codex                                                                   | OpenAI Codex
            AI-Assisted     | true                                                                    |
            Claude-Session  | https://claude.ai/code/session_01AbCdEf                                 | Claude Code
            Copilot-Session | 5f0c2b4e-7a51-4d6e-9a3b-1f2e3d4c5b6a                                    | GitHub Copilot coding agent
            AI-assisted-by  | OpenAI Codex                                                            | OpenAI Codex
            AI-Tool-Disclosure | Created with OpenAI Codex.                                           | OpenAI Codex
            Co-Authored-By  | Claude AI                                                               | Claude Code
            """)
    void trailerOnAHumanCommitIsAssisted(String key, String value, String tool) throws Exception {
        CommitProvenance p = classify(HUMAN, HUMAN, "Add b\n\nBody text.\n\n" + key + ": " + value + "\n", "topic");

        assertSignal(p, Verdict.ASSISTED, tool, "trailer:" + key, value, false);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Add b\\n\\n🤖 Generated with [Claude Code](https://claude.ai/code)             | 🤖 Generated with [Claude Code](https://claude.ai/code)             | Claude Code
            Add b\\n\\n🤖 Generated with [Claude Code](https://claude.com/claude-code)     | 🤖 Generated with [Claude Code](https://claude.com/claude-code)     | Claude Code
            Add b\\n\\nGenerated with [Devin](https://devin.ai/)                           | Generated with [Devin](https://devin.ai/)                           | Devin
            """)
    void messageMarkerIsAssisted(String message, String line, String tool) throws Exception {
        CommitProvenance p = classify(HUMAN, HUMAN, message.replace("\\n", "\n"), "topic");

        assertSignal(p, Verdict.ASSISTED, tool, "message", line, false);
    }

    @Test
    void assistedByGluedToTheSubjectIsAssisted() throws Exception {
        String subject = "Fix the tokenizer on empty input Assisted-by: Gemini 3.5 Flash (High)";
        CommitProvenance p = classify(HUMAN, HUMAN, subject + "\n", "topic");

        assertSignal(p, Verdict.ASSISTED, "Google Gemini", "subject", subject, false);
    }

    @Test
    void copilotAutofixIsAssisted() throws Exception {
        String coAuthor = "Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>";
        CommitProvenance p = classify(HUMAN, HUMAN, "Potential fix for pull request finding 'Unused variable'\n\n"
                + "Co-authored-by: " + coAuthor + "\n", "topic");

        assertSignal(p, Verdict.ASSISTED, "GitHub Copilot Autofix", "trailer:Co-authored-by", coAuthor, false);
        assertSignal(p, Verdict.ASSISTED, "GitHub Copilot Autofix", "subject",
                "Potential fix for pull request finding 'Unused variable'", false);
    }

    @Test
    void appliedCopilotReviewSuggestionIsAssisted() throws Exception {
        String coAuthor = "Copilot <175728472+Copilot@users.noreply.github.com>";
        CommitProvenance p = classify(HUMAN, "GitHub <noreply@github.com>",
                "Apply suggestions from code review\n\nCo-authored-by: " + coAuthor + "\n", "topic");

        assertSignal(p, Verdict.ASSISTED, "GitHub Copilot coding agent", "trailer:Co-authored-by", coAuthor, false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Developed in conjunction with Claude.                   | Claude Code
            Ported the lexer with the help from Claude Code.        | Claude Code
            This was developed with Claude over two sessions.       | Claude Code
            Written with the help of ChatGPT, reviewed by hand.     |
            This commit was created with assistance from OpenAI Codex. | OpenAI Codex
            Generated with assistance from Claude Code.             | Claude Code
            Generated with the help of AI (Claude Code).            | Claude Code
            Tests written with codex.                               | OpenAI Codex
            """)
    void proseNamingAnAgentIsWeaklyAssisted(String line, String tool) throws Exception {
        CommitProvenance p = classify(HUMAN, HUMAN, "Rewrite the lexer\n\n" + line + "\n", "topic");

        assertSignal(p, Verdict.ASSISTED, tool, "message", line, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"claude/fix-parser, Claude Code", "codex/add-tests, OpenAI Codex",
            "copilot/fix-12, GitHub Copilot coding agent", "cursor/refactor-lexer, Cursor",
            "devin/1712345-cleanup, Devin", "jules/speedup, Google Jules", "q/dev-feature, Amazon Q Developer"})
    void agentBranchNameIsWeaklyAssisted(String branch, String tool) throws Exception {
        CommitProvenance p = classify(HUMAN, HUMAN, "Small fix\n", branch);

        assertSignal(p, Verdict.ASSISTED, tool, "branch", branch, true);
        assertThat(p.evidence()).hasSize(1);
    }

    @Test
    void branchNamedOnlyInAMergeSubjectIsWeaklyAssisted() throws Exception {
        String mergeId;
        try (TestRepo repo = TestRepo.createBare(dir.resolve("r.git"))) {
            String base = repo.commit("Base", TestRepo.tree().file("a.rs", "a\n"));
            String upstream = repo.commit("Upstream work", TestRepo.tree().file("a.rs", "a\n").file("u.rs", "u\n"), base);
            String work = repo.commit("Add b", TestRepo.tree().file("a.rs", "a\nb\n"), base);
            mergeId = repo.commit("Merge remote-tracking branch 'upstream/master' into codex/fix-parser",
                    TestRepo.tree().file("a.rs", "a\nb\n").file("u.rs", "u\n"), work, upstream);
            repo.branch("main", base).branch("topic", mergeId);
        }
        List<CommitProvenance> all = classifyBranch("topic");

        assertThat(all).hasSize(3).allSatisfy(p -> assertSignal(p, Verdict.ASSISTED, "OpenAI Codex",
                "merge-subject:" + mergeId.substring(0, 7), "codex/fix-parser", true));
    }

    @Test
    void squashMergeIsClassifiedFromItsPullRequestCommits() throws Exception {
        String agentCommit;
        try (TestRepo repo = TestRepo.createBare(dir.resolve("r.git"))) {
            String base = repo.commit("Base", TestRepo.tree().file("a.rs", "a\n"));
            String plan = repo.commit("Initial plan", TestRepo.tree().file("a.rs", "a\n"),
                    ident("copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>"),
                    ident(HUMAN), base);
            agentCommit = repo.commit("Add b\n\nCo-authored-by: ada <1+ada@users.noreply.github.com>\n",
                    TestRepo.tree().file("a.rs", "a\nb\n"),
                    ident("Copilot <198982749+Copilot@users.noreply.github.com>"), ident(HUMAN), plan);
            String squash = repo.commit("Add b (#12)\n\n* Initial plan\n\n* Add b\n", TestRepo.tree().file("a.rs", "a\nb\n"),
                    ident(HUMAN), ident("GitHub <noreply@github.com>"), base);
            String unrelated = repo.commit("Tidy (#13)\n", TestRepo.tree().file("a.rs", "a\nb\n\n"), squash);
            repo.branch("main", base).branch("topic", unrelated).ref("refs/pull/12/head", agentCommit);
        }
        List<CommitProvenance> all = classifyBranch("topic");

        assertThat(all).hasSize(2);
        assertSignal(all.get(0), Verdict.AGENT, "GitHub Copilot coding agent",
                "refs/pull/12/head " + agentCommit.substring(0, 7) + " author",
                "Copilot <198982749+Copilot@users.noreply.github.com>", false);
        // No refs/pull/13/head: nothing to learn, and the subject alone is no signal.
        assertThat(all.get(1).verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(all.get(1).evidence()).isEmpty();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Devin Smith <devin@example.com>    | Fix the retry loop
            Jules Verne <jules@example.org>    | Add the submarine module
            Ada Lovelace <ada@example.com>     | Reuse cursor for range scans\\n\\nThe cursor is now kept across pages.
            Ada Lovelace <ada@example.com>     | feat(copilot): add Copilot sign-in to the editor
            Ada Lovelace <ada@example.com>     | Add CLAUDE.md
            Ada Lovelace <ada@example.com>     | Regenerate tables\\n\\nThe tables are generated with build.rs from the Unicode data.
            Ada Lovelace <ada@example.com>     | Bindings generated with bindgen 0.69
            Ada Lovelace <ada@example.com>     | Address comments by copilot
            Ada Lovelace <ada@example.com>     | Fix review comments\\n\\nCo-authored-by: Devin Smith <devin@example.com>
            Ada Lovelace <ada@example.com>     | Port the cursor API, built with cursor-based pagination
            Ada Lovelace <ada@example.com>     | Credit reviewers\\n\\nCo-authored-by: Claude Dupont <claude@example.fr>
            """)
    void lookAlikesStayHuman(String author, String message) throws Exception {
        CommitProvenance p = classify(author, author, message.replace("\\n", "\n") + "\n", "topic");

        assertThat(p.verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(p.tool()).isNull();
        assertThat(p.evidence()).extracting(ProvenanceEvidence::field).isEmpty();
    }

    @Test
    void commitThatOnlyAddsClaudeMdStaysHuman() throws Exception {
        try (TestRepo repo = TestRepo.createBare(dir.resolve("r.git"))) {
            String base = repo.commit("Base", TestRepo.tree().file("a.rs", "a\n"));
            String head = repo.commit("Add CLAUDE.md for contributors using Claude Code\n",
                    TestRepo.tree().file("a.rs", "a\n").file("CLAUDE.md", "# Notes for Claude Code\n"), base);
            repo.branch("main", base).branch("topic", head);
        }
        CommitProvenance p = classifyBranch("topic").get(0);

        assertThat(p.verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(p.evidence()).isEmpty();
    }
}
