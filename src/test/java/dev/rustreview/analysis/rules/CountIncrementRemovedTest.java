package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS17: an atomic count's increment removed while its decrement stays. */
class CountIncrementRemovedTest {

    private final CountIncrementRemoved rule = new CountIncrementRemoved();

    /** capnp-futures' write_queue with the fix (2f423e43) reversed. */
    private static final String QUEUE = """
              pub fn write_queue<W, M>(mut writer: W) -> (Sender<M>, impl Future<Output = Result<(), Error>>) {
                  let in_flight = Arc::new(AtomicI32::new(0));
                  let queue = async move {
                      while let Some(item) = rx.next().await {
                          write_message(&mut writer, m).await?;
                          in_flight.fetch_sub(1, Ordering::SeqCst);
                      }
                      Ok(())
                  };
                  (sender, queue)
              }
              impl<M> Sender<M> {
                  pub fn send(&mut self, message: M) -> impl Future<Output = Result<M, Error>> + Unpin {
            -         self.in_flight
            -             .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                      let (complete, oneshot) = oneshot::channel();
                      let _ = self.sender.unbounded_send(Item::Message(message, complete));
                      oneshot
                  }
                  pub fn len(&mut self) -> usize {
                      self.in_flight.load(Ordering::SeqCst) as usize
                  }
              }
            """;

    @Test
    void anIncrementRemovedWhileTheFileStillDecrementsIsReported() {
        List<Finding> f = RuleRun.on(rule, "capnp-futures/src/write_queue.rs", QUEUE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS17", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`send` no longer increments `in_flight`, which line 6 still decrements");
    }

    @Test
    void anIncrementMovedOrRemovedWithItsDecrementIsNotReported() {
        assertThat(RuleRun.on(rule, "src/q.rs", QUEUE.replace("let (complete, oneshot) = oneshot::channel();",
                "let (complete, oneshot) = oneshot::channel(); self.in_flight.fetch_add(1, SeqCst);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/q.rs", QUEUE.replace("in_flight.fetch_sub(1, Ordering::SeqCst);",
                "in_flight.load(Ordering::SeqCst);"))).isEmpty();
    }
}
