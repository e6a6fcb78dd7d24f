package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import org.junit.jupiter.api.Test;

class CondvarMisuseTest {

    private final CondvarMisuse rule = new CondvarMisuse();

    @Test
    void waitInAnIfInsteadOfAWhile() {
        assertSingle(rule, Snippet.added("""
                use std::sync::{Condvar, Mutex};
                fn wait_ready(lock: &Mutex<bool>, cvar: &Condvar) {
                    let mut ready = lock.lock().unwrap();
                    if !*ready {
                        ready = cvar.wait(ready).unwrap();
                    }
                }
                """), "CC5", Severity.HIGH, 5, 5);
    }

    @Test
    void waitTimeoutOnAKnownCondvarField() {
        assertSingle(rule, Snippet.added("""
                use std::sync::{Condvar, Mutex};
                struct Gate { open: Mutex<bool>, cv: Condvar }
                impl Gate {
                    fn pass(&self) {
                        let g = self.open.lock().unwrap();
                        let (g, _) = self.cv.wait_timeout(g, Duration::from_secs(1)).unwrap();
                    }
                }
                """), "CC5", Severity.HIGH, 6, 6);
    }

    @Test
    void notifyAfterAnAtomicFlagSetOutsideTheMutex() {
        assertSingle(rule, Snippet.added("""
                use std::sync::Condvar;
                struct Gate { done: AtomicBool, cvar: Condvar }
                impl Gate {
                    fn finish(&self) {
                        self.done.store(true, Ordering::Release);
                        self.cvar.notify_all();
                    }
                }
                """), "CC5", Severity.HIGH, 5, 6);
    }

    @Test
    void waitInAWhileLoopOrWaitWhileIsFine() {
        assertNone(rule, Snippet.added("""
                use std::sync::{Condvar, Mutex};
                fn wait_ready(lock: &Mutex<bool>, cvar: &Condvar) {
                    let mut ready = lock.lock().unwrap();
                    while !*ready {
                        ready = cvar.wait(ready).unwrap();
                    }
                    let g = cvar.wait_while(lock.lock().unwrap(), |r| !*r).unwrap();
                }
                """));
    }

    @Test
    void flagSetUnderTheLockIsFine() {
        assertNone(rule, Snippet.added("""
                use std::sync::Condvar;
                fn finish(&self) {
                    let mut done = self.done.lock().unwrap();
                    *done = true;
                    self.count.fetch_add(1, Ordering::Relaxed);
                    drop(done);
                    self.cvar.notify_all();
                }
                """));
    }

    @Test
    void tokioNotifyAndUntouchedCodeAreNotReported() {
        // The file names Condvar, so only the receiver's declared type (tokio's Notify keeps a permit) clears it.
        assertNone(rule, Snippet.added("""
                use std::sync::Condvar;
                use tokio::sync::Notify;
                struct Shutdown { done: AtomicBool, notify: Notify, idle: Condvar }
                impl Shutdown {
                    fn finish(&self) {
                        self.done.store(true, Ordering::Release);
                        self.notify.notify_one();
                        self.notify.notify_waiters();
                        child.wait(handle);
                    }
                }
                """));
        assertNone(rule, Snippet.of("src/gate.rs", """
                  use std::sync::{Condvar, Mutex};
                  fn wait_ready(lock: &Mutex<bool>, cvar: &Condvar) {
                      let mut ready = lock.lock().unwrap();
                      if !*ready { ready = cvar.wait(ready).unwrap(); }
                  }
                + fn other() {}
                """));
    }

    /** restate d4131d72 reversed: the notification future is made only after the reservation failed. */
    private static final String BUDGET = """
              impl Stream for BudgetedStateStream<'_> {
                  fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                      let mut this = self.project();
                      loop {
                          if *this.pending_deficit > 0 {
                              let deficit = *this.pending_deficit;
            -                 if this.notified.as_mut().as_pin_mut().is_none() {
            -                     this.notified.set(Some(this.budget.availability_notified()));
            -                 }
                              if let Some(extra) = this.budget.try_reserve(deficit) {
                                  this.lease.merge(extra);
                                  *this.pending_deficit = 0;
                              } else {
            -                     match this.notified.as_mut().as_pin_mut().unwrap().poll(cx) {
            -                         Poll::Ready(()) => continue,
            -                         Poll::Pending => return Poll::Pending,
            -                     }
            +                     this.notified.set(Some(this.budget.availability_notified()));
            +                     let _ = this.notified.as_mut().as_pin_mut().unwrap().poll(cx);
            +                     return Poll::Pending;
                              }
                          }
                          return this.produce_next();
                      }
                  }
              }
            """;

    @Test
    void aNotificationFutureMadeOnlyAfterTheFailedAttempt() {
        var f = RuleRun.on(rule, "crates/partition-store/src/state_table/mod.rs", BUDGET);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC5", Severity.MEDIUM, Side.NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`availability_notified()` now made after `try_reserve(..)` in `poll_next`");
        // the fix direction
        assertThat(RuleRun.on(rule, "src/state_table.rs", BUDGET.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // made after the attempt in both versions: nothing moved
        assertThat(RuleRun.on(rule, "src/state_table.rs", BUDGET
                .replace("-                 if this.notified.as_mut().as_pin_mut().is_none() {\n", "")
                .replace("-                     this.notified.set(Some(this.budget.availability_notified()));\n"
                        + "-                 }\n", "")
                .replace("-                     match this.notified", "-                     this.notified.set(Some(this.budget.availability_notified()));\n"
                        + "-                     match this.notified"))).isEmpty();
    }
}
