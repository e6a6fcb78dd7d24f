package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class HunkApplierTest {

    private static DiffLine ctx(int o, int n, String t) {
        return new DiffLine(LineKind.CONTEXT, o, n, t, false, false);
    }

    @Test
    void appliesOnlyTheGivenHunksAndKeepsUntouchedLinesByteForByte() {
        String old = "a\r\nb\nc\nd\ne\nf";
        Hunk first = new Hunk(1, 2, 1, 2, List.of(ctx(1, 1, "a"),
                new DiffLine(LineKind.REMOVED, 2, 0, "b", false, false), new DiffLine(LineKind.ADDED, 0, 2, "B", false, false)));
        Hunk last = new Hunk(6, 1, 6, 2, List.of(new DiffLine(LineKind.REMOVED, 6, 0, "f", false, true),
                new DiffLine(LineKind.ADDED, 0, 6, "f", false, false), new DiffLine(LineKind.ADDED, 0, 7, "g", false, true)));
        assertThat(HunkApplier.apply("x", old, List.of(last), h -> "h1")).isEqualTo("a\r\nb\nc\nd\ne\nf\ng");
        assertThat(HunkApplier.apply("x", old, List.of(first, last), h -> "h1")).isEqualTo("a\r\nB\nc\nd\ne\nf\ng");
    }

    @Test
    void aHunkWhoseContextDoesNotMatchIsRefusedByName() {
        Hunk wrong = new Hunk(2, 1, 2, 1, List.of(ctx(2, 2, "zzz")));
        assertThatThrownBy(() -> HunkApplier.apply("src/x.rs", "a\nb\n", List.of(wrong), h -> "h1234"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("h1234").hasMessageContaining("src/x.rs");
    }
}
