package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding of long unchanged runs and the selection a comment refers to, on plain rows. */
class FoldingTest {

    /** One hunk: a removed/added pair at line 10, then {@code context} unchanged lines, then one added line. */
    static FileChange longContext(int context) {
        List<DiffLine> lines = new ArrayList<>();
        lines.add(new DiffLine(LineKind.REMOVED, 10, 0, "let a = 1;", false, false));
        lines.add(new DiffLine(LineKind.ADDED, 0, 10, "let a = 2;", false, false));
        for (int i = 0; i < context; i++) {
            lines.add(new DiffLine(LineKind.CONTEXT, 11 + i, 11 + i, "ctx " + i, false, false));
        }
        lines.add(new DiffLine(LineKind.ADDED, 0, 11 + context, "done();", false, false));
        Hunk hunk = new Hunk(10, 1 + context, 10, 2 + context, lines);
        return new FileChange("src/lib.rs", "src/lib.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR,
                "1", "2", 100, 120, false, false, "rust", "UTF-8", List.of(hunk));
    }

    @Test
    void longContextRunsFoldKeepingThreeLinesAtEachEnd() {
        DiffDocument doc = DiffDocument.of(longContext(20));
        Folding folding = Folding.of(doc.rows());
        // header, -, +, 3 context, fold, 3 context, +
        assertThat(folding.shown()).extracting(DiffRow::kind).containsExactly(RowKind.HUNK_HEADER, RowKind.REMOVED,
                RowKind.ADDED, RowKind.CONTEXT, RowKind.CONTEXT, RowKind.CONTEXT, RowKind.FOLD, RowKind.CONTEXT,
                RowKind.CONTEXT, RowKind.CONTEXT, RowKind.ADDED);
        DiffRow fold = folding.shown().get(6);
        assertThat(fold.folded()).isEqualTo(14);
        assertThat(fold.text()).isEqualTo("\u22ef 14 unchanged lines (click to expand)");
        assertThat(fold.oldLine()).isEqualTo(14);
        assertThat(fold.newLine()).isEqualTo(14);
        assertThat(fold.hunk()).isZero();
        assertThat(folding.source().get(6)).isEqualTo(6);
        assertThat(folding.source().get(7)).isEqualTo(20);
        assertThat(folding.shown().get(7).text()).isEqualTo("ctx 17");
    }

    @Test
    void runsOfEightOrFewerStayOpen() {
        assertThat(Folding.of(DiffDocument.of(longContext(8)).rows()).shown())
                .noneMatch(r -> r.kind() == RowKind.FOLD).hasSize(12);
        assertThat(Folding.of(DiffDocument.of(longContext(9)).rows()).shown())
                .filteredOn(r -> r.kind() == RowKind.FOLD).singleElement()
                .satisfies(r -> assertThat(r.folded()).isEqualTo(3));
    }

    @Test
    void expandingRestoresTheHiddenRowsInPlace() {
        List<DiffRow> full = DiffDocument.of(longContext(20)).rows();
        ShownRows rows = new ShownRows(full, Folding.of(full));
        assertThat(rows.paragraphOf(12)).isEqualTo(6); // hidden: the fold's paragraph
        assertThat(rows.paragraphOf(21)).isEqualTo(8);
        assertThat(rows.expand(5)).isEqualTo(-1); // not a fold
        assertThat(rows.expand(6)).isEqualTo(6);
        assertThat(rows.rows()).isEqualTo(full);
        assertThat(rows.source(19)).isEqualTo(19);
        assertThat(rows.paragraphOf(12)).isEqualTo(12);
    }

    @Test
    void selectionPrefersTheNewSideAndSpansTheSelectedLines() {
        List<DiffRow> rows = Folding.of(DiffDocument.of(longContext(20)).rows()).shown();
        assertThat(LineSelection.of("p", rows, 1, 1)).contains(new LineSelection("p", Side.OLD, 10, 10, 0));
        assertThat(LineSelection.of("p", rows, 1, 2)).contains(new LineSelection("p", Side.NEW, 10, 10, 0));
        assertThat(LineSelection.of("p", rows, 0, 4)).contains(new LineSelection("p", Side.NEW, 10, 12, 0));
        // A fold in the selection stands for all the lines it hides.
        assertThat(LineSelection.of("p", rows, 6, 7)).contains(new LineSelection("p", Side.NEW, 14, 28, 0));
        assertThat(LineSelection.of("p", rows, 0, 0)).isEmpty();
    }
}
