package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC39: a condvar wait that checked its predicate first no longer does. */
class WaitPredicateRemovedTest {

    private final WaitPredicateRemoved rule = new WaitPredicateRemoved();

    /** neon 80e974d0, reversed: the configurator waits even when a request is already pending. */
    private static final String CONFIGURATOR = """
              fn configurator_main_loop(compute: &Arc<ComputeNode>) {
                  info!("waiting for reconfiguration requests");
                  loop {
            -         let mut state = compute.state.lock().unwrap();
            -         if state.status != ComputeStatus::ConfigurationPending {
            -             state = compute.state_changed.wait(state).unwrap();
            -         }
            +         let state = compute.state.lock().unwrap();
            +         let mut state = compute.state_changed.wait(state).unwrap();
                      if state.status == ComputeStatus::ConfigurationPending {
                          state.status = ComputeStatus::Configuration;
                          compute.state_changed.notify_all();
                      }
                  }
              }
            """;

    @Test
    void aWaitThatNoLongerChecksThePendingState() {
        List<Finding> f = RuleRun.on(rule, "compute_tools/src/configurator.rs", CONFIGURATOR);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC39", HIGH, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`compute.state_changed.wait(..)` in `configurator_main_loop` no longer "
                + "checks `if state.status != ComputeStatus::ConfigurationPending` first");
        String fix = CONFIGURATOR.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         if state.status != ComputeStatus::ConfigurationPending {");
        assertThat(RuleRun.on(rule, "src/configurator.rs", fix)).isEmpty();
    }

    @Test
    void aPredicateThatStaysOrMovesToAWhileIsNotReported() {
        // the if became a while: still checked
        assertThat(RuleRun.on(rule, "src/c.rs", CONFIGURATOR.replace("""
                +         let mut state = compute.state_changed.wait(state).unwrap();
                """, """
                +         let mut state = state;
                +         while state.status != ComputeStatus::ConfigurationPending {
                +             state = compute.state_changed.wait(state).unwrap();
                +         }
                """))).isEmpty();
        // another receiver waits now, or a wait with no guard (a child process, a barrier)
        assertThat(RuleRun.on(rule, "src/c.rs", CONFIGURATOR.replace(
                "+         let mut state = compute.state_changed.wait(state).unwrap();",
                "+         let mut state = compute.other.wait(state).unwrap();"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/c.rs", """
                  fn run(&self) {
                -     if self.pending() {
                -         self.child.wait(status);
                -     }
                +     self.barrier.wait();
                  }
                """)).isEmpty();
        // the if around the wait is untouched
        assertThat(RuleRun.on(rule, "src/c.rs", """
                  fn run(&self) {
                      let mut g = self.m.lock().unwrap();
                      if !g.ready {
                -         g = self.cv.wait(g).unwrap();
                +         g = self.cv.wait(g).expect("poisoned");
                      }
                  }
                """)).isEmpty();
    }
}
