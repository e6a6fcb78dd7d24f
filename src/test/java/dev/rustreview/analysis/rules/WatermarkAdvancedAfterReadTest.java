package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS13: a watermark moved to after the read that uses it. */
class WatermarkAdvancedAfterReadTest {

    private final WatermarkAdvancedAfterRead rule = new WatermarkAdvancedAfterRead();

    /** wezterm's PerPane::compute_changes with its fix (100b85de) reversed. */
    private static final String CHANGES = """
              impl PerPane {
                  fn compute_changes(&mut self, pane: &Arc<dyn Pane>, force: bool) -> Option<Changes> {
                      let mut changed = force;
                      let dims = pane.get_dimensions();
            -         let old_seqno = self.seqno;
            -         self.seqno = pane.get_current_seqno();
                      let mut all_dirty_lines = pane.get_changed_since(
                          0..dims.physical_top + dims.viewport_rows as StableRowIndex,
            -             old_seqno,
            +             self.seqno,
                      );
                      if !all_dirty_lines.is_empty() {
                          changed = true;
                      }
                      self.dimensions = dims;
            +         self.seqno = pane.get_current_seqno();
                      Some(Changes { all_dirty_lines, changed })
                  }
              }
            """;

    @Test
    void aMarkTakenAfterTheReadSinceItIsReported() {
        List<Finding> f = RuleRun.on(rule, "wezterm-mux-server-impl/src/sessionhandler.rs", CHANGES);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS13", MEDIUM, NEW, 5, 13));
        assertThat(f.get(0).title()).isEqualTo("`compute_changes` advances `self.seqno` after reading `pane` since it");
    }

    @Test
    void theFixOtherSourcesAndAnOrderThatDidNotChangeAreQuiet() {
        String fix = CHANGES.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).isNotEqualTo(CHANGES).contains("+         self.seqno = pane.get_current_seqno();");
        assertThat(RuleRun.on(rule, "wezterm-mux-server-impl/src/sessionhandler.rs", fix)).isEmpty();
        // the mark comes from another source than the one read
        assertThat(RuleRun.on(rule, "wezterm-mux-server-impl/src/sessionhandler.rs",
                CHANGES.replace("+         self.seqno = pane.get_current_seqno();", "+         self.seqno = clock.get_current_seqno();")
                        .replace("-         self.seqno = pane.get_current_seqno();", "-         self.seqno = clock.get_current_seqno();"))).isEmpty();
        // the read does not use the mark
        assertThat(RuleRun.on(rule, "wezterm-mux-server-impl/src/sessionhandler.rs",
                CHANGES.replace("+             self.seqno,", "+             self.start,"))).isEmpty();
        // the old body already read first and set the mark after: the change did not move it
        String before = """
                  impl PerPane {
                      fn compute_changes(&mut self, pane: &Arc<dyn Pane>) -> usize {
                          let lines = pane.get_changed_since(0..10, self.seqno);
                -         self.seqno = pane.get_current_seqno();
                +         self.seqno = pane.get_current_seqno();
                          lines.len()
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "wezterm-mux-server-impl/src/sessionhandler.rs", before)).isEmpty();
    }
}
