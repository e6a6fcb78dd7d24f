package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC20: Poll::Pending from a poll fn that never uses its Context. */
class PendingWithoutContextTest {

    private final PendingWithoutContext cc20 = new PendingWithoutContext();

    @Test
    void pendingWithAnUnusedContextIsReported() {
        // tokio-tungstenite a5e5600e reversed: poll_ready stopped driving the blocked send with the context.
        List<Finding> f = RuleRun.on(cc20, "src/lib.rs", """
                  impl<T> Sink<Message> for WebSocketStream<T>
                  where
                      T: AsyncRead + AsyncWrite + Unpin,
                  {
                      type Error = WsError;
                -     fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                +     fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                          if self.ready {
                              Poll::Ready(Ok(()))
                          } else {
                -             (*self).with_context(Some((ContextWaker::Write, cx)), |s| cvt(s.flush())).map(|r| {
                -                 self.ready = true;
                -                 r
                -             })
                +             Poll::Pending
                          }
                      }
                      fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                +         self.ready = true;
                          (*self).with_context(Some((ContextWaker::Write, cx)), |s| cvt(s.flush()))
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC20", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`poll_ready` returns `Poll::Pending` without using `_cx`");
    }

    @Test
    void aUsedContextANeverFinishingFutureAndAnUnchangedPendingAreNotReported() {
        // Hard negatives: the waker is stored; a future made never to complete; Pending on an unchanged line;
        // the context handed to an inner poll.
        List<Finding> f = RuleRun.on(cc20, "src/lib.rs", """
                  impl Future for Recv<'_> {
                      type Output = Option<u8>;
                      fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                          if let Some(v) = self.chan.try_recv() {
                              return Poll::Ready(Some(v));
                          }
                +         self.chan.waker.register(cx.waker());
                +         Poll::Pending
                      }
                  }
                  impl<T> Future for Pending<T> {
                      type Output = T;
                +     fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<T> {
                +         Poll::Pending
                +     }
                  }
                  impl Stream for Idle {
                      type Item = ();
                      fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<()>> {
                +         trace!("idle");
                          Poll::Pending
                      }
                  }
                  impl AsyncRead for Wrapper {
                      fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
                +         if self.closed { return Poll::Pending; }
                          Pin::new(&mut self.inner).poll_read(cx, buf)
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
