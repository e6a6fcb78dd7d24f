package dev.rustreview.analysis.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.RiskArea;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusRowTest {

    private static final Path FILE = Path.of("corpus.tsv");

    @Test
    void parsesABugRowWithSeveralFilesAndAreas() {
        CorpusRow row = CorpusRow.parse(3, "tokio-rs/tokio\tabc..abc^\ta.rs|b.rs\tCONCURRENCY,unsafe\tbug\tnote", FILE);
        assertThat(row.base()).isEqualTo("abc");
        assertThat(row.head()).isEqualTo("abc^");
        assertThat(row.files()).containsExactly("a.rs", "b.rs");
        assertThat(row.areas()).containsExactlyInAnyOrder(RiskArea.CONCURRENCY, RiskArea.UNSAFE);
        assertThat(row.bug()).isTrue();
        assertThat(row.mirror(Path.of("/m"))).isEqualTo(Path.of("/m/tokio-rs+tokio/repo"));
    }

    @Test
    void benignDocsAndTestRowsAreTheDocsOrTestOnlyOnes() {
        assertThat(CorpusRow.parse(1, "a/b\tx^..x\t-\t-\tbenign-docs\t", FILE).docsOrTestOnly()).isTrue();
        assertThat(CorpusRow.parse(1, "a/b\tx^..x\t-\t-\tbenign-test\t", FILE).docsOrTestOnly()).isTrue();
        assertThat(CorpusRow.parse(1, "a/b\tx^..x\t-\t-\tbenign-deps\t", FILE).docsOrTestOnly()).isFalse();
    }

    @Test
    void badRowsAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> CorpusRow.parse(7, "a/b\tabc\tf.rs\tUNSAFE\tbug\t", FILE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line 7").hasMessageContaining("base..head");
        assertThatThrownBy(() -> CorpusRow.parse(8, "a/b\tx..y\tf.rs\tLOCKS\tbug\t", FILE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown risk area 'LOCKS'");
        assertThatThrownBy(() -> CorpusRow.parse(9, "a/b\tx..y\t-\t-\tbug\t", FILE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("expected file");
    }

    @Test
    void theCuratedCorpusHasAtLeastFortyBugAndFortyBenignRowsOverSeveralCrates() throws Exception {
        List<CorpusRow> rows = CorpusRow.read(Path.of("src/test/resources/corpus/real-rust.tsv"));
        assertThat(rows.stream().filter(CorpusRow::bug).count()).isGreaterThanOrEqualTo(40);
        assertThat(rows.stream().filter(r -> !r.bug()).count()).isGreaterThanOrEqualTo(40);
        assertThat(rows.stream().filter(CorpusRow::bug).map(CorpusRow::repository).distinct().count())
                .isGreaterThanOrEqualTo(8);
    }
}
