package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.provenance.LineNoteParser;
import dev.rustreview.analysis.provenance.ProvenanceClassifier;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.LineNote;
import dev.rustreview.model.LineNotes;
import dev.rustreview.model.ProvenanceSummary;
import dev.rustreview.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.notes.NoteMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line-level attribution notes end to end: repositories written with JGit carry git-ai, whogitit and Agent
 * Trace records; the branch's added lines are attributed, and the lines a note covers take its verdict, tool and
 * evidence instead of their commit's, at the position the note's commit gave them (a later commit shifts them).
 */
class LineNotesTest {

    private static final PersonIdent HUMAN = new PersonIdent("Ada Lovelace", "ada@example.com",
            Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private String base;
    private String agentCommit;
    private String head;

    /**
     * main: one human commit. agent: a human-authored commit adding six functions (no trailer: the commit says
     * human), then a human commit inserting two lines at the top, so the first commit's line 3 is the head's 5.
     */
    private TestRepo branch(Map<String, String> extraAtHead) throws Exception {
        TestRepo repo = TestRepo.createBare(dir.resolve("r.git"));
        base = repo.commit("Base", TestRepo.tree().file("src/lib.rs", "fn base() {}\n"), HUMAN, HUMAN);
        String six = "fn base() {}\nfn one() {}\nfn two() {}\nfn three() {}\nfn four() {}\nfn five() {}\nfn six() {}\n";
        agentCommit = repo.commit("Add six functions", TestRepo.tree().file("src/lib.rs", six), HUMAN, HUMAN, base);
        TestRepo.Tree last = TestRepo.tree().file("src/lib.rs", "// header\n// more\n" + six);
        extraAtHead.forEach(last::file);
        head = repo.commit("Header", last, HUMAN, HUMAN, agentCommit);
        repo.branch("main", base).branch("agent", head);
        return repo;
    }

    private static void note(TestRepo repo, String ref, String commit, String text) throws Exception {
        try (ObjectInserter inserter = repo.repo.newObjectInserter()) {
            NoteMap map = NoteMap.newEmptyMap();
            map.set(ObjectId.fromString(commit), inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(map.writeTree(inserter));
            cb.setAuthor(HUMAN);
            cb.setCommitter(HUMAN);
            cb.setMessage("Notes\n");
            ObjectId notes = inserter.insert(cb);
            inserter.flush();
            repo.ref(ref, notes.name());
        }
    }

    /** What a review computes: the notes, the runs, and the summary sentence. */
    private record Attributed(LineNotes notes, List<LineAttribution> runs, ProvenanceSummary summary) {
        LineNote noteAtHeadLine(int line) {
            return runs.stream().filter(r -> r.startLine() <= line && line <= r.endLine()).findFirst()
                    .map(LineAttribution::note).orElse(null);
        }
    }

    private Attributed attribute() {
        try (GitRepository git = GitRepository.open(dir.resolve("r.git"))) {
            ChangeSet cs = git.branchDiff("main", "agent", DiffOptions.DEFAULT);
            List<String> skipped = new ArrayList<>();
            LineNotes notes = LineNoteParser.parse(git.attributionRecords(cs, skipped), cs.commits(), skipped);
            List<LineAttribution> runs = git.lineOrigins(cs, notes, WalkProgress.NONE, () -> false);
            var provenance = ProvenanceClassifier.builtIn().classify(cs, List.of());
            return new Attributed(notes, runs, ProvenanceSummary.of(provenance, runs));
        }
    }

    private static String gitAi(String body) {
        return body + "---\n{\n  \"schema_version\": \"authorship/3.0.0\",\n  \"base_commit_sha\": \"\",\n"
                + "  \"prompts\": {\n    \"a1b2c3d4e5f60718\": {\"agent_id\": {\"tool\": \"cursor\", \"id\": \"s1\","
                + " \"model\": \"claude-3-sonnet\"}, \"messages\": []}\n  }\n}";
    }

    @Test
    void gitAiNoteMakesTheLinesItListsAgentWrittenAtTheirHeadPosition() throws Exception {
        try (TestRepo repo = branch(Map.of())) {
            note(repo, "refs/notes/ai", agentCommit, gitAi("src/lib.rs\n  a1b2c3d4e5f60718 3-4\n"));
        }
        Attributed a = attribute();

        assertThat(a.notes().ignored()).isEmpty();
        // Lines 3-4 of the agent's commit are the head's 5-6 after the two header lines.
        LineNote five = a.noteAtHeadLine(5);
        assertThat(five).isNotNull();
        assertThat(five.verdict()).isEqualTo(Verdict.AGENT);
        assertThat(five.tool()).isEqualTo("Cursor");
        assertThat(five.source()).isEqualTo("refs/notes/ai");
        assertThat(five.evidence()).isEqualTo("refs/notes/ai on " + agentCommit.substring(0, 7)
                + ": src/lib.rs 3-4 written by prompt a1b2c3d4e5f60718 (tool cursor, model claude-3-sonnet)");
        assertThat(a.noteAtHeadLine(6)).isSameAs(five);
        assertThat(a.noteAtHeadLine(4)).as("line 2 of the commit is not listed").isNull();
        assertThat(a.noteAtHeadLine(7)).isNull();
        assertThat(a.noteAtHeadLine(1)).as("the header commit has no note").isNull();
        // 8 added lines, all in human commits; the note makes 2 of them the agent's.
        assertThat(a.summary().changedLines()).isEqualTo(8);
        assertThat(a.summary().agentLines()).isEqualTo(2);
        assertThat(a.summary().humanLines()).isEqualTo(6);
        assertThat(a.summary().linesByTool()).containsEntry("Cursor", 2L);
        assertThat(a.runs()).extracting(LineAttribution::startLine, LineAttribution::endLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(4, 4),
                        org.assertj.core.groups.Tuple.tuple(5, 6), org.assertj.core.groups.Tuple.tuple(7, 9));
    }

    @Test
    void whogititLinesOverrideAnAgentCommitWithHumanAndAssisted() throws Exception {
        try (TestRepo repo = branch(Map.of())) {
            note(repo, "refs/notes/whogitit", agentCommit, """
                    {"version": 3, "session": {"session_id": "x", "model": {"id": "claude-opus-4-5-20251101"}},
                     "prompts": [], "files": [{"path": "src/lib.rs", "lines": [
                       {"line_number": 1, "content": "fn base() {}", "source": {"type": "Original"}},
                       {"line_number": 2, "content": "fn one() {}", "source": {"type": "AI", "edit_id": "e"}},
                       {"line_number": 3, "content": "fn two() {}", "source": {"type": "AI", "edit_id": "e"}},
                       {"line_number": 4, "content": "fn three() {}", "source": {"type": "AIModified", "edit_id": "e", "similarity": 0.8}},
                       {"line_number": 5, "content": "fn four() {}", "source": {"type": "Human"}}]}]}
                    """);
        }
        Attributed a = attribute();

        assertThat(a.notes().ignored()).isEmpty();
        assertThat(a.noteAtHeadLine(4).verdict()).isEqualTo(Verdict.AGENT);
        assertThat(a.noteAtHeadLine(4).tool()).isEqualTo("Claude Code");
        assertThat(a.noteAtHeadLine(4).evidence()).isEqualTo("refs/notes/whogitit on " + agentCommit.substring(0, 7)
                + ": src/lib.rs 2-3 source AI (model claude-opus-4-5-20251101)");
        assertThat(a.noteAtHeadLine(5)).isSameAs(a.noteAtHeadLine(4));
        assertThat(a.noteAtHeadLine(6).verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(a.noteAtHeadLine(7).verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(a.noteAtHeadLine(7).tool()).isNull();
        assertThat(a.noteAtHeadLine(8)).as("line 6 is not in the note").isNull();
        assertThat(a.summary().agentLines()).isEqualTo(2);
        assertThat(a.summary().assistedLines()).isEqualTo(1);
        assertThat(a.summary().humanLines()).isEqualTo(5);
    }

    @Test
    void agentTraceFileAtHeadAppliesToTheRevisionItNamesAndReportsABadLineOnce() throws Exception {
        String[] ids = new String[1];
        try (TestRepo ignored = branch(Map.of())) {
            ids[0] = agentCommit;
        }
        // Rebuild with the trace file at head naming the agent's commit (ids are stable: fixed clock and content).
        deleteRepo();
        String record = "{\"version\": \"0.1.0\", \"id\": \"550e8400\", \"timestamp\": \"2026-01-23T14:30:00Z\","
                + " \"vcs\": {\"type\": \"git\", \"revision\": \"" + ids[0] + "\"}, \"tool\": {\"name\": \"claude-code\"},"
                + " \"files\": [{\"path\": \"src/lib.rs\", \"conversations\": [{\"contributor\": {\"type\": \"ai\","
                + " \"model_id\": \"anthropic/claude-opus-4-5\"}, \"ranges\": [{\"start_line\": 6, \"end_line\": 7},"
                + " {\"start_line\": 2, \"end_line\": 2, \"contributor\": {\"type\": \"human\"}}]}]}]}";
        try (TestRepo repo = branch(Map.of(".agent-trace/traces.jsonl", record + "\n{not json\n"))) {
            assertThat(agentCommit).isEqualTo(ids[0]);
        }
        Attributed a = attribute();

        assertThat(a.noteAtHeadLine(8).verdict()).isEqualTo(Verdict.AGENT);
        assertThat(a.noteAtHeadLine(8).tool()).isEqualTo("Claude Code");
        assertThat(a.noteAtHeadLine(8).evidence()).isEqualTo(".agent-trace/traces.jsonl record 550e8400 on "
                + agentCommit.substring(0, 7) + ": src/lib.rs 6-7 contributor ai (model anthropic/claude-opus-4-5)");
        assertThat(a.noteAtHeadLine(4).verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(a.notes().ignored()).containsExactly(
                ".agent-trace/traces.jsonl: 1 of 2 records ignored, first line 2: not valid JSON (line 1, column 2)");
    }

    @Test
    void agentTraceNoteAppliesToItsCommit() throws Exception {
        try (TestRepo repo = branch(Map.of())) {
            note(repo, "refs/notes/agent-trace", agentCommit, "{\"version\": \"0.1.0\", \"id\": \"t1\", \"files\": ["
                    + "{\"path\": \"src/lib.rs\", \"conversations\": [{\"contributor\": {\"type\": \"mixed\"},"
                    + " \"ranges\": [{\"start_line\": 7, \"end_line\": 7}]}]}]}");
        }
        Attributed a = attribute();

        assertThat(a.noteAtHeadLine(9).verdict()).isEqualTo(Verdict.ASSISTED);
        assertThat(a.noteAtHeadLine(9).source()).isEqualTo("refs/notes/agent-trace");
        assertThat(a.summary().assistedLines()).isEqualTo(1);
    }

    @Test
    void malformedAndOversizedNotesAreIgnoredWithOneLineEachAndTheCommitVerdictStands() throws Exception {
        try (TestRepo repo = branch(Map.of())) {
            note(repo, "refs/notes/ai", agentCommit, "src/lib.rs\n  abc 3-x\n");
            note(repo, "refs/notes/whogitit", agentCommit, "{\"files\": [" + " ".repeat(AttributionNotesReader.MAX_BYTES) + "]}");
            note(repo, "refs/notes/agent-trace", agentCommit, "{\"files\": [{\"path\": \"src/lib.rs\", \"conversations\":"
                    + " [{\"contributor\": {\"type\": \"ai\"}, \"ranges\": [{\"start_line\": 9, \"end_line\": 2}]}]}]}");
        }
        Attributed a = attribute();

        String c = agentCommit.substring(0, 7);
        assertThat(a.notes().ignored()).containsExactlyInAnyOrder(
                "refs/notes/ai note on " + c + " ignored: no `---` line between attestations and metadata"
                        + " (not a git-ai authorship log)",
                "refs/notes/whogitit note on " + c + " ignored: " + (AttributionNotesReader.MAX_BYTES + 13)
                        + " bytes, more than the 1048576 read from one attribution record",
                "refs/notes/agent-trace note on " + c + " ignored: bad line range 9-2 for src/lib.rs");
        assertThat(a.runs()).allMatch(r -> r.note() == null);
        assertThat(a.summary().humanLines()).isEqualTo(8);
    }

    @Test
    void theAnalysisWarnsAboutAnIgnoredNoteAndItsJsonCarriesTheNoteOfEachRun() throws Exception {
        try (TestRepo repo = branch(Map.of())) {
            note(repo, "refs/notes/ai", agentCommit, gitAi("src/lib.rs\n  a1b2c3d4e5f60718 3-4\n"));
            note(repo, "refs/notes/whogitit", agentCommit, "{\"files\": 7}");
        }
        var dirs = dev.rustreview.settings.AppDirs.of(Map.of("RUST_REVIEW_HOME", dir.toString()), "Linux", dir);
        dev.rustreview.model.ChangeAnalysis analysis;
        try (GitRepository git = GitRepository.open(dir.resolve("r.git"))) {
            ChangeSet cs = git.branchDiff("main", "agent", DiffOptions.DEFAULT);
            analysis = new dev.rustreview.review.BranchAnalysis(dirs, dev.rustreview.analysis.ChangeAnalyzer.Options.defaults())
                    .analyze(git, cs, DiffOptions.DEFAULT, dev.rustreview.analysis.ChangeAnalyzer.Listener.NONE, () -> false);
        }

        assertThat(analysis.warnings()).containsExactly("line attribution note refs/notes/whogitit note on "
                + agentCommit.substring(0, 7) + " ignored: no `files` array (not a whogitit attribution)");
        var json = dev.rustreview.export.AnalysisJson.toJson(analysis);
        var noted = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        json.path("lineOrigins").forEach(run -> {
            if (run.has("note")) {
                noted.add(run);
            }
        });
        assertThat(noted).hasSize(1);
        assertThat(noted.get(0).path("startLine").asInt()).isEqualTo(5);
        assertThat(noted.get(0).path("endLine").asInt()).isEqualTo(6);
        assertThat(noted.get(0).path("note").path("verdict").asText()).isEqualTo("agent");
        assertThat(noted.get(0).path("note").path("tool").asText()).isEqualTo("Cursor");
        assertThat(noted.get(0).path("note").path("source").asText()).isEqualTo("refs/notes/ai");
        assertThat(json.path("summary").path("provenance").asText()).isEqualTo("2 of 8 changed lines were written by an agent");
    }

    private void deleteRepo() throws Exception {
        try (var paths = java.nio.file.Files.walk(dir.resolve("r.git"))) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
