package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC41: a guard clause deleted that left when the run was cancelled. */
class CancelGuardClauseRemovedTest {

    private final CancelGuardClauseRemoved rule = new CancelGuardClauseRemoved();

    /** nextest 15808dca, reversed: new tests were handed channels while the run was being cancelled. */
    private static final String DISPATCH = """
              fn handle_event(&mut self, event: InternalEvent) -> HandleEventResponse {
                  match event {
                      InternalEvent::Started { test_instance, req_rx_tx } => {
            -             if self.cancel_state.is_some() {
            -                 return HandleEventResponse::None;
            -             }
                          let (req_tx, req_rx) = unbounded_channel();
                          match req_rx_tx.send(req_rx) {
                              Ok(_) => {}
                              Err(_) => return HandleEventResponse::None,
                          }
                          self.running.insert(test_instance.id(), req_tx);
                          HandleEventResponse::None
                      }
                      _ => HandleEventResponse::None,
                  }
              }
            """;

    @Test
    void aCancelCheckRemovedBeforeNewWorkIsReported() {
        List<Finding> f = RuleRun.on(rule, "nextest-runner/src/runner/dispatcher.rs", DISPATCH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC41", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("Guard `if self.cancel_state.is_some()` removed before work that must "
                + "not start after a cancel in `handle_event`");
        String fix = DISPATCH.replaceAll("(?m)^-", "+");
        assertThat(fix).contains("+             if self.cancel_state.is_some() {");
        assertThat(RuleRun.on(rule, "src/dispatcher.rs", fix)).isEmpty();
    }

    @Test
    void anotherGuardOrACancelCheckBeforeALockIsNotThisRules() {
        assertThat(RuleRun.on(rule, "src/dispatcher.rs", DISPATCH.replace("self.cancel_state.is_some()",
                "self.paused.is_some()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/dispatcher.rs", DISPATCH.replace("self.running.insert(",
                "self.running.lock().insert("))).isEmpty();
        assertThat(RuleRun.on(new SyncGuardClauseRemoved(), "src/dispatcher.rs", DISPATCH.replace(
                "self.running.insert(", "self.running.lock().insert("))).hasSize(1);
    }
}
