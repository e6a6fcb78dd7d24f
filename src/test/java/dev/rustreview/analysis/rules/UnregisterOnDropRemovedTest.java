package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS9: a Drop that removed its value's entry from a shared collection no longer does, and the file still adds. */
class UnregisterOnDropRemovedTest {

    private final UnregisterOnDropRemoved ss9 = new UnregisterOnDropRemoved();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(ss9, path, diff);
    }

    @Test
    void aReadHandleWhoseDropNoLongerFreesItsEpochSlotIsReported() {
        // The shape of evmap 78cf5027 reversed: the Drop goes whole, the constructor still pushes.
        List<Finding> f = run("src/read/mod.rs", """
                  use std::sync::{atomic::AtomicUsize, Arc, Mutex};
                  pub(crate) type Epochs = Arc<Mutex<slab::Slab<Arc<AtomicUsize>>>>;
                  pub struct ReadHandle { epochs: Epochs, epoch: Arc<AtomicUsize>, epoch_i: usize }
                - impl Drop for ReadHandle {
                -     fn drop(&mut self) {
                -         let e = self.epochs.lock().unwrap().remove(self.epoch_i);
                -         assert!(Arc::ptr_eq(&e, &self.epoch));
                -     }
                - }
                  impl ReadHandle {
                      pub(crate) fn new(epochs: Epochs) -> Self {
                          let epoch = Arc::new(AtomicUsize::new(0));
                          let epoch_i = epochs.lock().unwrap().insert(Arc::clone(&epoch));
                          Self { epochs, epoch, epoch_i }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS9", MEDIUM, OLD, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`Drop` of `ReadHandle` no longer removes its entry from `epochs`");
        assertThat(f.get(0).explanation()).contains("`.insert(..)`, line 7");
    }

    @Test
    void aDropThatStaysButStopsUnregisteringIsReported() {
        List<Finding> f = run("src/subscription.rs", """
                  pub struct Registry { subs: std::sync::Mutex<Vec<u64>> }
                  pub struct Subscription<'a> { registry: &'a Registry, id: u64 }
                  impl Registry {
                      pub fn subscribe(&self, id: u64) -> Subscription<'_> {
                          self.subs.lock().unwrap().push(id);
                          Subscription { registry: self, id }
                      }
                  }
                  impl Drop for Subscription<'_> {
                      fn drop(&mut self) {
                -         let id = self.id;
                -         self.registry.subs.lock().unwrap().retain(|s| *s != id);
                +         tracing::debug!("subscription dropped");
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS9", MEDIUM, OLD, 12, 12));
    }

    @Test
    void movedRemovalsCollectionsNoLongerFilledAndTestCodeAreQuiet() {
        // The removal moved into a helper call kept in the same file; a Drop removed along with every insertion; a
        // test-only Drop.
        assertThat(run("src/pool.rs", """
                  pub struct Pool { slots: std::sync::Mutex<slab::Slab<u8>> }
                  pub struct Lease<'a> { pool: &'a Pool, key: usize }
                  impl Pool {
                      pub fn lease(&self) -> Lease<'_> {
                          let key = self.slots.lock().unwrap().insert(0);
                          Lease { pool: self, key }
                      }
                +     fn give_back(&self, key: usize) {
                +         self.slots.lock().unwrap().remove(key);
                +     }
                  }
                  impl Drop for Lease<'_> {
                      fn drop(&mut self) {
                -         self.pool.slots.lock().unwrap().remove(self.key);
                +         self.pool.give_back(self.key);
                      }
                  }
                """)).isEmpty();
        assertThat(run("src/cache.rs", """
                  pub struct Cache { entries: std::sync::Mutex<Vec<u64>> }
                  pub struct Entry<'a> { cache: &'a Cache, id: u64 }
                  impl Cache {
                -     pub fn add(&self, id: u64) -> Entry<'_> {
                -         self.entries.lock().unwrap().push(id);
                -         Entry { cache: self, id }
                -     }
                  }
                - impl Drop for Entry<'_> {
                -     fn drop(&mut self) {
                -         self.cache.entries.lock().unwrap().retain(|e| *e != self.id);
                -     }
                - }
                """)).isEmpty();
        assertThat(run("src/lib.rs", """
                  #[cfg(test)]
                  mod tests {
                      struct Probe { log: std::sync::Mutex<Vec<u8>> }
                      fn fill(p: &Probe) { p.log.lock().unwrap().push(1); }
                      impl Drop for Probe {
                          fn drop(&mut self) {
                -             self.log.lock().unwrap().remove(0);
                          }
                      }
                  }
                """)).isEmpty();
    }
}
