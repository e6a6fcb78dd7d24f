package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CC43: a tokio watch {@code Ref} alive while the same channel is sent on. Shaped like reth's payload builder
 * service (ec59698e reversed): a reused payload id cleared the cached payload from inside an {@code if let} over the
 * cached payload's {@code Ref}.
 */
class WatchRefAcrossSendTest {

    private final WatchRefAcrossSend rule = new WatchRefAcrossSend();

    private static final String SERVICE = """
              use tokio::sync::{mpsc, watch};

              pub struct Service {
                  cached_payload_rx: watch::Receiver<Option<(PayloadId, u64)>>,
                  cached_payload_tx: watch::Sender<Option<(PayloadId, u64)>>,
                  other_tx: watch::Sender<Option<PayloadId>>,
                  jobs: Vec<Job>,
              }

              impl Service {
                  fn on_new_job(&mut self, id: PayloadId) {
                      if self
                          .cached_payload_rx
                          .borrow()
                          .as_ref()
                          .is_some_and(|(cached_id, _)| *cached_id == id)
                      {
                          let _ = self.cached_payload_tx.send(None);
                      }
                      self.jobs.push(Job::new(id));
                  }
              }
            """;

    private static final String LET_CHAIN = SERVICE.replace("""
                      if self
                          .cached_payload_rx
                          .borrow()
                          .as_ref()
                          .is_some_and(|(cached_id, _)| *cached_id == id)
                      {
            """, """
                      if let Some((cached_id, _)) = &*self.cached_payload_rx.borrow()
                          && *cached_id == id
                      {
            """);

    @Test
    void aSendInsideTheIfLetOverTheRefIsReported() {
        assertThat(LET_CHAIN).isNotEqualTo(SERVICE);
        List<Finding> f = RuleRun.on(rule, "src/service.rs", RuleRun.diff(SERVICE, LET_CHAIN));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC43", HIGH, NEW, 12, 15));
        assertThat(f.get(0).title()).isEqualTo("`self.cached_payload_tx.send(None)` while the `Ref` of "
                + "`self.cached_payload_rx.borrow()` is alive: the task deadlocks on the channel");
    }

    @Test
    void aLetBoundRefAndAMatchOnItAreReportedToo() {
        String let = SERVICE.replace("""
                      if self
                          .cached_payload_rx
                          .borrow()
                          .as_ref()
                          .is_some_and(|(cached_id, _)| *cached_id == id)
                      {
                          let _ = self.cached_payload_tx.send(None);
                      }
            """, """
                      let cached = self.cached_payload_rx.borrow();
                      match cached.as_ref() {
                          Some((cached_id, _)) if *cached_id == id => {
                              self.cached_payload_tx.send_replace(None);
                          }
                          _ => {}
                      }
            """);
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/service.rs", RuleRun.diff(SERVICE, let))))
                .containsExactly(tuple("CC43", HIGH, NEW, 12, 15));
    }

    @Test
    void thePlainIfTheFixUsesAndAnotherChannelAreQuiet() {
        // the fix direction: the Ref dies with the plain `if` condition
        assertThat(RuleRun.on(rule, "src/service.rs", RuleRun.diff(LET_CHAIN, SERVICE))).isEmpty();
        // a value copied out of the Ref first
        String copied = LET_CHAIN.replace("&*self.cached_payload_rx.borrow()", "self.cached_payload_rx.borrow().clone()");
        assertThat(RuleRun.on(rule, "src/service.rs", RuleRun.diff(SERVICE, copied))).isEmpty();
        // a send on another channel under the Ref
        String other = LET_CHAIN.replace("self.cached_payload_tx.send(None)", "self.other_tx.send(None)");
        assertThat(RuleRun.on(rule, "src/service.rs", RuleRun.diff(SERVICE, other))).isEmpty();
        // not a watch channel: a RefCell named like one
        String cell = LET_CHAIN.replace("cached_payload_rx: watch::Receiver<Option<(PayloadId, u64)>>",
                "cached_payload_rx: std::cell::RefCell<Option<(PayloadId, u64)>>");
        assertThat(RuleRun.on(rule, "src/service.rs", RuleRun.diff(SERVICE, cell))).isEmpty();
    }

    @Test
    void channelEndsArePairedByTheirNames() {
        assertThat(WatchRefAcrossSend.sameChannel("self.cached_payload_rx", "self.cached_payload_tx")).isTrue();
        assertThat(WatchRefAcrossSend.sameChannel("this.state_receiver", "this.state_sender")).isTrue();
        assertThat(WatchRefAcrossSend.sameChannel("tx", "tx")).isTrue();
        assertThat(WatchRefAcrossSend.sameChannel("rx", "tx")).isFalse();
        assertThat(WatchRefAcrossSend.sameChannel("self.config_rx", "self.status_tx")).isFalse();
        assertThat(WatchRefAcrossSend.sameChannel("a.state_rx", "b.state_tx")).isFalse();
    }
}
