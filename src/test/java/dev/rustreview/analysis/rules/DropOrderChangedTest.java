package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US16: the order in which a value's parts are destroyed changes. */
class DropOrderChangedTest {

    private final DropOrderChanged rule = new DropOrderChanged();

    /** rust-rdkafka's stream consumer with its fix (cbf4f552d) reversed. */
    private static final String CONSUMER = """
              pub struct StreamConsumer<C = DefaultConsumerContext>
              where
                  C: ConsumerContext,
              {
            -     queue: NativeQueue, // queue must be dropped before the base to avoid deadlock
                  base: BaseConsumer<C>,
                  wakers: Arc<WakerSlab>,
            +     queue: NativeQueue,
                  _shutdown_trigger: oneshot::Sender<()>,
              }

              impl<C: ConsumerContext> StreamConsumer<C> {
                  pub fn stream(&self) -> MessageStream<'_, C> {
                      MessageStream::new(&self.wakers, &self.queue)
                  }
              }
            """;

    /** compio's io_uring driver with its fix (b5d311928) reversed. */
    private static final String DRIVER = """
              pub(crate) struct Driver {
            -     inner: ManuallyDrop<IoUring<SEntry, CEntry>>,
            +     inner: IoUring<SEntry, CEntry>,
                  in_flight: HashSet<usize>,
              }

              impl Drop for Driver {
                  fn drop(&mut self) {
                      self.cancel_all();
            -         // Close the ring before freeing the in-flight keys: the kernel may still write into them.
            -         unsafe { ManuallyDrop::drop(&mut self.inner) };
            -         // Free remaining in-flight keys. Safe now that the kernel is done.
            +         // Free remaining in-flight keys.
                      for user_data in self.in_flight.drain() {
                          drop(unsafe { ErasedKey::from_raw(user_data) });
                      }
                  }
              }
            """;

    @Test
    void aFieldMovedPastTheOneItMustBeDroppedBeforeIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/consumer/stream_consumer.rs", CONSUMER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US16", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`StreamConsumer.queue` moved: its fields are now dropped in another order");
        assertThat(f.get(0).explanation()).contains("queue must be dropped before the base");
    }

    @Test
    void anEarlyDropDeletedFromDropIsReported() {
        List<Finding> f = RuleRun.on(rule, "compio-driver/src/sys/driver/iour/mod.rs", DRIVER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US16", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`drop` no longer drops `self.inner` before the rest of it");
    }

    @Test
    void aReorderWithoutAReasonAnEarlyDropKeptOrMovedAndOtherFnsAreNotReported() {
        // the same move with no comment saying the order matters: a tidy-up
        assertThat(RuleRun.on(rule, "src/consumer/stream_consumer.rs", CONSUMER
                .replace(" // queue must be dropped before the base to avoid deadlock", ""))).isEmpty();
        // the comment kept and no field moved
        assertThat(RuleRun.on(rule, "src/consumer/stream_consumer.rs", CONSUMER
                .replace("+     queue: NativeQueue,\n", "")
                .replace("-     queue: NativeQueue, // queue", "      queue: NativeQueue, // queue"))).isEmpty();
        // the early drop moved to the top of the body: still before the rest
        assertThat(RuleRun.on(rule, "compio-driver/src/sys/driver/iour/mod.rs", DRIVER.replace(
                "          self.cancel_all();\n",
                "+         unsafe { ManuallyDrop::drop(&mut self.inner) };\n          self.cancel_all();\n"))).isEmpty();
        // the same call deleted from a fn that is not Drop::drop
        assertThat(RuleRun.on(rule, "compio-driver/src/sys/driver/iour/mod.rs", DRIVER.replace(
                "impl Drop for Driver", "impl Driver").replace("fn drop(&mut self)", "fn close(&mut self)"))).isEmpty();
        // a Drop whose body is only the early drop: without it the field still drops, with nothing after it
        assertThat(RuleRun.on(rule, "src/guard.rs", """
                  impl Drop for Guard {
                      fn drop(&mut self) {
                -         drop(self.inner.take());
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void aReprCStructWhoseFieldsAreReorderedIsReported() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/ffi.rs", """
                  #[repr(C)]
                  pub struct Header {
                -     len: u32,
                      flags: u16,
                +     len: u32,
                      kind: u16,
                  }
                """))).containsExactly(tuple("US16", MEDIUM, NEW, 4, 4));
    }
}
