package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL7: a fused future or stream returns its final Ready without setting the flag is_terminated reads. */
class FusedFlagNotSetTest {

    private final FusedFlagNotSet al7 = new FusedFlagNotSet();

    @Test
    void aLoopBreaksWithReadyBeforeTheDoneFlagIsSet() {
        // ringbuf's WaitOccupiedFuture with its fix (4fea746b) reversed; PopFuture beside it is right.
        List<Finding> f = RuleRun.on(al7, "async/src/traits/consumer.rs", """
                  pub struct WaitOccupiedFuture<'a, A: AsyncConsumer> { owner: &'a A, count: usize, done: bool }
                  impl<A: AsyncConsumer> FusedFuture for WaitOccupiedFuture<'_, A> {
                      fn is_terminated(&self) -> bool {
                          self.done
                      }
                  }
                  impl<A: AsyncConsumer> Future for WaitOccupiedFuture<'_, A> {
                      type Output = ();
                -     fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                +     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                          let mut waker_registered = false;
                          loop {
                              assert!(!self.done);
                              if self.count <= self.owner.occupied_len() || self.owner.is_closed() {
                -                 self.done = true;
                                  break Poll::Ready(());
                              }
                              if waker_registered {
                                  break Poll::Pending;
                              }
                              self.owner.register_read_waker(cx.waker());
                              waker_registered = true;
                          }
                      }
                  }
                  pub struct PopFuture<'a, A> { owner: &'a A, done: bool }
                  impl<A: AsyncConsumer> FusedFuture for PopFuture<'_, A> {
                      fn is_terminated(&self) -> bool { self.done || self.owner.is_closed() }
                  }
                  impl<A: AsyncConsumer> Future for PopFuture<'_, A> {
                      type Output = Option<A::Item>;
                      fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                +         assert!(!self.done);
                          if let Some(item) = self.owner.try_pop() {
                              self.done = true;
                              return Poll::Ready(Some(item));
                          }
                          Poll::Pending
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL7", MEDIUM, NEW, 14, 14));
        assertThat(f.get(0).title()).isEqualTo("`WaitOccupiedFuture` returns `Ready` without setting `self.done`");
    }

    @Test
    void aStreamCountsOnlyItsReadyNoneAndUntouchedOrFlaglessTypesAreQuiet() {
        List<Finding> f = RuleRun.on(al7, "src/stream.rs", """
                  pub struct Lines { rx: Receiver<String>, finished: bool }
                  impl FusedStream for Lines {
                      fn is_terminated(&self) -> bool { self.finished }
                  }
                  impl Stream for Lines {
                      type Item = String;
                      fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<String>> {
                          match self.rx.poll_recv(cx) {
                -             Poll::Ready(Some(line)) => Poll::Ready(Some(line.trim().to_string())),
                +             Poll::Ready(Some(line)) => Poll::Ready(Some(line)),
                              Poll::Ready(None) => {
                                  self.finished = true;
                                  Poll::Ready(None)
                              }
                              Poll::Pending => Poll::Pending,
                          }
                      }
                  }
                  pub struct Taken { done: bool, inner: Lines }
                  impl FusedStream for Taken {
                      fn is_terminated(&self) -> bool { self.done }
                  }
                  impl Stream for Taken {
                      type Item = String;
                      fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<String>> {
                          let me = self.project();
                +         if *me.done {
                +             return Poll::Ready(None);
                +         }
                          if !*self.as_mut().project().done {
                              me.inner.poll_next(cx).map(|item| { if item.is_none() { *me.done = true; } item })
                          } else {
                +             Poll::Ready(None)
                          }
                      }
                  }
                  pub struct Once { value: Option<u8> }
                  impl FusedFuture for Once {
                      fn is_terminated(&self) -> bool { self.value.is_none() }
                  }
                  impl Future for Once {
                      type Output = u8;
                      fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u8> {
                +         Poll::Ready(self.value.take().expect("polled after completion"))
                      }
                  }
                  pub struct Timer { fired: bool }
                  impl FusedFuture for Timer {
                      fn is_terminated(&self) -> bool { self.fired }
                  }
                  impl Future for Timer {
                      type Output = ();
                      fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> { Poll::Ready(()) }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void removingTheFlagsAssignmentAloneIsEnough() {
        List<Finding> f = RuleRun.on(al7, "src/wait.rs", """
                  impl FusedFuture for Wait<'_> {
                      fn is_terminated(&self) -> bool { self.done }
                  }
                  impl Future for Wait<'_> {
                      type Output = ();
                      fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
                          if self.count.load(Acquire) > 0 {
                -             self.done = true;
                              return Poll::Ready(());
                          }
                          Poll::Pending
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL7", MEDIUM, NEW, 8, 8));
    }
}
