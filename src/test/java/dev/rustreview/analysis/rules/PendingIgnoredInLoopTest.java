package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL9: a poll loop that ignores `Poll::Pending` of what it polls and goes round again at once. */
class PendingIgnoredInLoopTest {

    private final PendingIgnoredInLoop al9 = new PendingIgnoredInLoop();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(al9, path, diff);
    }

    @Test
    void aStreamPendingIgnoredAtTheEndOfAPollLoopIsReported() {
        // The shape of tower cc9e5bea reversed: CallAll spins while its input stream is pending.
        List<Finding> f = run("src/util/call_all/common.rs", """
                  use std::pin::Pin;
                  use std::task::{ready, Context, Poll};
                  impl<Svc, S> CallAll<Svc, S> {
                      pub(crate) fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u8>> {
                          let mut this = self.project();
                          loop {
                              if let Poll::Ready(r) = this.queue.poll(cx) {
                                  return Poll::Ready(r);
                              }
                              if *this.eof {
                                  return Poll::Ready(None);
                              }
                              ready!(this.svc.poll_ready(cx));
                -             match ready!(this.stream.as_mut().poll_next(cx)) {
                -                 Some(req) => this.queue.push(req),
                -                 None => *this.eof = true,
                +             match this.stream.as_mut().poll_next(cx) {
                +                 Poll::Ready(Some(req)) => this.queue.push(req),
                +                 Poll::Ready(None) => *this.eof = true,
                +                 Poll::Pending => {
                +                     // We probably want to release the slot we reserved here.
                +                 }
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL9", MEDIUM, NEW, 17, 17));
        assertThat(f.get(0).title()).isEqualTo(
                "`Poll::Pending` of `this.stream.as_mut().poll_next(cx)` ignored inside a loop in `poll_next`");
    }

    @Test
    void pendingArmsThatLeaveTheLoopOrSitOutsideOneAreQuiet() {
        // Pending returned; a later statement returns Pending once nothing progressed; a `for` over children; no
        // loop at all; a match that polls nothing; a closure's own body.
        assertThat(run("src/select.rs", """
                  use std::task::{Context, Poll};
                  impl Select {
                      fn poll_a(&mut self, cx: &mut Context<'_>) -> Poll<u8> {
                          loop {
                +             match self.a.poll_recv(cx) {
                +                 Poll::Ready(v) => return Poll::Ready(v),
                +                 Poll::Pending => return Poll::Pending,
                +             }
                          }
                      }
                      fn poll_both(&mut self, cx: &mut Context<'_>) -> Poll<u8> {
                          loop {
                              let mut progressed = false;
                +             match self.a.poll_recv(cx) {
                +                 Poll::Ready(_) => progressed = true,
                +                 Poll::Pending => {}
                +             }
                              if !progressed {
                                  return Poll::Pending;
                              }
                          }
                      }
                      fn poll_children(&mut self, cx: &mut Context<'_>) -> Poll<()> {
                          for child in self.children.iter_mut() {
                +             match child.poll_done(cx) {
                +                 Poll::Ready(()) => self.done += 1,
                +                 Poll::Pending => {}
                +             }
                          }
                          Poll::Pending
                      }
                      fn poll_once(&mut self, cx: &mut Context<'_>) -> Poll<()> {
                +         match self.a.poll_recv(cx) {
                +             Poll::Ready(_) => {}
                +             Poll::Pending => {}
                +         }
                          Poll::Pending
                      }
                      fn drain(&mut self) {
                          loop {
                +             match self.state {
                +                 Poll::Ready(()) => break,
                +                 Poll::Pending => {}
                +             }
                          }
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void testCodeIsLeftAlone() {
        String diff = """
                  use std::task::{Context, Poll};
                  fn spin(rx: &mut Rx, cx: &mut Context<'_>) {
                      loop {
                +         match rx.poll_recv(cx) {
                +             Poll::Ready(_) => {}
                +             Poll::Pending => {}
                +         }
                      }
                  }
                """;
        assertThat(run("tests/spin.rs", diff)).isEmpty();
        assertThat(RuleRun.shape(run("src/lib.rs", diff))).containsExactly(tuple("AL9", MEDIUM, NEW, 6, 6));
    }
}
