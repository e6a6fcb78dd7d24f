package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC11's moved registration: a waker registered only after the check that found nothing, with no second look. */
class RegistrationMovedAfterCheckTest {

    private final WakeupPathRemoved rule = new WakeupPathRemoved();

    /** rust-rdkafka's message stream with its fix (20b2fb398) reversed, beside the waker store it calls. */
    private static final String STREAM = """
              impl<'a, C: ConsumerContext + 'a> MessageStream<'a, C> {
                  fn set_waker(&self, waker: Waker) {
                      self.wakers.set_waker(self.slot, waker);
                  }
              }

              impl<'a, C: ConsumerContext + 'a> Stream for MessageStream<'a, C> {
                  type Item = KafkaResult<BorrowedMessage<'a>>;

                  fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<Option<Self::Item>> {
            -         self.set_waker(cx.waker().clone());
                      match self.poll() {
            -             None => Poll::Pending,
            +             None => {
            +                 self.set_waker(cx.waker().clone());
            +                 Poll::Pending
            +             }
                          Some(message) => Poll::Ready(Some(message)),
                      }
                  }
              }
            """;

    @Test
    void aWakerRegisteredOnlyAfterTheEmptyCheckIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/consumer/stream_consumer.rs", STREAM);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC11", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`poll_next` now registers its waker only after `self.poll()` found nothing");
    }

    @Test
    void aSecondLookALockedCheckAnInnerPollAndTheFixAreNotReported() {
        // registered, then checked again before returning Pending
        assertThat(RuleRun.on(rule, "src/consumer/stream_consumer.rs", STREAM.replace(
                "+                 Poll::Pending\n",
                "+                 match self.poll() { None => Poll::Pending, Some(m) => Poll::Ready(Some(m)) }\n")))
                .isEmpty();
        // the check made under the queue's lock, which the producer takes to push and wake
        assertThat(RuleRun.on(rule, "src/consumer/stream_consumer.rs", STREAM
                .replace("          match self.poll() {", "          let mut queue = self.queue.lock().unwrap();\n          match queue.pop() {")))
                .isEmpty();
        // the check is an inner poll handed the context: it registers by itself
        assertThat(RuleRun.on(rule, "src/consumer/stream_consumer.rs", STREAM
                .replace("          match self.poll() {", "          match self.inner.poll_recv(cx) {")))
                .isEmpty();
        // the fix: registration moved in front of the check
        assertThat(RuleRun.on(rule, "src/consumer/stream_consumer.rs", """
                  impl<'a, C: ConsumerContext + 'a> Stream for MessageStream<'a, C> {
                      fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<Option<Self::Item>> {
                +         self.set_waker(cx.waker().clone());
                          match self.poll() {
                -             None => {
                -                 self.set_waker(cx.waker().clone());
                -                 Poll::Pending
                -             }
                +             None => Poll::Pending,
                              Some(message) => Poll::Ready(Some(message)),
                          }
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void aSelfWakeMovedIntoACfgBlockIsNoRegistration() {
        // tokio-stream 630ec12a4: the cooperative yield (`wake_by_ref` then Pending) moved under `#[cfg(..)]`
        assertThat(RuleRun.on(rule, "tokio-stream/src/iter.rs", """
                  impl<I: Iterator> Stream for Iter<I> {
                      fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
                -         if self.yield_amt >= 32 {
                -             self.yield_amt = 0;
                -             cx.waker().wake_by_ref();
                -             Poll::Pending
                -         } else {
                -             self.yield_amt += 1;
                -             Poll::Ready(self.iter.next())
                -         }
                +         #[cfg(feature = "rt")]
                +         {
                +             let coop = std::task::ready!(coop::poll_proceed(cx));
                +             let item = self.iter.next();
                +             coop.made_progress();
                +             Poll::Ready(item)
                +         }
                +         #[cfg(not(feature = "rt"))]
                +         {
                +             if self.yield_amt >= 32 {
                +                 self.yield_amt = 0;
                +                 cx.waker().wake_by_ref();
                +                 Poll::Pending
                +             } else {
                +                 self.yield_amt += 1;
                +                 Poll::Ready(self.iter.next())
                +             }
                +         }
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void aRegistrationPutUnderACfgAttributeHasNoCheckBeforeIt() {
        assertThat(RuleRun.on(rule, "src/signal.rs", """
                  impl Future for Recv<'_> {
                      fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                -         self.shared.waker.register(cx.waker());
                +         #[cfg(feature = "signal")]
                +         {
                +             self.shared.waker.register(cx.waker());
                +         }
                          Poll::Pending
                      }
                  }
                """)).isEmpty();
    }

    /** yamux's flush_pending with its fix (a7d64e4) reversed: futures 0.1, where the current task registers itself. */
    private static final String FLUSH = """
              impl<T: AsyncRead + AsyncWrite> Connection<T> {
                  fn flush_pending(&mut self) -> Poll<(), ConnectionError> {
            -         self.tasks.insert_current();
                      while let Some(frame) = self.pending.pop_front() {
                          if let AsyncSink::NotReady(frame) = self.resource.start_send_notify(frame, &self.tasks, 0)? {
                              self.pending.push_front(frame);
            +                 self.tasks.insert_current();
                              return Ok(Async::NotReady)
                          }
                      }
                      if self.resource.poll_flush_notify(&self.tasks, 0)?.is_not_ready() {
            +             self.tasks.insert_current();
                          return Ok(Async::NotReady)
                      }
                      Ok(Async::Ready(()))
                  }
              }
            """;

    @Test
    void aFutures01TaskRegisteredOnlyAfterNotReadyIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/connection.rs", FLUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC11", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`flush_pending` now registers its waker only after "
                + "`self.pending.pop_front()` found nothing");
        // a task handle taken for another purpose is not a registration; nor is a fn that never returns NotReady
        assertThat(RuleRun.on(rule, "src/connection.rs", FLUSH.replace("insert_current()", "insert(id)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connection.rs", FLUSH
                .replace("Ok(Async::NotReady)", "Ok(Async::Ready(()))").replace("AsyncSink::NotReady", "AsyncSink::Ready")))
                .isEmpty();
    }
}
