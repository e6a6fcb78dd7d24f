package dev.rustreview.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceSummaryTest {

    private static final List<CommitProvenance> COMMITS = List.of(
            new CommitProvenance("a1", Verdict.AGENT, "Claude Code", List.of()),
            new CommitProvenance("a2", Verdict.ASSISTED, "Cursor", List.of()),
            new CommitProvenance("a3", Verdict.AGENT, "Claude Code", List.of()),
            new CommitProvenance("h1", Verdict.HUMAN, null, List.of()));

    @Test
    void countsAddedLinesByWhoseCommitIntroducedThem() {
        List<LineAttribution> lines = List.of(
                new LineAttribution("src/lib.rs", 1, 30, "a1"),
                new LineAttribution("src/lib.rs", 31, 31, "h1"),
                new LineAttribution("src/lib.rs", 40, 49, "a2"),
                new LineAttribution("src/main.rs", 5, 11, "a3"),
                new LineAttribution("src/main.rs", 12, 15, "h1"));

        ProvenanceSummary s = ProvenanceSummary.of(COMMITS, lines);

        assertThat(s.changedLines()).isEqualTo(52);
        assertThat(s.agentLines()).isEqualTo(37);
        assertThat(s.assistedLines()).isEqualTo(10);
        assertThat(s.humanLines()).isEqualTo(5);
        assertThat(s.unknownLines()).isZero();
        assertThat(s.agentWrittenLines()).isEqualTo(47);
        assertThat(s.sentence()).isEqualTo("47 of 52 changed lines were written by an agent");
        assertThat(s.linesByTool()).containsExactly(entry("Claude Code", 37L), entry("Cursor", 10L));
    }

    @Test
    void linesTheAttributionMissesOrWithoutProvenanceAreUnknown() {
        List<LineAttribution> lines = List.of(
                new LineAttribution("a.rs", 1, 1, "a1"),
                new LineAttribution("a.rs", 2, 3, "zz"));

        ProvenanceSummary s = ProvenanceSummary.of(COMMITS, lines, 10);

        assertThat(s.changedLines()).isEqualTo(10);
        assertThat(s.agentWrittenLines()).isEqualTo(1);
        assertThat(s.unknownLines()).isEqualTo(9);
        assertThat(s.sentence()).isEqualTo("1 of 10 changed lines was written by an agent");
    }

    @Test
    void emptyChange() {
        ProvenanceSummary s = ProvenanceSummary.of(COMMITS, List.of());

        assertThat(s.changedLines()).isZero();
        assertThat(s.sentence()).isEqualTo("0 of 0 changed lines were written by an agent");
        assertThat(s.linesByTool()).isEmpty();
    }
}
