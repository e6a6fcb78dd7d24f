package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER14: a call with an effect inside a debug assertion, compiled out of release builds. */
class EffectInDebugAssertionTest {

    private final EffectInDebugAssertion rule = new EffectInDebugAssertion();

    @Test
    void theSendThatResolvesTheFutureWrittenInsideDebugAssertIsReported() {
        // isahc's CurlHandler with its fix (2edd2927) reversed: in release builds no request future resolves.
        List<Finding> f = RuleRun.on(rule, "src/internal/request.rs", """
                  impl CurlHandler {
                      pub fn fail(&mut self, error: curl::Error) {
                -         self.state.error.fill(error).unwrap();
                +         debug_assert!(self.state.error.fill(error).is_ok());
                          self.complete();
                      }
                      fn complete(&mut self) {
                          if let Some(future) = self.future.take() {
                -             if future.send(Ok(response)).is_err() {
                -                 self.state.close();
                -             }
                +             debug_assert!(
                +                 future
                +                     .send(Ok(response))
                +                     .is_ok()
                +             );
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER14", MEDIUM, NEW, 3, 3), tuple("ER14", MEDIUM, NEW, 8, 8));
        assertThat(f).extracting(Finding::title).containsExactly(
                "`self.state.error.fill(..)` runs only in debug builds: it is inside `debug_assert!` in `fail`",
                "`future.send(..)` runs only in debug builds: it is inside `debug_assert!` in `complete`");
    }

    @Test
    void pureChecksTheFixAndTestCodeAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  impl Queue {
                      fn push(&mut self, item: Item) {
                +         debug_assert!(self.items.len() < self.cap, "full");
                +         debug_assert_eq!(self.items.iter().filter(|i| i.id == item.id).count(), 0);
                +         let sent = self.tx.send(item);
                +         debug_assert!(sent.is_ok());
                +         assert!(self.seen.insert(item.id));
                +         debug_assert!(self.is_sorted()); // `insert` here is only a word in a comment
                      }
                  }
                  #[cfg(test)]
                  mod tests {
                      fn t(q: &mut Queue) {
                +         debug_assert!(q.items.pop().is_some());
                      }
                  }
                """)).isEmpty();
    }
}
