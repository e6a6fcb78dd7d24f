package dev.rustreview.ui.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.review.HunkInterdiff;
import dev.rustreview.review.Round;
import dev.rustreview.review.SinceLastReview;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new-round banner's words and the since-last view's rows, from a hand-made interdiff. */
class RoundSummaryTest {

    private static final Round ONE = new Round(1, "agent/x", "c1", "b1", "m1", Instant.EPOCH, 2, 3, 1);
    private static final Round TWO = new Round(2, "agent/x", "c2", "b2", "m2", Instant.EPOCH, 2, 3, 1);

    private static Hunk hunk(String text) {
        return new Hunk(1, 0, 1, 1, List.of(new DiffLine(LineKind.ADDED, 0, 1, text, false, false)));
    }

    private static SinceLastReview since() {
        var rewritten = new SinceLastReview.FileInterdiff("src/executor.rs", List.of(hunk("drop(state);")),
                List.of(hunk("sleep();")), List.of(new HunkInterdiff.Line('-', "sleep();"),
                new HunkInterdiff.Line('+', "drop(state);")));
        var added = new SinceLastReview.FileInterdiff("src/new.rs", List.of(hunk("a"), hunk("b")), List.of(), List.of());
        var recut = new SinceLastReview.FileInterdiff("src/same.rs", List.of(hunk("x")), List.of(hunk("x")),
                List.of(new HunkInterdiff.Line(' ', "x")));
        return new SinceLastReview(ONE, TWO, List.of(rewritten, added, recut), List.of());
    }

    @Test
    void countsRewrittenAndNewHunksButNotRecutOnes() {
        RoundSummary s = RoundSummary.of(since(), 1);
        assertThat(s.hunksChanged()).isEqualTo(3);
        assertThat(s.filesChanged()).isEqualTo(2);
        assertThat(s.text()).isEqualTo("The agent updated this branch: 3 units changed since your last review "
                + "(round 1 \u2192 2) in 2 files; 1 earlier decision no longer fits and its unit is unreviewed again.");
    }

    @Test
    void longUnchangedRunsAreCutToTheirContext() {
        List<HunkInterdiff.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(new HunkInterdiff.Line(' ', "same " + i));
        }
        lines.add(new HunkInterdiff.Line('+', "new"));
        for (int i = 20; i < 30; i++) {
            lines.add(new HunkInterdiff.Line(' ', "same " + i));
        }
        var file = new SinceLastReview.FileInterdiff("src/a.rs", List.of(hunk("new")), List.of(hunk("old")), lines);
        List<String> text = SinceLastView.rows(new SinceLastReview(ONE, TWO, List.of(file), List.of())).stream()
                .map(SinceLastView.Row::text).toList();
        assertThat(text).containsSequence("\u22ef 17 unchanged lines", "  same 17", "  same 18", "  same 19", "+ new",
                "  same 20", "  same 21", "  same 22", "\u22ef 7 unchanged lines");
    }

    @Test
    void theSinceLastRowsShowTheLineDiffAndWholeHunksWhenThereIsNone() {
        List<SinceLastView.Row> rows = SinceLastView.rows(since());
        assertThat(rows).extracting(SinceLastView.Row::text).contains("- sleep();", "+ drop(state);", "+ a", "+ b")
                .noneMatch(t -> t.startsWith("src/same.rs"));
        assertThat(rows).filteredOn(r -> r.text().equals("+ drop(state);")).extracting(SinceLastView.Row::style)
                .containsExactly("diff-added");
    }

    @Test
    void eachEntryNamesWhatItOpensInTheMainDiff() {
        // write_manifest now spans new lines 40-42; the agent replaced its middle line.
        Hunk now = new Hunk(0, 0, 40, 3, List.of(new DiffLine(LineKind.ADDED, 0, 40, "fn write_manifest() {", false, false),
                new DiffLine(LineKind.ADDED, 0, 41, "drop(state);", false, false),
                new DiffLine(LineKind.ADDED, 0, 42, "}", false, false)), "impl E \u203a fn write_manifest");
        var file = new SinceLastReview.FileInterdiff("src/executor.rs", List.of(now), List.of(hunk("old")),
                List.of(new HunkInterdiff.Line(' ', "fn write_manifest() {"), new HunkInterdiff.Line('-', "sleep();"),
                        new HunkInterdiff.Line('+', "drop(state);"), new HunkInterdiff.Line(' ', "}")));
        var commit = new dev.rustreview.model.Commit("c".repeat(40), List.of(), null, null, "Fix", "Fix", List.of());
        List<SinceLastView.Row> rows = SinceLastView.rows(new SinceLastReview(ONE, TWO, List.of(file),
                List.of(new SinceLastReview.CommitPair(null, commit, SinceLastReview.Match.ADDED))));
        assertThat(rows).filteredOn(r -> r.text().startsWith("added")).singleElement()
                .satisfies(r -> assertThat(r.commitId()).isEqualTo("c".repeat(40)));
        assertThat(rows).filteredOn(r -> r.text().startsWith("src/executor.rs")).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("src/executor.rs"))
                .satisfies(r -> assertThat(r.line()).isZero());
        assertThat(rows).filteredOn(r -> r.text().contains("\u25b8 impl E \u203a fn write_manifest")).singleElement()
                .satisfies(r -> assertThat(r.line()).isEqualTo(40));
        // Lines open the unit holding them: a removed line points at the line there now.
        assertThat(rows).filteredOn(r -> r.text().equals("+ drop(state);")).extracting(SinceLastView.Row::line)
                .containsExactly(41);
        assertThat(rows).filteredOn(r -> r.text().equals("- sleep();")).extracting(SinceLastView.Row::line)
                .containsExactly(41);
        assertThat(rows).filteredOn(r -> r.text().equals("  }")).extracting(SinceLastView.Row::line)
                .containsExactly(42);
        assertThat(rows.get(0).opens()).as("the heading opens nothing").isFalse();
    }
}
