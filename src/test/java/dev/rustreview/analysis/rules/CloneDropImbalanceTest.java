package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS7: Clone that does not count what Drop takes off a shared count. */
class CloneDropImbalanceTest {

    private final CloneDropImbalance ss7 = new CloneDropImbalance();

    @Test
    void aDerivedCloneReplacesTheCountingOneWhileDropStillDecrements() {
        // async-broadcast's InactiveReceiver with its fix (7a7d8ca7) reversed.
        List<Finding> f = RuleRun.on(ss7, "src/lib.rs", """
                  use std::sync::{Arc, Mutex};
                  struct Inner<T> { queue: Vec<T>, inactive_receiver_count: usize }
                  /// A receiver that keeps the channel open.
                - #[derive(Debug)]
                + #[derive(Debug, Clone)]
                  pub struct InactiveReceiver<T> {
                      inner: Arc<Mutex<Inner<T>>>,
                  }
                  impl<T> InactiveReceiver<T> {
                      pub fn receiver_count(&self) -> usize {
                          self.inner.lock().unwrap().inactive_receiver_count
                      }
                  }
                - impl<T> Clone for InactiveReceiver<T> {
                -     fn clone(&self) -> Self {
                -         if let Ok(mut inner) = self.inner.lock() {
                -             inner.inactive_receiver_count += 1;
                -         }
                -         InactiveReceiver { inner: self.inner.clone() }
                -     }
                - }
                  impl<T> Drop for InactiveReceiver<T> {
                      fn drop(&mut self) {
                          if let Ok(mut inner) = self.inner.lock() {
                              inner.inactive_receiver_count -= 1;
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS7", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`InactiveReceiver` is cloned without counting, but its `Drop` does `inner.inactive_receiver_count -= ..`");
    }

    @Test
    void aHandWrittenCloneThatOnlyClonesFieldsNextToAnAtomicDecrement() {
        List<Finding> f = RuleRun.on(ss7, "src/handle.rs", """
                  use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
                  pub struct Handle { shared: Arc<Shared> }
                + impl Clone for Handle {
                +     fn clone(&self) -> Self {
                +         Handle { shared: Arc::clone(&self.shared) }
                +     }
                + }
                  impl Drop for Handle {
                      fn drop(&mut self) {
                          if self.shared.handles.fetch_sub(1, Ordering::AcqRel) == 1 {
                              self.shared.close();
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS7", MEDIUM, NEW, 3, 3));
    }

    @Test
    void quietWhenCloneCountsOrCallsAHelperDropOnlyTouchesItsOwnFieldOrNothingChanged() {
        List<Finding> f = RuleRun.on(ss7, "src/lib.rs", """
                  #[derive(Clone)]
                  pub struct Sender { shared: Arc<Shared> }
                  impl Drop for Sender {
                      fn drop(&mut self) {
                          self.shared.senders.fetch_sub(1, Ordering::AcqRel);
                      }
                  }
                  pub struct Counted { shared: Arc<Shared> }
                  impl Clone for Counted {
                      fn clone(&self) -> Self {
                -         Counted { shared: self.shared.clone() }
                +         self.shared.count.fetch_add(1, Ordering::Relaxed);
                +         Counted { shared: self.shared.clone() }
                      }
                  }
                  impl Drop for Counted {
                      fn drop(&mut self) { self.shared.count.fetch_sub(1, Ordering::AcqRel); }
                  }
                  pub struct Helper { shared: Arc<Shared> }
                  impl Clone for Helper {
                +     fn clone(&self) -> Self { Helper { shared: self.shared.register() } }
                  }
                  pub struct Rx { shared: Arc<Shared>, version: u64 }
                  impl Clone for Rx {
                +     fn clone(&self) -> Self { Self::from_shared(self.version, self.shared.clone()) }
                  }
                  impl Drop for Rx {
                      fn drop(&mut self) { self.shared.ref_count_rx.fetch_sub(1, Ordering::Relaxed); }
                  }
                  impl Drop for Helper {
                      fn drop(&mut self) { self.shared.count.fetch_sub(1, Ordering::AcqRel); }
                  }
                + #[derive(Clone)]
                  pub struct Drain { len: usize, buf: Vec<u8> }
                  impl Drop for Drain {
                      fn drop(&mut self) { self.len -= 1; }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void theIncrementRemovedFromAHandWrittenCloneIsEnough() {
        List<Finding> f = RuleRun.on(ss7, "src/rx.rs", """
                  pub struct Rx { shared: Arc<Mutex<Shared>> }
                  impl Clone for Rx {
                      fn clone(&self) -> Self {
                -         self.shared.lock().unwrap().receivers += 1;
                          Rx { shared: self.shared.clone() }
                      }
                  }
                  impl Drop for Rx {
                      fn drop(&mut self) { self.shared.lock().unwrap().receivers -= 1; }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS7", MEDIUM, NEW, 2, 2));
    }
}
