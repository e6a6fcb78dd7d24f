package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WideContextTest {

    /** 100 new lines "n1".."n100"; the change replaces old line 30 by new lines 30-31 and removes old line 71. */
    private static final String NEW_TEXT = IntStream.rangeClosed(1, 100).mapToObj(i -> "n" + i)
            .collect(Collectors.joining("\n", "", "\n"));

    private static FileChange file() {
        Hunk first = new Hunk(29, 3, 29, 4, List.of(
                new DiffLine(LineKind.CONTEXT, 29, 29, "n29", false, false),
                new DiffLine(LineKind.REMOVED, 30, 0, "old30", false, false),
                new DiffLine(LineKind.ADDED, 0, 30, "n30", false, false),
                new DiffLine(LineKind.ADDED, 0, 31, "n31", false, false),
                new DiffLine(LineKind.CONTEXT, 31, 32, "n32", false, false)));
        // Old line 71 removed: old 70-72 against new 71-72 (old = new - 1 + 1 after the first hunk added a line).
        Hunk second = new Hunk(70, 3, 71, 2, List.of(
                new DiffLine(LineKind.CONTEXT, 70, 71, "n71", false, false),
                new DiffLine(LineKind.REMOVED, 71, 0, "gone", false, false),
                new DiffLine(LineKind.CONTEXT, 72, 72, "n72", false, false)));
        return new FileChange("src/lib.rs", "src/lib.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR,
                "1", "2", 100, 100, false, false, "rust", "UTF-8", List.of(first, second));
    }

    @Test
    void aStepShowsTwentyLinesAroundEachHunkWithBothLineNumbers() {
        DiffDocument diff = DiffDocument.of(file());
        DiffDocument wide = WideContext.of(diff, file(), NEW_TEXT, WideContext.STEP);
        List<DiffRow> rows = wide.rows();
        // Above the first hunk: lines 1-8 hidden, 9-28 shown.
        assertThat(rows.get(0)).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RowKind.NOTE);
            assertThat(r.text()).startsWith("\u22ef 8 unchanged lines not shown");
            assertThat(WideContext.isHiddenSpan(r)).isTrue();
        });
        assertThat(rows.get(1)).isEqualTo(new DiffRow(RowKind.CONTEXT, 9, 9, "n9", -1));
        assertThat(rows.get(20)).isEqualTo(new DiffRow(RowKind.CONTEXT, 28, 28, "n28", -1));
        assertThat(rows.get(21).kind()).isEqualTo(RowKind.HUNK_HEADER);
        // Between the hunks: new 33-70 is 38 lines, all shown (20 below the first + 20 above the second);
        // after the first hunk the old side is one line behind.
        DiffRow line33 = rows.stream().filter(r -> r.newLine() == 33).findFirst().orElseThrow();
        assertThat(line33).isEqualTo(new DiffRow(RowKind.CONTEXT, 32, 33, "n33", -1));
        assertThat(rows.stream().filter(r -> r.newLine() == 70).findFirst().orElseThrow().oldLine()).isEqualTo(69);
        // After the second hunk (old 73 = new 73 again: it removed the line the first added): 73-92, then 8 hidden.
        assertThat(rows.stream().filter(r -> r.newLine() == 73).findFirst().orElseThrow().oldLine()).isEqualTo(73);
        assertThat(rows.get(rows.size() - 2).newLine()).isEqualTo(92);
        assertThat(rows.get(rows.size() - 1).text()).startsWith("\u22ef 8 unchanged lines not shown");
        // Every line of a hunk is still there, in its hunk.
        assertThat(rows.stream().filter(r -> r.hunk() >= 0).toList()).isEqualTo(diff.rows());
    }

    @Test
    void theWholeFileShowsEveryNewLineInOrderWithNothingHidden() {
        DiffDocument wide = WideContext.of(DiffDocument.of(file()), file(), NEW_TEXT, WideContext.WHOLE_FILE);
        assertThat(wide.rows()).noneMatch(WideContext::isHiddenSpan);
        assertThat(wide.rows().stream().filter(r -> r.kind() != RowKind.REMOVED && r.kind() != RowKind.HUNK_HEADER)
                .map(DiffRow::newLine).toList()).isEqualTo(IntStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void anAddedFileOrATextThatDoesNotFitIsLeftAsItIs() {
        DiffDocument diff = DiffDocument.of(file());
        assertThat(WideContext.of(diff, file(), "too\nshort\n", WideContext.WHOLE_FILE)).isEqualTo(diff);
        assertThat(WideContext.of(diff, file(), NEW_TEXT, 0)).isEqualTo(diff);
        FileChange added = new FileChange(null, "src/new.rs", ChangeType.ADDED, 0, FileKind.NONE, FileKind.REGULAR,
                null, "2", -1, 10, false, false, "rust", "UTF-8", List.of(new Hunk(0, 0, 1, 1,
                List.of(new DiffLine(LineKind.ADDED, 0, 1, "fn a() {}", false, false)))));
        DiffDocument addedDiff = DiffDocument.of(added);
        assertThat(WideContext.of(addedDiff, added, "fn a() {}\n", WideContext.WHOLE_FILE)).isEqualTo(addedDiff);
    }
}
