package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS18: a flag a branch set on one outcome now set before the outcome is known. */
class FlagSetBeforeOutcomeTest {

    private final FlagSetBeforeOutcome rule = new FlagSetBeforeOutcome();

    /** tarpc's DispatchResponse::poll with the fix (fe164ca3) reversed. */
    private static final String POLL = """
              impl<Resp> Future for DispatchResponse<Resp> {
                  fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<Resp>> {
                      let resp = ready!(self.response.poll_unpin(cx));
            +         self.complete = true;
                      Poll::Ready(match resp {
            -             Ok(resp) => {
            -                 self.complete = true;
            -                 Ok(resp.message?)
            -             }
            +             Ok(resp) => Ok(resp.message?),
                          Err(e) => Err({
                              if e.is_elapsed() {
                                  io::Error::from(io::ErrorKind::TimedOut)
                              } else {
            -                     self.complete = true;
                                  io::Error::from(io::ErrorKind::ConnectionReset)
                              }
                          }),
                      })
                  }
              }
            """;

    @Test
    void aFlagHoistedOutOfTheArmsThatSetItIsReported() {
        List<Finding> f = RuleRun.on(rule, "rpc/src/client/channel.rs", POLL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS18", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`self.complete = true` in `poll` is now set before the outcome is known");
    }

    @Test
    void aFlagAlreadySetOutsideABranchOrNotFollowedByADecisionIsNotReported() {
        // the old fn also set it unconditionally somewhere
        assertThat(RuleRun.on(rule, "src/lib.rs", POLL.replace(
                "let resp = ready!(self.response.poll_unpin(cx));\n",
                "let resp = ready!(self.response.poll_unpin(cx));\n          self.complete = true;\n")))
                .isEmpty();
        // nothing decides after it
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  impl S {
                      fn f(&mut self, ok: bool) {
                -         if ok {
                -             self.done = true;
                -         }
                +         self.done = true;
                      }
                  }
                """)).isEmpty();
    }
}
