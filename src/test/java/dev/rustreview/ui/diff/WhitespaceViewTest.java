package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhitespaceViewTest {

    private static FileChange file(List<DiffLine> lines) {
        int old = (int) lines.stream().filter(l -> l.kind() != LineKind.ADDED).count();
        int now = (int) lines.stream().filter(l -> l.kind() != LineKind.REMOVED).count();
        return new FileChange("src/lib.rs", "src/lib.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR,
                "1", "2", 10, 10, false, false, "rust", "UTF-8", List.of(new Hunk(1, old, 1, now, lines)));
    }

    private static DiffLine removed(int line, String text) {
        return new DiffLine(LineKind.REMOVED, line, 0, text, false, false);
    }

    private static DiffLine added(int line, String text) {
        return new DiffLine(LineKind.ADDED, 0, line, text, false, false);
    }

    @Test
    void aReindentedBlockIsUnchangedAndItsHunkSaysWhitespaceOnly() {
        DiffDocument doc = DiffDocument.of(file(List.of(removed(1, "fn a() {"), removed(2, "    x();"),
                removed(3, "}"), added(1, "fn a() {"), added(2, "\tx();   "), added(3, "}"))));
        DiffDocument view = WhitespaceView.of(doc);
        assertThat(view.rows()).extracting(DiffRow::kind).containsExactly(RowKind.HUNK_HEADER, RowKind.CONTEXT,
                RowKind.CONTEXT, RowKind.CONTEXT);
        assertThat(view.rows().get(2)).isEqualTo(new DiffRow(RowKind.CONTEXT, 2, 2, "\tx();   ", 0));
        assertThat(view.rows().get(0).text()).endsWith("whitespace only");
    }

    @Test
    void realChangesStayAndMatchedLinesKeepBothNumbers() {
        DiffDocument doc = DiffDocument.of(file(List.of(removed(1, "if a {"), removed(2, "  run(1);"),
                removed(3, "}"), added(1, "if a {"), added(2, "    run(2);"), added(3, "    log();"), added(4, "}"))));
        DiffDocument view = WhitespaceView.of(doc);
        List<String> shown = new ArrayList<>();
        for (DiffRow r : view.rows().subList(1, view.rows().size())) {
            shown.add(r.kind() + " " + r.oldLine() + "/" + r.newLine() + " " + r.text().strip());
        }
        assertThat(shown).containsExactly("CONTEXT 1/1 if a {", "REMOVED 2/0 run(1);", "ADDED 0/2 run(2);",
                "ADDED 0/3 log();", "CONTEXT 3/4 }");
        assertThat(view.rows().get(0).text()).doesNotContain("whitespace only");
    }

    @Test
    void whitespaceInsideALineIsIgnoredButNotTheCharactersAroundIt() {
        assertThat(WhitespaceView.sameIgnoringWhitespace("let x=1;", "let x = 1 ;")).isTrue();
        assertThat(WhitespaceView.sameIgnoringWhitespace("  ", "")).isTrue();
        assertThat(WhitespaceView.sameIgnoringWhitespace("let x = 1;", "let x = 2;")).isFalse();
        assertThat(WhitespaceView.sameIgnoringWhitespace("ab", "a b c")).isFalse();
    }

    @Test
    void addedAndDeletedFilesAndContextAreLeftAlone() {
        DiffDocument doc = DiffDocument.of(file(List.of(added(1, "fn new() {}"), added(2, "fn more() {}"))));
        assertThat(WhitespaceView.of(doc).rows()).isEqualTo(doc.rows());
    }
}
