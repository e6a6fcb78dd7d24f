package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US26: the limit check on an atomic count removed while the fn still increments it. */
class CountLimitRemovedTest {

    private final CountLimitRemoved rule = new CountLimitRemoved();

    /** portable-atomic-util's Arc with the fix (503f3fef) reversed. */
    private static final String ARC = """
              impl<T: ?Sized> Arc<T> {
                  pub fn downgrade(this: &Self) -> Weak<T> {
                      let mut cur = this.inner().weak().load(Relaxed);
                      loop {
                          if cur == core::usize::MAX {
                              cur = this.inner().weak().load(Relaxed);
                              continue;
                          }
            -             assert!(cur <= MAX_REFCOUNT, "Arc counter overflow");
                          match this.inner().weak().compare_exchange_weak(cur, cur + 1, Acquire, Relaxed) {
                              Ok(_) => return unsafe { Weak::from_inner(this.shared) },
                              Err(x) => cur = x,
                          }
                      }
                  }
                  fn clone(&self) -> Self {
                      let old_size = self.inner().strong.fetch_add(1, Relaxed);
            -         if old_size > MAX_REFCOUNT {
            -             abort();
            -         }
                      unsafe { Self::from_inner(self.ptr) }
                  }
              }
              impl<T: ?Sized> Weak<T> {
                  pub fn upgrade(&self) -> Option<Arc<T>> {
                      let mut strong = self.inner()?.strong.load(Relaxed);
                      loop {
            -             assert!(strong <= MAX_REFCOUNT, "Arc counter overflow");
            +             if strong > MAX_REFCOUNT {
            +                 abort();
            +             }
                          match self.inner()?.strong.compare_exchange_weak(strong, strong + 1, Acquire, Relaxed) {
                              Ok(_) => return Some(unsafe { Arc::from_inner(self.ptr) }),
                              Err(old) => strong = old,
                          }
                      }
                  }
              }
            """;

    @Test
    void aLimitCheckRemovedBeforeOrAfterTheIncrementIsReported() {
        List<Finding> f = RuleRun.on(rule, "portable-atomic-util/src/arc.rs", ARC);
        // upgrade still compares `strong` with the maximum (it aborts instead of panicking)
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US26", HIGH, NEW, 9, 9), tuple("US26", HIGH, NEW, 16, 16));
        assertThat(f.get(0).title()).isEqualTo("`downgrade` increments `cur` without its limit check");
        assertThat(f.get(1).title()).isEqualTo("`clone` increments `old_size` without its limit check");
    }

    @Test
    void aCheckOnAPlainCounterOrTheFixDirectionIsNotReported() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  impl Counter {
                      fn bump(&mut self) {
                -         assert!(self.n < MAX_COUNT);
                          self.n = self.n + 1;
                      }
                  }
                """)).isEmpty();
        String fix = RuleRun.diff("""
                fn downgrade(w: &AtomicUsize) {
                    let cur = w.load(Relaxed);
                    let _ = w.compare_exchange(cur, cur + 1, Acquire, Relaxed);
                }
                """, """
                fn downgrade(w: &AtomicUsize) {
                    let cur = w.load(Relaxed);
                    assert!(cur <= MAX_REFCOUNT);
                    let _ = w.compare_exchange(cur, cur + 1, Acquire, Relaxed);
                }
                """);
        assertThat(RuleRun.on(rule, "src/lib.rs", fix)).isEmpty();
    }
}
