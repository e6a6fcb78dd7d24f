package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER8: an error no longer ends the fn or loop early. */
class ErrorExitNarrowedTest {

    private final ErrorExitNarrowed er8 = new ErrorExitNarrowed();

    @Test
    void anExitConditionThatLostItsErrorAlternativeIsReported() {
        // kanal e248ad18 reversed: a failed send no longer finishes SendManyFuture.
        List<Finding> f = RuleRun.on(er8, "src/future.rs", """
                  impl<'a, 'b, T> Future for SendManyFuture<'a, 'b, T> {
                      type Output = Result<(), SendError>;
                      fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                          let this = unsafe { self.get_unchecked_mut() };
                          loop {
                              let fut = this.current.as_mut().unwrap();
                              match fut.poll(cx) {
                                  Poll::Ready(res) => {
                -                     if res.is_err() || this.elements.is_empty() {
                +                     if this.elements.is_empty() {
                                          this.finished = true;
                                          return Poll::Ready(res);
                                      }
                                      this.current = this.elements.pop_front().map(|e| this.chan.send(e));
                                  }
                                  Poll::Pending => return Poll::Pending,
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER8", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`res.is_err()` no longer ends `poll` early");
    }

    @Test
    void aDeletedGuardOnAnErrorIsReported() {
        List<Finding> f = RuleRun.on(er8, "src/batch.rs", """
                  impl Batch {
                      pub fn apply(&mut self, ops: &[Op]) -> Result<usize, Error> {
                          let mut done = 0;
                          for op in ops {
                              let r = self.store.write(op);
                -             if r.is_err() {
                -                 return r.map(|_| done);
                -             }
                              done += 1;
                          }
                          Ok(done)
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER8", MEDIUM, NEW, 6, 6));
    }

    @Test
    void anErrorTestThatMovedOrANonErrorAlternativeDroppedIsNotReported() {
        // Hard negatives: the error alternative moved to its own guard; a non-error alternative dropped; a new
        // `?` replaced the guard (the error test is gone, but the fn still leaves on it); a test fn.
        List<Finding> f = RuleRun.on(er8, "src/pump.rs", """
                  impl Pump {
                      fn step(&mut self, res: Result<(), E>) -> Option<Result<(), E>> {
                -         if res.is_err() || self.queue.is_empty() {
                +         if res.is_err() {
                +             return Some(res);
                +         }
                +         if self.queue.is_empty() {
                              return Some(res);
                          }
                          None
                      }
                      fn next(&mut self) -> Option<u32> {
                -         if self.closed || self.queue.is_empty() {
                +         if self.queue.is_empty() {
                              return None;
                          }
                          self.queue.pop()
                      }
                      fn run(&mut self) -> Result<(), E> {
                -         let r = self.io.flush();
                -         if r.is_err() {
                -             return r;
                -         }
                +         self.io.flush()?;
                          self.done = true;
                          Ok(())
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
