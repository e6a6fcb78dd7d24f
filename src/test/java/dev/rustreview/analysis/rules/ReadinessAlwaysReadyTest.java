package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL39: a readiness poll that could say "not yet" made to always say ready. */
class ReadinessAlwaysReadyTest {

    private final ReadinessAlwaysReady rule = new ReadinessAlwaysReady();

    /** async-tungstenite's WebSocketStream with the fix (dcefd9b8) reversed. */
    private static final String SINK = """
              impl<T> Sink<Message> for WebSocketStream<T> {
                  type Error = WsError;
                  fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            -         if self.ready {
            -             Poll::Ready(Ok(()))
            -         } else {
            -             Poll::Pending
            -         }
            +         Poll::Ready(Ok(()))
                  }
                  fn start_send(mut self: Pin<&mut Self>, item: Message) -> Result<(), Self::Error> {
                      self.inner.write(item)
                  }
              }
            """;

    @Test
    void aSinkThatCouldWaitMadeAlwaysReadyIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", SINK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL39", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`poll_ready` now always returns `Poll::Ready(Ok(()))`");
    }

    @Test
    void aServiceThatNoLongerPollsItsInnerServiceIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/layer.rs", """
                  impl<S: Service<R>, R> Service<R> for Timeout<S> {
                      fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                -         self.inner.poll_ready(cx).map_err(Into::into)
                +         Poll::Ready(Ok(()))
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL39", MEDIUM, NEW, 3, 3));
    }

    @Test
    void theFixDirectionAndAnAlwaysReadyPollLeftAsItWasAreNotReported() {
        // the fix direction
        String fix = RuleRun.diff("""
                impl Sink<Message> for S {
                    fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), E>> {
                        Poll::Ready(Ok(()))
                    }
                }
                """, """
                impl Sink<Message> for S {
                    fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), E>> {
                        if self.ready { Poll::Ready(Ok(())) } else { Poll::Pending }
                    }
                }
                """);
        assertThat(RuleRun.on(rule, "src/lib.rs", fix)).isEmpty();
        // a poll that never waited, reworded; another fn made always ready
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  impl Sink<Message> for S {
                      fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), E>> {
                -         Poll::Ready(Ok::<(), E>(()))
                +         Poll::Ready(Ok(()))
                      }
                      fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
                -         self.inner.poll_flush(cx)
                +         Poll::Ready(Ok(()))
                      }
                  }
                """)).isEmpty();
    }
}
