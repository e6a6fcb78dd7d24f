package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC14: a poll fn keeps the waker of its first poll and returns Pending with it on later ones. */
class WakerFromFirstPollTest {

    private final WakerFromFirstPoll cc14 = new WakerFromFirstPoll();

    @Test
    void aTimerRegisteredWithTheWakerOfItsFirstPollOnly() {
        // async-io's Timer::poll, with the fix (07b6cca5) reversed.
        List<Finding> f = RuleRun.on(cc14, "src/lib.rs", """
                  impl Future for Timer {
                      type Output = Instant;
                      fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                          if Instant::now() >= self.when {
                              if let Some(id) = self.id.take() {
                                  Reactor::get().remove_timer(self.when, id);
                              }
                              Poll::Ready(self.when)
                          } else {
                -             match &self.id_and_waker {
                -                 None => {
                -                     let id = Reactor::get().insert_timer(self.when, cx.waker());
                -                     self.id_and_waker = Some((id, cx.waker().clone()));
                -                 }
                -                 Some((id, w)) if !w.will_wake(cx.waker()) => {
                -                     Reactor::get().remove_timer(self.when, *id);
                -                     let id = Reactor::get().insert_timer(self.when, cx.waker());
                -                     self.id_and_waker = Some((id, cx.waker().clone()));
                -                 }
                -                 Some(_) => {}
                +             if self.id.is_none() {
                +                 self.id = Some(Reactor::get().insert_timer(self.when, cx.waker()));
                              }
                              Poll::Pending
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC14", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo(
                "`poll` keeps `cx.waker()` only under `if self.id.is_none()` and returns `Pending` with the old one later");
    }

    @Test
    void wakersKeptOnEveryPollComparedOrPassedToAChildAreFine() {
        List<Finding> f = RuleRun.added(cc14, """
                impl Future for Every {
                    type Output = ();
                    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                        if self.waker.is_none() {
                            self.registered = true;
                        }
                        self.waker = Some(cx.waker().clone());
                        Poll::Pending
                    }
                }
                impl Future for Compared {
                    type Output = ();
                    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                        if self.waker.is_none() {
                            self.waker = Some(cx.waker().clone());
                        } else if !self.waker.as_ref().unwrap().will_wake(cx.waker()) {
                            self.waker = Some(cx.waker().clone());
                        }
                        Poll::Pending
                    }
                }
                impl<S: Stream> Stream for Zip<S> {
                    type Item = S::Item;
                    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
                        if self.queued.is_none() {
                            match self.inner.poll_next(cx) {
                                Poll::Ready(item) => return Poll::Ready(item),
                                Poll::Pending => {}
                            }
                        }
                        Poll::Pending
                    }
                }
                impl Future for Whole {
                    type Output = ();
                    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                        if self.id.is_none() {
                            self.id = Some(register(cx.waker()));
                            return Poll::Pending;
                        }
                        Poll::Ready(())
                    }
                }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void anUnchangedPollOrATestFutureIsNotReported() {
        List<Finding> f = RuleRun.on(cc14, "src/timer.rs", """
                  impl Future for Timer {
                      type Output = ();
                      fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                          if self.id.is_none() {
                              self.id = Some(register(cx.waker()));
                          }
                          Poll::Pending
                      }
                  }
                  fn other() -> u32 {
                -     1
                +     2
                  }
                """);
        assertThat(f).isEmpty();
        assertThat(RuleRun.added(cc14, """
                #[cfg(test)]
                mod tests {
                    impl Future for Once {
                        type Output = ();
                        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                            if self.waker.is_none() {
                                self.waker = Some(cx.waker().clone());
                            }
                            Poll::Pending
                        }
                    }
                }
                """)).isEmpty();
    }
}
