package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzyPathsTest {

    private static final List<String> PATHS = List.of("src/backup/executor.rs", "src/backup/mod.rs",
            "src/services/postgres.rs", "Cargo.toml", "tests/executor_retry.rs", "src/exec.rs");

    @Test
    void charactersInOrderAnyCaseBestMatchFirst() {
        assertThat(FuzzyPaths.rank(PATHS, "exec")).startsWith("src/exec.rs")
                .contains("src/backup/executor.rs", "tests/executor_retry.rs").doesNotContain("Cargo.toml");
        assertThat(FuzzyPaths.rank(PATHS, "bkmod")).containsExactly("src/backup/mod.rs");
        assertThat(FuzzyPaths.rank(PATHS, "CARGO")).containsExactly("Cargo.toml");
        assertThat(FuzzyPaths.rank(PATHS, "zzz")).isEmpty();
        assertThat(FuzzyPaths.rank(PATHS, "  ")).hasSize(PATHS.size()).startsWith("Cargo.toml");
    }

    @Test
    void aMatchInTheFileNameBeatsOneSpreadOverFolders() {
        assertThat(FuzzyPaths.score("src/services/postgres.rs", "pg")).isGreaterThanOrEqualTo(0);
        assertThat(FuzzyPaths.rank(List.of("src/pool/guard.rs", "src/pg.rs"), "pg")).startsWith("src/pg.rs");
        assertThat(FuzzyPaths.score("src/a.rs", "b")).isEqualTo(-1);
    }
}
