package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffDocumentTest {

    private static FileChange file(boolean binary, boolean tooLarge, List<Hunk> hunks) {
        return new FileChange("a.rs", "a.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR, "1", "2",
                2048, 4096, binary, tooLarge, "rust", "UTF-8", hunks);
    }

    @Test
    void rowsCarryKindsAndBothLineNumbers() {
        Hunk hunk = new Hunk(3, 2, 3, 2, List.of(
                new DiffLine(LineKind.CONTEXT, 3, 3, "fn a() {", false, false),
                new DiffLine(LineKind.REMOVED, 4, 0, "    old();", false, false),
                new DiffLine(LineKind.ADDED, 0, 4, "    new();", true, true)));
        DiffDocument doc = DiffDocument.of(file(false, false, List.of(hunk)));
        assertThat(doc.rows()).extracting(DiffRow::kind).containsExactly(RowKind.HUNK_HEADER, RowKind.CONTEXT,
                RowKind.REMOVED, RowKind.ADDED, RowKind.NOTE);
        assertThat(doc.rows().get(0).text()).isEqualTo("@@ -3,2 +3,2 @@");
        assertThat(doc.rows().get(2).oldLine()).isEqualTo(4);
        assertThat(doc.rows().get(2).newLine()).isZero();
        assertThat(doc.rows().get(3).text()).isEqualTo("    new();" + DiffDocument.CR_MARK);
        assertThat(doc.rows().get(4).text()).isEqualTo(DiffDocument.NO_NEWLINE);
        assertThat(doc.text().lines()).hasSize(5);
    }

    @Test
    void binaryAndOversizeFilesShowTheirSizesInsteadOfText() {
        assertThat(DiffDocument.of(file(true, false, List.of())).rows())
                .singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("Binary file (2.0 KiB \u2192 4.0 KiB)"));
        assertThat(DiffDocument.of(file(false, true, List.of())).rows().get(0).text())
                .startsWith("File too large to show");
    }
}
