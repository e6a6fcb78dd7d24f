package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL31: a future created before a step and awaited after it is now created at the await. */
class FutureCreatedLateTest {

    private final FutureCreatedLate rule = new FutureCreatedLate();

    /** influxdb 181cc009, reversed: the notifier is created after the segment it waits on is enqueued. */
    private static final String SHUTDOWN = """
              pub(super) async fn graceful_shutdown_handler(wal: Arc<Wal>, wal_reference_handle: WalReferenceHandle) {
            -     let empty_waker = wal_reference_handle.empty_inactive_notifier();
                  let (closed_segment, sequence_number_set) = wal.rotate().expect("failed to rotate wal");
                  wal_reference_handle
                      .enqueue_rotated_file(closed_segment.id(), sequence_number_set)
                      .await;
            -     empty_waker.await;
            +     wal_reference_handle.empty_inactive_notifier().await;
                  info!("persisted all data - stopping ingester");
              }
            """;

    @Test
    void aNotifierCreatedAfterTheStepItMustObserve() {
        List<Finding> f = RuleRun.on(rule, "ingester/src/init/graceful_shutdown.rs", SHUTDOWN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL31", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`wal_reference_handle.empty_inactive_notifier()` is now created where it "
                + "is awaited in `graceful_shutdown_handler`");
        String fix = SHUTDOWN.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     let empty_waker");
        assertThat(RuleRun.on(rule, "src/shutdown.rs", fix)).isEmpty();
    }

    @Test
    void aFutureAwaitedRightAfterItWasMadeOrAnotherCallIsNotReported() {
        // nothing awaited between creation and await in the old code: inlining it changes nothing
        assertThat(RuleRun.on(rule, "src/shutdown.rs", """
                  async fn run(&self) {
                -     let fut = self.client.fetch(id);
                -     fut.await;
                +     self.client.fetch(id).await;
                  }
                """)).isEmpty();
        // an await before both, none between creation and await: the split was not there to observe a step
        assertThat(RuleRun.on(rule, "src/shutdown.rs", """
                  async fn run(&self) {
                      self.prepare().await;
                -     let fut = self.client.fetch(id);
                -     fut.await;
                +     self.client.fetch(id).await;
                  }
                """)).isEmpty();
        // another call awaited in its place
        assertThat(RuleRun.on(rule, "src/shutdown.rs", SHUTDOWN.replace(
                "+     wal_reference_handle.empty_inactive_notifier().await;", "+     wal_reference_handle.flushed().await;")))
                .isEmpty();
        // a sync fn
        assertThat(RuleRun.on(rule, "src/shutdown.rs", SHUTDOWN.replace("async fn", "fn"))).isEmpty();
    }

    @Test
    void aBroadcastReceiverSubscribedInsideTheSpawnedTaskInsteadOfBefore() {
        // mullvad 9cd8249d reversed: an abort sent before the ingress task resubscribes is never seen
        String bug = """
                  fn redirect_packets(st_tun_device: Device) -> Result<()> {
                      let (abort_tx, abort_rx) = broadcast::channel(1);
                -     let abort_read_rx = abort_tx.subscribe();
                      let ingress_task = tokio::spawn(run_ingress_task(
                          st_tun_device,
                          abort_rx,
                -         abort_read_rx,
                      ));
                      Ok(())
                  }
                  async fn run_ingress_task(
                      st_tun_device: Device,
                      mut abort_rx: broadcast::Receiver<()>,
                -     mut abort_read_rx: broadcast::Receiver<()>,
                  ) -> Device {
                +     let mut abort_read_rx = abort_rx.resubscribe();
                      loop {
                          tokio::select! {
                              _ = abort_read_rx.recv() => break,
                          }
                      }
                      st_tun_device
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "talpid-core/src/split_tunnel/macos/tun.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL31", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`abort_read_rx` is now subscribed inside `run_ingress_task`");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(rule, "src/tun.rs", fix)).isEmpty();
        // a new receiver under another name, or subscribed in a sync fn
        assertThat(RuleRun.on(rule, "src/tun.rs", bug.replace("+     let mut abort_read_rx = abort_rx.resubscribe();",
                "+     let mut extra_rx = abort_rx.resubscribe();"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/tun.rs", bug.replace("  async fn run_ingress_task(", "  fn run_ingress_task(")))
                .isEmpty();
    }
}
