package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC26: the early exit of a wake-up path taken in more states. */
class WakeSkippedInMoreStatesTest {

    private final WakeSkippedInMoreStates rule = new WakeSkippedInMoreStates();

    /** compio's Remote::schedule with its fix (594ea2ebc) reversed. */
    private static final String SCHEDULE = """
              impl<'a> Remote<'a> {
                  pub fn schedule(&self) {
                      let state = self.header().state.start_scheduling();
                      trace!(?state);
            -         if state.is_scheduled() || state.is_completed() || state.is_cancelled() {
            +         if state.is_scheduled()
            +             || state.is_scheduling()
            +             || state.is_completed()
            +             || state.is_cancelled()
            +         {
                          self.header().state.finish_scheduling();
                          return;
                      }
                      self.push();
                  }
              }
            """;

    @Test
    void aLeftoverSchedulingBitNowDropsTheWake() {
        List<Finding> f = RuleRun.on(rule, "compio-executor/src/task/remote.rs", SCHEDULE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC26", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`schedule` now also returns early when `state.is_scheduling()`");
    }

    @Test
    void quietForOtherFnsNarrowedExitsAndConditionsRewritten() {
        // the same edit in a fn that does not wake; an alternative removed (fewer early exits); one replaced by two;
        // an exit the change leaves as it was
        assertThat(RuleRun.on(rule, "src/remote.rs", SCHEDULE.replace("fn schedule(", "fn refresh("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/remote.rs", """
                  fn wake(&self) {
                -     if self.a() || self.b() {
                +     if self.a() {
                          return;
                      }
                      self.push();
                  }
                  fn notify_all(&self) {
                -     if self.a() || self.b() {
                +     if self.a() || self.c() || self.d() {
                          return;
                      }
                      self.push();
                  }
                  fn unpark(&self) {
                      if self.a() || self.b() {
                          return;
                      }
                -     self.push();
                +     self.push_back();
                  }
                """)).isEmpty();
    }
}
