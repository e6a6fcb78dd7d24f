package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL40: a timeout check with one negation added or removed. */
class TimeoutCheckInvertedTest {

    private final TimeoutCheckInverted rule = new TimeoutCheckInverted();

    /** tentacle's IdentifyProtocol::notify with the fix (e1017bef) reversed. */
    private static final String NOTIFY = """
              impl<T: Callback> ServiceProtocol for IdentifyProtocol<T> {
                  fn notify(&mut self, context: &mut ProtocolContext, _token: u64) {
                      for (session_id, info) in &self.remote_infos {
            -             if !info.has_received && (info.connected_at + info.timeout) <= Instant::now() {
            +             if info.has_received && (info.connected_at + info.timeout) <= Instant::now() {
                              debug!("{:?} receive identify message timeout", info.peer_id);
                              context.disconnect(*session_id);
                          }
                      }
                  }
              }
            """;

    @Test
    void aNegationToggledBesideADeadlineIsReported() {
        List<Finding> f = RuleRun.on(rule, "protocols/identify/src/lib.rs", NOTIFY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL40", MEDIUM, NEW, 4, 4));
    }

    @Test
    void aToggleWithoutADeadlineOrAnEditBesideTheToggleIsNotReported() {
        assertThat(RuleRun.on(rule, "src/lib.rs", NOTIFY.replace(" && (info.connected_at + info.timeout) <= Instant::now()",
                " && info.ready"))).isEmpty();
        // the fix direction is reported too (the rule cannot tell which is meant), but a second edit on the line is not
        assertThat(RuleRun.on(rule, "src/lib.rs", NOTIFY.replace("+             if info.has_received &&",
                "+             if info.has_received() &&"))).isEmpty();
    }
}
