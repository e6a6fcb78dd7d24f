package dev.rustreview.ui.navigator;

import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ChangeType;
import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.Commit;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Origin;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.HunkAnalysis;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Person;
import dev.rustreview.model.Priority;
import dev.rustreview.model.ProvenanceEvidence;
import dev.rustreview.model.Revision;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import dev.rustreview.model.Verdict;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made analysis: lib.rs has a core-logic hunk with a high AL1 finding written by an agent
 * commit, and a test hunk by a human; util.rs has one boilerplate hunk by the human.
 */
public final class Fixtures {

    public static final String AGENT = "a".repeat(40);
    public static final String HUMAN = "b".repeat(40);

    private Fixtures() {
    }

    public static ChangeAnalysis analysis() {
        return analysis(Origin.INTRODUCED);
    }

    /** The same analysis with its one finding (AL1 on H0) of the given origin. */
    public static ChangeAnalysis analysis(Origin origin) {
        Person bot = new Person("Claude", "noreply@anthropic.com", OffsetDateTime.parse("2026-01-01T10:00:00Z"));
        Person dev = new Person("Dana Dev", "dana@example.com", OffsetDateTime.parse("2026-01-01T11:00:00Z"));
        Commit agent = new Commit(AGENT, List.of(), bot, bot, "Hold the lock while saving", "Hold the lock", List.of());
        Commit human = new Commit(HUMAN, List.of(AGENT), dev, dev, "Add tests", "Add tests", List.of());
        Hunk h0 = new Hunk(1, 1, 1, 2, List.of(line(LineKind.CONTEXT, 1, 1, "async fn save() {"),
                line(LineKind.ADDED, 0, 2, "    let g = m.lock().unwrap(); db.write().await;")));
        Hunk h1 = new Hunk(20, 0, 21, 1, List.of(line(LineKind.ADDED, 0, 21, "#[test] fn saves() {}")));
        Hunk u0 = new Hunk(3, 1, 3, 1, List.of(line(LineKind.REMOVED, 3, 0, "impl Old {}"),
                line(LineKind.ADDED, 0, 3, "impl Default for Cfg {}")));
        FileChange lib = file("src/lib.rs", List.of(h0, h1));
        FileChange util = file("src/util.rs", List.of(u0));
        Finding al1 = new Finding("F1", "AL1", RiskArea.ASYNC_LIFETIMES, Severity.HIGH, "src/lib.rs", Side.NEW, 2, 2,
                List.of("g"), "MutexGuard g held across .await", "The guard g stays locked while save awaits.",
                "Check that the lock is released before awaiting.", List.of(ClippyLint.of("await_holding_lock")))
                .withOrigin(origin);
        FileAnalysis libA = new FileAnalysis("src/lib.rs", Category.CORE_LOGIC, true, false, null, List.of(
                hunk("H0", 0, Category.CORE_LOGIC, "fn save", List.of("F1")),
                hunk("H1", 1, Category.TESTS, "fn saves", List.of())), Priority.NONE);
        FileAnalysis utilA = new FileAnalysis("src/util.rs", Category.BOILERPLATE, true, false, null,
                List.of(hunk("U0", 0, Category.BOILERPLATE, "impl Default for Cfg", List.of())), Priority.NONE);
        ChangeSet cs = new ChangeSet("/repo", new Revision("main", null, "0".repeat(40)),
                new Revision("agent", null, HUMAN), "0".repeat(40), "0".repeat(40), HUMAN,
                List.of(agent, human), List.of(lib, util));
        return new ChangeAnalysis(cs, List.of(libA, utilA), List.of(al1),
                List.of(new CommitProvenance(AGENT, Verdict.AGENT, "Claude Code",
                                List.of(new ProvenanceEvidence("author", "noreply@anthropic.com", "anthropic", "Claude Code"))),
                        new CommitProvenance(HUMAN, Verdict.HUMAN, null, List.of())),
                List.of(new LineAttribution("src/lib.rs", 2, 2, AGENT), new LineAttribution("src/lib.rs", 21, 21, HUMAN),
                        new LineAttribution("src/util.rs", 3, 3, HUMAN)),
                Map.of(Category.CORE_LOGIC, 1), Priority.NONE, List.of());
    }

    private static DiffLine line(LineKind kind, int oldLine, int newLine, String text) {
        return new DiffLine(kind, oldLine, newLine, text, false, false);
    }

    private static FileChange file(String path, List<Hunk> hunks) {
        return new FileChange(path, path, ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR, "1", "2",
                100, 120, false, false, "rust", "UTF-8", hunks);
    }

    private static HunkAnalysis hunk(String id, int index, Category category, String item, List<String> findings) {
        return new HunkAnalysis(id, index, category, List.of(), "because " + category.label(), List.of(item),
                false, false, category == Category.TESTS, findings, Priority.NONE);
    }
}
