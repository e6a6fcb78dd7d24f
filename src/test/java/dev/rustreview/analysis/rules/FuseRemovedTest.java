package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL37: a stream no longer fused while the file still polls it. */
class FuseRemovedTest {

    private final FuseRemoved rule = new FuseRemoved();

    /** tarpc's client dispatch with its fix (b1cd5f34) reversed. */
    private static final String DISPATCH = """
              use futures::stream::Fuse;
              pub struct RequestDispatch<C> {
            -     canceled_requests: Fuse<CanceledRequests>,
            +     canceled_requests: CanceledRequests,
              }
              pub fn spawn<C>(canceled_requests: CanceledRequests) -> RequestDispatch<C> {
            -     let canceled_requests = canceled_requests.fuse();
                  RequestDispatch { canceled_requests }
              }
              impl<C> RequestDispatch<C> {
                  fn pump_write(mut self: Pin<&mut Self>, waker: &LocalWaker) -> PollIo<()> {
                      match ready!(self.as_mut().canceled_requests().poll_next_unpin(waker)) {
                          Some(id) => self.cancel(id),
                          None => return Poll::Ready(None),
                      }
                  }
              }
            """;

    @Test
    void aStreamPolledAfterItsFuseWasRemovedIsReported() {
        List<Finding> f = RuleRun.on(rule, "rpc/src/client/channel.rs", DISPATCH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL37", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`canceled_requests` is no longer fused but still polled with `poll_next_unpin`");
    }

    @Test
    void theFixAFuseKeptElsewhereAndAStreamNoLongerPolledAreQuiet() {
        assertThat(RuleRun.on(rule, "rpc/src/client/channel.rs", DISPATCH.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "rpc/src/client/channel.rs", DISPATCH.replace("      RequestDispatch { canceled_requests }",
                "+     let canceled_requests = canceled_requests.fuse();\n      RequestDispatch { canceled_requests }"))).isEmpty();
        assertThat(RuleRun.on(rule, "rpc/src/client/channel.rs", DISPATCH.replace(".canceled_requests().poll_next_unpin(waker)",
                ".other().poll_next_unpin(waker)"))).isEmpty();
    }
}
