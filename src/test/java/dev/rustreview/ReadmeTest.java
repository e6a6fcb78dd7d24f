package dev.rustreview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.model.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents every rule and category as the code defines them, so the two cannot drift apart. */
class ReadmeTest {

    private final String readme = read();

    private static String read() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyRuleHasARowWithWhatItCatchesAndCannotSee() {
        for (RiskRule rule : ChangeAnalyzer.allRules()) {
            var info = rule.info();
            assertThat(readme).as(info.id()).contains("| " + info.id() + " | " + info.area().id() + " | "
                    + info.severity().label() + " | " + info.catches().replace("|", "\\|") + " | "
                    + info.cannotSee().replace("|", "\\|") + " |");
        }
    }

    @Test
    void everyCategoryIsExplained() {
        for (Category category : Category.values()) {
            assertThat(readme).as(category.label()).contains("| " + category.label() + " |");
        }
    }
}
