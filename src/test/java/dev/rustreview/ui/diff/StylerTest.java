package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.ui.navigator.Fixtures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** Word highlights, spans, split rows and gutter marks, all on plain data. */
class StylerTest {

    private static DiffRow row(RowKind kind, String text) {
        return new DiffRow(kind, kind == RowKind.ADDED ? 0 : 1, kind == RowKind.REMOVED ? 0 : 1, text, 0);
    }

    @Test
    void wordDiffMarksTheChangedWordsOfPairedLines() {
        WordDiff.Range[] r = WordDiff.between("let total = count + 1;", "let total = counter + 1;");
        assertThat("let total = count + 1;".substring(r[0].start(), r[0].end())).isEqualTo("count");
        assertThat("let total = counter + 1;".substring(r[1].start(), r[1].end())).isEqualTo("counter");
        List<WordDiff.Range> rows = WordDiff.forRows(List.of(row(RowKind.REMOVED, "a(1)"), row(RowKind.REMOVED, "zzz"),
                row(RowKind.ADDED, "a(2)"), row(RowKind.CONTEXT, "}")));
        assertThat(rows.get(0)).isEqualTo(new WordDiff.Range(2, 3));
        assertThat(rows.get(2)).isEqualTo(new WordDiff.Range(2, 3));
        assertThat(rows.get(1).isEmpty()).isTrue();
    }

    @Test
    void spansCombineTokenClassesAndTheWordHighlight() {
        StyleSpans<Collection<String>> spans = DiffStyler.spans(row(RowKind.ADDED, "let x = 42;"), true,
                new WordDiff.Range(8, 10));
        List<String> flat = new ArrayList<>();
        spans.forEach(s -> flat.add(s.getLength() + "" + s.getStyle()));
        assertThat(flat).containsExactly("3[diff-text, tok-keyword]", "5[diff-text]", "2[diff-text, tok-number, diff-word]",
                "1[diff-text]");
        assertThat(spans.length()).isEqualTo(11);
        assertThat(DiffStyler.spans(row(RowKind.HUNK_HEADER, "@@ fn x"), true, WordDiff.Range.NONE).getSpanCount()).isEqualTo(1);
    }

    @Test
    void splitRowsPairRemovedWithAddedAndPadWithFillers() {
        SplitRows split = SplitRows.of(List.of(row(RowKind.HUNK_HEADER, "@@"), row(RowKind.REMOVED, "a"),
                row(RowKind.ADDED, "b"), row(RowKind.ADDED, "c"), row(RowKind.CONTEXT, "d")));
        assertThat(split.left()).extracting(DiffRow::kind).containsExactly(RowKind.HUNK_HEADER, RowKind.REMOVED,
                RowKind.FILLER, RowKind.CONTEXT);
        assertThat(split.right()).extracting(DiffRow::text).containsExactly("@@", "b", "c", "d");
        assertThat(split.leftSource()).containsExactly(0, 1, -1, 4);
    }

    @Test
    void marksPutFindingsAndAgentStripesOnTheirRows() {
        var analysis = Fixtures.analysis();
        var lib = analysis.changeSet().files().get(0);
        DiffDocument doc = DiffDocument.of(lib, analysis.file(lib.path()).orElseThrow());
        assertThat(doc.rows().get(0).text()).isEqualTo("@@ -1,1 +1,2 @@  fn save  \u00b7 core logic");
        DiffMarks marks = DiffMarks.of(doc, analysis);
        assertThat(marks.findingsAt(2)).extracting(f -> f.ruleId()).containsExactly("AL1");
        assertThat(marks.agentAt(2)).isTrue();
        assertThat(marks.findingsAt(1)).isEmpty();
        assertThat(marks.agentAt(4)).isFalse(); // the test line comes from the human commit
    }
}
