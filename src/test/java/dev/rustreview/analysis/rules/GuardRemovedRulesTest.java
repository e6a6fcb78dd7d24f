package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * (Snippet drops blank lines, so line numbers count only the written ones.)
 * A statement taken out of the condition that guarded it ({@link Unguarded}): unsafe code (US7), a panic (PN3)
 * and an await (AL6); each with the refactors that keep the guard in other words and must stay quiet.
 */
class GuardRemovedRulesTest {

    private final UnsafeUnguarded us7 = new UnsafeUnguarded();
    private final PanicUnguarded pn3 = new PanicUnguarded();
    private final AwaitUnguarded al6 = new AwaitUnguarded();

    private static final String CACHE = """
              use std::sync::Mutex;
              struct Page<T> {
                  slots: Mutex<Vec<T>>,
              }
              struct CachedPage<T> {
                  ptr: *const T,
                  len: usize,
              }
              impl<T> CachedPage<T> {
                  fn get(&self, i: usize) -> Option<&T> {
                      if i < self.len {
                          Some(unsafe { &*self.ptr.add(i) })
                      } else {
                          None
                      }
                  }
                  fn refresh(&mut self, page: &Page<T>) {
                      let slots = page.slots.lock().unwrap();
            %s
                  }
              }
            """;

    @Test
    void us7RawPointerCachedUnconditionallyOnceItsEmptinessCheckIsGone() {
        List<Finding> f = RuleRun.on(us7, "src/util/slab.rs", CACHE.formatted("""
            -         if !slots.is_empty() {
            -             self.ptr = slots.as_ptr();
            -             self.len = slots.len();
            -         }
            +         self.ptr = slots.as_ptr();
            +         self.len = slots.len();"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US7", MEDIUM, NEW, 19, 19));
        assertThat(f.get(0).title()).isEqualTo("`unsafe` code in `refresh` no longer behind `if !slots.is_empty()`");
        assertThat(f.get(0).explanation()).contains("`self.ptr = slots.as_ptr()`");
    }

    @Test
    void us7QuietWhenTheCheckBecomesAnEarlyReturnOrStaysInOtherWords() {
        assertThat(RuleRun.on(us7, "src/util/slab.rs", CACHE.formatted("""
            -         if !slots.is_empty() {
            -             self.ptr = slots.as_ptr();
            -             self.len = slots.len();
            -         }
            +         if slots.is_empty() {
            +             return;
            +         }
            +         self.ptr = slots.as_ptr();
            +         self.len = slots.len();"""))).isEmpty();
        // Reworded guard, statement still nested: not a removal.
        assertThat(RuleRun.on(us7, "src/util/slab.rs", CACHE.formatted("""
            -         if !slots.is_empty() {
            +         if slots.len() > 0 {
                          self.ptr = slots.as_ptr();
                          self.len = slots.len();
                      }"""))).isEmpty();
    }

    @Test
    void us7SeesAnUnsafeCastInAFnWrittenInsideAMacroRulesBody() {
        List<Finding> f = RuleRun.on(us7, "src/atomic/cell.rs", """
              macro_rules! impl_add {
                  ($t:ty, $atomic:ty) => {
                      impl AtomicCell<$t> {
                          pub fn fetch_add(&self, val: $t) -> $t {
            -                 if fits::<$t, $atomic>() {
            -                     let a = unsafe { &*(self.value.get() as *const $atomic) };
            -                     a.fetch_add(val, Ordering::AcqRel)
            -                 } else {
            -                     let _guard = lock(self.value.get() as usize).write();
            -                     let value = unsafe { &mut *(self.value.get()) };
            -                     let old = *value;
            -                     *value = value.wrapping_add(val);
            -                     old
            -                 }
            +                 let a = unsafe { &*(self.value.get() as *const $atomic) };
            +                 a.fetch_add(val, Ordering::AcqRel)
                          }
                      }
                  };
              }
            """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US7", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).contains("no longer behind `if fits::<$t, $atomic>()`");
    }

    private static final String POOL = """
              impl Inner {
                  fn run(&self, id: usize) {
                      let mut shared = self.shared.lock();
            %s
                      loop {
                          self.metrics.inc_idle();
            %s
                          let (guard, timeout) = self.condvar.wait_timeout(shared, self.keep_alive).unwrap();
                          shared = guard;
                          if shared.notified > 0 {
                              shared.notified -= 1;
            %s
                              break;
                          }
                          if timeout.timed_out() {
                              break;
                          }
                      }
            %s
                  }
                  fn metrics(&self) -> &Metrics {
                      &self.metrics
                  }
              }
            """;

    @Test
    void pn3AssertOnACounterMadeUnconditionalWhenTheFlagThatGuardedItGoes() {
        List<Finding> f = RuleRun.on(pn3, "src/runtime/blocking/pool.rs", POOL.formatted(
                "-         let mut counted_idle;",
                "-             counted_idle = true;",
                "-                 counted_idle = false;",
                """
            -         if counted_idle {
            -             let prev = self.metrics.dec_idle();
            -             assert_ne!(prev, 0, "idle count underflow");
            -         }
            +         let prev = self.metrics.dec_idle();
            +         assert_ne!(prev, 0, "idle count underflow");"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN3", MEDIUM, NEW, 17, 17));
        assertThat(f.get(0).title()).isEqualTo("Panic in `run` no longer behind `if counted_idle`");
    }

    @Test
    void pn3QuietWhenThePanicLeavesALoopOrTheFnIsATest() {
        // Out of a loop, not out of a condition.
        assertThat(RuleRun.on(pn3, "src/lib.rs", """
              fn drain(rx: &Receiver<u32>) {
            -     while let Ok(v) = rx.try_recv() {
            -         assert!(v < 10);
            -     }
            +     let v = rx.try_recv().unwrap_or(0);
            +     assert!(v < 10);
              }
            """)).isEmpty();
        assertThat(RuleRun.on(pn3, "src/lib.rs", """
              #[cfg(test)]
              mod tests {
                  #[test]
                  fn parses() {
                      let v = parse("1");
            -         if v.is_ok() {
            -             assert_eq!(v.unwrap(), 1);
            -         }
            +         assert_eq!(v.unwrap(), 1);
                  }
              }
            """)).isEmpty();
    }

    @Test
    void pn3IndexMadeUnconditionalWhenTheCountCheckAroundItGoes() {
        // raft-rs's Inflights::free_first_one with its fix (e6d28ef0f) reversed: an empty window after a shrink.
        List<Finding> f = RuleRun.on(pn3, "src/tracker/inflights.rs", """
                  impl Inflights {
                      pub fn free_first_one(&mut self) {
                -         if self.count > 0 {
                -             let start = self.buffer[self.start];
                -             self.free_to(start);
                -         }
                +         let start = self.buffer[self.start];
                +         self.free_to(start);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN3", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("Panic in `free_first_one` no longer behind `if self.count > 0`");
    }

    @Test
    void pn3QuietWhenTheConditionAroundAnIndexSaidNothingAboutBoundsOrItWasARange() {
        // A flag is not a bound; a range is PN12's and the slicing rules'; an array literal is not an index.
        assertThat(RuleRun.on(pn3, "src/lib.rs", """
                  fn pick(&mut self) -> u8 {
                -     if self.ready {
                -         let b = self.buf[self.pos];
                -         self.out(b);
                -     }
                +     let b = self.buf[self.pos];
                +     self.out(b);
                      0
                  }
                  fn head(&mut self) {
                -     if self.count > 0 {
                -         let s = &self.buf[1..self.count];
                -         let t = [self.a, self.b];
                -         self.out(s, t);
                -     }
                +     let s = &self.buf[1..self.count];
                +     let t = [self.a, self.b];
                +     self.out(s, t);
                  }
                """)).isEmpty();
    }

    @Test
    void al6AwaitNoLongerBehindTheCancellationCheckInAnElseBranch() {
        List<Finding> f = RuleRun.on(al6, "src/sync/token.rs", """
              impl Token {
                  pub fn is_cancelled(&self) -> bool {
                      self.inner.state.load(Ordering::Acquire) == CANCELLED
                  }
                  pub async fn run_until_cancelled<F: Future>(&self, fut: F) -> Option<F::Output> {
            -         if self.is_cancelled() {
            -             None
            -         } else {
            -             Race {
            -                 cancelled: self.cancelled(),
            -                 fut,
            -             }
            -             .await
            -         }
            +         Race {
            +             cancelled: self.cancelled(),
            +             fut,
            +         }
            +         .await
                  }
              }
            """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL6", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo(
                "`.await` in `run_until_cancelled` no longer behind `else of if self.is_cancelled()`");
    }

    @Test
    void al6QuietWhenAnAwaitLeavesAStreamLoop() {
        assertThat(RuleRun.on(al6, "examples/chat.rs", """
              async fn process(mut peer: Peer) -> io::Result<()> {
            -     while let Some(line) = peer.lines.next().await {
            -         peer.send(&line).await?;
            -     }
            +     let line = first_line(&mut peer).await;
            +     peer.send(&line).await?;
                  Ok(())
              }
            """)).isEmpty();
    }

    /** openraft's recv_msg with its fix (1d5cc706) reversed: the join ran only in the branch of a let-bound if. */
    private static final String RECV_MSG = """
              impl Inner {
                  async fn recv_msg<T>(&self, rx: Rx<T>) -> Result<T, Fatal> {
                      match rx.await {
                          Ok(x) => Ok(x),
                          Err(_) => {
            -                 let fatal = if self.wait_core_stopped(TIMEOUT).await {
            -                     let fatal = self.get_core_stop_error().await;
            -                     fatal
            -                 } else {
            -                     Fatal::Stopped
            -                 };
            +                 let fatal = self.get_core_stop_error().await;
                              Err(fatal)
                          }
                      }
                  }
              }
            """;

    @Test
    void al6AwaitNoLongerBehindTheIfALetBound() {
        List<Finding> f = RuleRun.on(al6, "src/raft/raft_inner.rs", RECV_MSG);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL6", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo(
                "`.await` in `recv_msg` no longer behind `if self.wait_core_stopped(TIMEOUT).await`");
        // the fix direction; the condition's words still in the fn; a let-bound plain block is no condition
        assertThat(RuleRun.on(al6, "src/raft/raft_inner.rs", RECV_MSG.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(al6, "src/raft/raft_inner.rs", RECV_MSG.replace(
                "+                 let fatal = self.get_core_stop_error().await;",
                "+                 self.wait_core_stopped(TIMEOUT).await;\n+                 let fatal = self.get_core_stop_error().await;"))).isEmpty();
        assertThat(RuleRun.on(al6, "src/raft/raft_inner.rs", RECV_MSG.replace(
                "let fatal = if self.wait_core_stopped(TIMEOUT).await {", "let fatal = { self.wait_core_stopped(TIMEOUT).await;")
                .replace("-                 } else {\n-                     Fatal::Stopped\n-                 };", "-                 };"))).isEmpty();
    }

    /** async-graphql's SubscriptionStreams::remove with its fix (aa1b2b61) reversed. */
    private static final String STREAMS = """
              pub struct SubscriptionStreams {
                  streams: Slab<Pin<Box<dyn Stream<Item = Response>>>>,
              }
              impl SubscriptionStreams {
                  pub fn remove(&mut self, id: usize) {
            -         if self.streams.contains(id) {
            -             self.streams.remove(id);
            -         }
            +         self.streams.remove(id);
                  }
              }
            """;

    @Test
    void pn3ASlabRemovalNoLongerBehindItsPresenceCheck() {
        List<Finding> f = RuleRun.on(pn3, "src/subscription/connection.rs", STREAMS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN3", MEDIUM, NEW, 6, 6));
        assertThat(RuleRun.on(pn3, "src/subscription/connection.rs", STREAMS.replace("Slab<", "Vec<")
                .replace("self.streams.contains(id)", "id < self.streams.len()"))).hasSize(1);
        // a map whose remove returns an Option; another key asked for; the fix direction
        assertThat(RuleRun.on(pn3, "src/subscription/connection.rs", STREAMS.replace("Slab<", "HashMap<usize, "))).isEmpty();
        assertThat(RuleRun.on(pn3, "src/subscription/connection.rs", STREAMS.replace("self.streams.contains(id)",
                "self.streams.contains(other)"))).isEmpty();
        assertThat(RuleRun.on(pn3, "src/subscription/connection.rs", STREAMS.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
    }
}
