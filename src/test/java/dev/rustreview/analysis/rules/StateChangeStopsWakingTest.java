package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL11: a fn that changes the state a task waits on stops waking it. */
class StateChangeStopsWakingTest {

    private final StateChangeStopsWaking rule = new StateChangeStopsWaking();

    /** actix-web's h1 payload with its fix (d3c46537b) reversed in set_error and feed_eof. */
    private static final String PAYLOAD = """
              impl Inner {
                  fn wake(&mut self) {
                      if let Some(waker) = self.task.take() {
                          waker.wake();
                      }
                  }
                  fn set_error(&mut self, err: PayloadError) {
                      self.err = Some(err);
            -         self.wake();
                  }
                  fn feed_eof(&mut self) {
                      self.eof = true;
            -         self.wake();
                  }
                  fn feed_data(&mut self, data: Bytes) {
                      self.len += data.len();
                      self.items.push_back(data);
                      self.wake();
                  }
                  fn poll_next(&mut self, cx: &Context<'_>) -> Poll<Option<Bytes>> {
                      if let Some(data) = self.items.pop_front() {
                          return Poll::Ready(Some(data));
                      }
                      self.task = Some(cx.waker().clone());
                      Poll::Pending
                  }
              }
            """;

    @Test
    void errorAndEndOfStreamThatNoLongerWakeTheReaderAreReported() {
        List<Finding> f = RuleRun.on(rule, "actix-http/src/h1/payload.rs", PAYLOAD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL11", MEDIUM, NEW, 7, 9), tuple("AL11", MEDIUM, NEW, 10, 12));
        assertThat(f.get(0).title()).isEqualTo("`set_error` changes state but no longer wakes the waiting task");
    }

    @Test
    void aWakeMovedIntoAHelperAReleasePathAFileThatNeverWakesElsewhereOrNoStateWrittenAreQuiet() {
        // the wakes kept
        String kept = PAYLOAD.replace("-         self.wake();", "          self.wake();");
        assertThat(kept).isNotEqualTo(PAYLOAD);
        assertThat(RuleRun.on(rule, "src/payload.rs", kept)).isEmpty();
        // a release path: CC5's
        assertThat(RuleRun.on(rule, "src/lock.rs", """
                  impl Lock {
                      fn release(&mut self) {
                          self.locked = false;
                -         self.waiter.take().map(|w| w.wake());
                      }
                      fn poll_acquire(&mut self, cx: &Context<'_>) -> Poll<()> {
                          self.waiter = Some(cx.waker().clone());
                          self.waker_ref().wake_by_ref();
                          Poll::Pending
                      }
                  }
                """)).isEmpty();
        // nothing else in the file wakes: the whole mechanism went, not one path
        assertThat(RuleRun.on(rule, "src/flag.rs", """
                  impl Flag {
                      fn set(&mut self) {
                          self.on = true;
                -         self.waker.wake_by_ref();
                      }
                  }
                """)).isEmpty();
        // no state written any more: the fn stopped changing anything
        String noWrite = PAYLOAD.replace("\n          self.eof = true;\n", "\n-         self.eof = true;\n");
        assertThat(noWrite).isNotEqualTo(PAYLOAD);
        assertThat(RuleRun.on(rule, "src/payload.rs", noWrite)).extracting(Finding::startLine).containsExactly(7);
    }
}
