package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC50: a count's "more than zero" conjunct removed from a gate that compares it with another count. */
class ZeroGateOpenedTest {

    private final ZeroGateOpened rule = new ZeroGateOpened();

    /** tremor-runtime's Source::should_pull with the fix (5e04cb82) reversed. */
    private static final String GATE = """
              impl<S: Source> SourceManager<S> {
                  fn should_pull(&self) -> bool {
                      let state_should_pull = self.state == SourceState::Running;
                      state_should_pull
                          && !self.pipelines_out.is_empty() // we have pipelines connected
                          && self.connectivity == Connectivity::Connected
            -             && self.cb_restore_received > 0 // at least one Restore
                          && self.cb_restore_received >= self.num_started_sinks // all sinks restored
                  }
              }
            """;

    @Test
    void theZeroConjunctRemovedFromAGateComparingTwoCountsIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/connectors/source.rs", GATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC50", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`self.cb_restore_received > 0` removed: the gate on "
                + "`self.num_started_sinks` in `should_pull` opens at zero");
    }

    @Test
    void aZeroTestKeptOrMovedOrAComparisonWithAConstantIsNotReported() {
        // the test moved to another line of the fn
        assertThat(RuleRun.on(rule, "src/connectors/source.rs", GATE.replace(
                "let state_should_pull = self.state == SourceState::Running;",
                "let state_should_pull = self.state == SourceState::Running && self.cb_restore_received != 0;")))
                .isEmpty();
        // compared with a literal
        assertThat(RuleRun.on(rule, "src/connectors/source.rs", GATE.replace("self.num_started_sinks", "3"))).isEmpty();
        // the conjunct removed without a gate left
        assertThat(RuleRun.on(rule, "src/connectors/source.rs", GATE.replace(
                ">= self.num_started_sinks", "< self.num_started_sinks"))).isEmpty();
    }
}
