package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Verdict;
import dev.rustreview.ui.navigator.Fixtures;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import org.junit.jupiter.api.Test;

/** The inspector follows the navigator's selection; plain data, no scene. */
class InspectorModelTest {

    @Test
    void showsCategoryItemsProvenanceAndFindingsOfTheSelectedHunk() {
        NavigatorModel navigator = new NavigatorModel();
        InspectorModel inspector = new InspectorModel(navigator);
        navigator.show(Fixtures.analysis());
        // The analysis arriving selects the plan's first unit; with nothing selected there is nothing to show.
        assertThat(inspector.detailsProperty().get()).isNotNull();
        navigator.selectedProperty().set(null);
        assertThat(inspector.detailsProperty().get()).isNull();
        navigator.selectedProperty().set(new HunkRef("src/lib.rs", 0));
        HunkDetails d = inspector.detailsProperty().get();
        assertThat(d.title()).startsWith("src/lib.rs  \u00b7  unit 1 of 2");
        assertThat(d.category()).isEqualTo("core logic");
        assertThat(d.reason()).isEqualTo("because core logic");
        assertThat(d.items()).containsExactly("fn save");
        assertThat(d.provenance()).singleElement().satisfies(p -> {
            assertThat(p.verdict()).isEqualTo(Verdict.AGENT);
            assertThat(p.tool()).isEqualTo("Claude Code");
            assertThat(p.author()).isEqualTo("Claude <noreply@anthropic.com>");
            assertThat(p.evidence()).singleElement().asString().contains("anthropic");
        });
        assertThat(d.findings()).extracting(f -> f.ruleId()).containsExactly("AL1");
        navigator.show(null);
        assertThat(inspector.detailsProperty().get()).isNull();
    }
}
