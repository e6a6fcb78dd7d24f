package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS15: the cleanup of a field removed from the path that closes. */
class CloseCleanupRemovedTest {

    private final CloseCleanupRemoved rule = new CloseCleanupRemoved();

    /** tentacle's ProtocolHandleStream with the fix (8cd0f03a) reversed. */
    private static final String STREAM = """
              impl<T: ServiceProtocol> ProtocolHandleStream<T> {
                  async fn handle_event(&mut self, event: ProtocolEvent) {
                      match event {
                          Notify { token } => {
                              self.notify.insert(token, Instant::now());
                              self.handle.notify(self.handle_context.as_mut(&self.context), token).await
                          }
                          RemoveNotify { token } => {
                              self.notify.remove(&token);
                          }
                          Closed => {
            -                 self.notify.clear();
                              self.handle.disconnected(self.handle_context.as_mut(&self.context)).await
                          }
                      }
                  }
                  fn shutdown(&mut self) {
            -         self.pending.clear();
                      self.closed = true;
                  }
                  fn register(&mut self, id: u64) {
                      self.pending.push(id);
                  }
              }
            """;

    @Test
    void aClearRemovedFromACloseArmOrAClosingFnIsReported() {
        List<Finding> f = RuleRun.on(rule, "tentacle/src/protocol_handle_stream.rs", STREAM);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS15", MEDIUM, NEW, 11, 11), tuple("SS15", MEDIUM, NEW, 16, 16));
        assertThat(f.get(0).title()).isEqualTo("`self.notify.clear(..)` removed from the `Closed` arm of `handle_event`");
        assertThat(f.get(1).title()).isEqualTo("`self.pending.clear(..)` removed from `shutdown`");
    }

    @Test
    void cleanupMovedOrAFieldNoLongerFilledOrAnotherArmIsNotReported() {
        // moved into a helper; the field is no longer filled anywhere; an arm that does not close
        assertThat(RuleRun.on(rule, "src/stream.rs", """
                  impl Stream {
                      fn handle_event(&mut self, event: Event) {
                          match event {
                              Closed => {
                -                 self.notify.clear();
                +                 self.reset_state();
                              }
                              Opened => {
                -                 self.pending.clear();
                              }
                              Disconnected => {
                -                 self.notify.remove(&1);
                                  self.notify.remove(&1);
                              }
                          }
                      }
                      fn shutdown(&mut self) {
                -         self.gone.clear();
                          self.closed = true;
                      }
                      fn register(&mut self, id: u64) {
                          self.notify.insert(id);
                          self.pending.push(id);
                      }
                  }
                """)).isEmpty();
    }
}
