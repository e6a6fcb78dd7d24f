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
        // another call awaited in its place
        assertThat(RuleRun.on(rule, "src/shutdown.rs", SHUTDOWN.replace(
                "+     wal_reference_handle.empty_inactive_notifier().await;", "+     wal_reference_handle.flushed().await;")))
                .isEmpty();
        // a sync fn
        assertThat(RuleRun.on(rule, "src/shutdown.rs", SHUTDOWN.replace("async fn", "fn"))).isEmpty();
    }
}
