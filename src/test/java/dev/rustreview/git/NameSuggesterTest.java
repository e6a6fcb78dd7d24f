package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggesterTest {

    @Test
    void editDistance() {
        assertThat(NameSuggester.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(NameSuggester.levenshtein("", "abc")).isEqualTo(3);
        assertThat(NameSuggester.levenshtein("same", "same")).isZero();
    }

    @Test
    void truncatedNamesComeFirstThenTyposAndFarNamesNever() {
        List<String> names = List.of("main", "agent/backup-executor", "agent/backup-executor-v2", "release/2026", "mainline");
        assertThat(NameSuggester.suggest("agent/backup-exec", names))
                .containsExactly("agent/backup-executor", "agent/backup-executor-v2");
        assertThat(NameSuggester.suggest("mian", names)).containsExactly("main");
        assertThat(NameSuggester.suggest("MAIN", names)).containsExactly("main", "mainline");
        assertThat(NameSuggester.suggest("totally-different", names)).isEmpty();
    }

    @Test
    void atMostThreeSuggestions() {
        assertThat(NameSuggester.suggest("a", List.of("a1", "a2", "a3", "a4"))).hasSize(3);
    }
}
