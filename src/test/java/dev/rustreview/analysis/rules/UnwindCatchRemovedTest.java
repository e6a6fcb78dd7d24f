package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN9: a catch_unwind taken out of a fn that stays. */
class UnwindCatchRemovedTest {

    private final UnwindCatchRemoved pn9 = new UnwindCatchRemoved();

    @Test
    void aCatchUnwindRemovedFromAFnCCodeCallsIsHigh() {
        // rusqlite a0b410eb reversed: SQLite's C code calls this; the user's extension now panics through it.
        List<Finding> f = RuleRun.on(pn9, "src/auto_extension.rs", """
                  use std::os::raw::{c_char, c_int};
                  pub type AutoExtension = fn(Connection) -> Result<()>;
                  pub unsafe fn init_auto_extension(
                      db: *mut ffi::sqlite3,
                      pz_err_msg: *mut *mut c_char,
                      ax: AutoExtension,
                  ) -> c_int {
                -     let r = catch_unwind(|| {
                -         let c = Connection::from_handle(db);
                -         c.and_then(ax)
                -     })
                -     .unwrap_or_else(|_| Err(Error::UnwindingPanic));
                -     match r {
                +     let c = Connection::from_handle(db);
                +     match c.and_then(ax) {
                          Err(e) => to_sqlite_error(&e, pz_err_msg),
                          _ => ffi::SQLITE_OK,
                      }
                  }
                  pub fn register(ax: AutoExtension) -> Result<()> {
                      check(unsafe { ffi::sqlite3_auto_extension(Some(trampoline)) })
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN9", HIGH, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`init_auto_extension` no longer catches a panic with `catch_unwind`");
    }

    @Test
    void aCatchUnwindRemovedFromAWorkerLoopIsMedium() {
        List<Finding> f = RuleRun.on(pn9, "src/pool.rs", """
                  impl Worker {
                      fn run(&self) {
                          while let Some(job) = self.queue.pop() {
                -             let _ = std::panic::catch_unwind(AssertUnwindSafe(|| job.call()));
                +             job.call();
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN9", MEDIUM, NEW, 4, 4));
    }

    @Test
    void aCatchUnwindThatStaysMovedOrDeletedWithItsFnIsNotReported() {
        // Hard negatives: reformatted in place (same count); a fn deleted whole; a new catch_unwind added; one moved
        // to a helper the fn reaches through another (tokio's harness: poll -> poll_inner -> poll_future).
        List<Finding> f = RuleRun.on(pn9, "src/pool.rs", """
                  impl Worker {
                      fn run(&self) {
                -         let r = catch_unwind(AssertUnwindSafe(|| self.job()));
                +         let r = std::panic::catch_unwind(
                +             AssertUnwindSafe(|| self.job()));
                          self.report(r);
                      }
                -     fn old(&self) {
                -         let _ = catch_unwind(|| self.tick());
                -     }
                      fn tick(&self) {
                -         self.step();
                +         let _ = catch_unwind(AssertUnwindSafe(|| self.step()));
                      }
                      fn poll(self) {
                -         let res = catch_unwind(AssertUnwindSafe(|| self.core().poll()));
                -         self.complete(res);
                +         match self.poll_inner() {
                +             PollFuture::Complete => self.complete(),
                +             PollFuture::Done => (),
                +         }
                      }
                      fn poll_inner(&self) -> PollFuture {
                +         poll_future(self.core())
                      }
                  }
                  fn poll_future<T: Future>(core: &Core<T>) -> PollFuture {
                +     let output = catch_unwind(AssertUnwindSafe(|| core.poll()));
                +     PollFuture::from(output)
                  }
                """);
        assertThat(f).isEmpty();
    }
}
