package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC15: a change weakens an atomic ordering or deletes a fence. */
class OrderingWeakenedTest {

    private final OrderingWeakened cc15 = new OrderingWeakened();

    private List<Finding> weakenings(String path, String diff) {
        return RuleRun.on(cc15, path, diff);
    }

    @Test
    void aSuccessAndAFailureOrderingWeakenedInAMultiLineChainAreBothSeen() {
        // A debt-slot protocol in the shape of arc-swap's (the fixes 9d87160c and bd5d3276 reversed).
        List<Finding> f = weakenings("src/debt/mod.rs", """
                  use std::sync::atomic::{AtomicUsize, Ordering::*};
                  pub(crate) struct Debt(AtomicUsize);
                  impl Debt {
                      pub(crate) const NONE: usize = 0b11;
                      pub(crate) fn pay(&self, ptr: usize) -> bool {
                          self.0
                              // the Release works as a kind of mutex
                -             .compare_exchange(ptr, Self::NONE, SeqCst, Acquire)
                +             .compare_exchange(ptr, Self::NONE, Release, Relaxed)
                              .is_ok()
                      }
                      pub(crate) fn confirm(&self, storage: &AtomicUsize) -> usize {
                -         let candidate = storage.load(SeqCst);
                +         let candidate = storage.load(Acquire);
                          self.0.store(candidate, SeqCst);
                          candidate
                      }
                      pub(crate) fn publish(&self, ready: &AtomicUsize) {
                -         ready.store(1, SeqCst);
                +         ready.store(1, Relaxed);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(
                tuple("CC15", MEDIUM, NEW, 8, 8),
                tuple("CC15", MEDIUM, NEW, 12, 12),
                tuple("CC15", MEDIUM, NEW, 17, 17));
        assertThat(f.get(0).title()).isEqualTo(
                "Atomic ordering weakened: `self.0.compare_exchange(SeqCst, Acquire)` is now "
                        + "`self.0.compare_exchange(Release, Relaxed)`");
        assertThat(f.get(0).explanation()).contains("no longer acquires").contains("single order of SeqCst")
                .doesNotContain("no longer releases");
        assertThat(f.get(1).explanation()).doesNotContain("no longer acquires").contains("single order of SeqCst");
        assertThat(f.get(1).title()).isEqualTo(
                "Atomic ordering weakened: `storage.load(SeqCst)` is now `storage.load(Acquire)`");
        assertThat(f.get(2).explanation()).contains("no longer releases").contains("single order of SeqCst")
                .doesNotContain("no longer acquires");
    }

    @Test
    void aFenceDeletedFromAFnThatStillUsesAtomicsIsReportedOnItsOldLine() {
        List<Finding> f = weakenings("src/queue.rs", """
                  use std::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
                  pub struct Flag { ready: AtomicBool, value: AtomicUsize }
                  impl Flag {
                      pub fn publish(&self, v: usize) {
                          self.value.store(v, Ordering::Relaxed);
                -         fence(Ordering::Release);
                          self.ready.store(true, Ordering::Relaxed);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC15", MEDIUM, OLD, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`fence(Release)` removed from `publish`, which still uses atomics");
    }

    /** x86_64 659c8712 reversed: the `sti`/`cli` wrappers lose the compiler fences their fix added. */
    @Test
    void aFenceDeletedBesideInlineAssemblyIsReportedButNotFromAFnWithNeither() {
        String diff = """
                  use core::arch::asm;
                  use core::sync::atomic::{compiler_fence, Ordering};
                  pub fn enable() {
                -     // Prevent earlier writes to be moved beyond this point
                -     compiler_fence(Ordering::Release);
                      unsafe {
                          asm!("sti", options(nomem, nostack));
                      }
                  }
                  pub fn reset(buf: &mut [u8]) {
                -     compiler_fence(Ordering::SeqCst);
                      buf.fill(0);
                  }
                """;
        List<Finding> f = weakenings("src/instructions/interrupts.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC15", MEDIUM, OLD, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`compiler_fence(Release)` removed from `enable`, which still uses inline "
                + "assembly");
        assertThat(RuleRun.shape(weakenings("src/mmio.rs", diff.replace("asm!(\"sti\", options(nomem, nostack));",
                "core::ptr::write_volatile(REG, 1);")))).containsExactly(tuple("CC15", MEDIUM, OLD, 5, 5));
    }

    @Test
    void strengthenedUnchangedRewrittenOrReshuffledOrderingsAreQuiet() {
        List<Finding> f = weakenings("src/counter.rs", """
                  use std::sync::atomic::{fence, AtomicUsize, Ordering};
                  pub struct Counter { hits: AtomicUsize, gen: AtomicUsize }
                  impl Counter {
                      pub fn strengthen(&self) -> usize {
                -         self.hits.load(Ordering::Relaxed)
                +         self.hits.load(Ordering::SeqCst)
                      }
                      pub fn unchanged_op_other_line_changed(&self) -> usize {
                -         let n = 1;
                +         let n = 2;
                          self.hits.fetch_add(n, Ordering::Relaxed)
                      }
                      pub fn one_more_op_so_pairs_are_a_guess(&self) {
                -         self.gen.store(1, Ordering::SeqCst);
                +         self.gen.store(1, Ordering::Relaxed);
                +         self.gen.store(2, Ordering::SeqCst);
                      }
                      pub fn atomics_gone(&self) -> usize {
                -         fence(Ordering::SeqCst);
                -         self.hits.load(Ordering::SeqCst)
                +         0
                      }
                      pub fn fence_moved(&self) {
                -         fence(Ordering::Acquire);
                          self.gen.store(3, Ordering::Release);
                +         fence(Ordering::Acquire);
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void testFnsAndFilesUnderTestPathsAreLeftAlone() {
        String diff = """
                  use std::sync::atomic::{AtomicUsize, Ordering};
                  fn bump(n: &AtomicUsize) {
                -     n.fetch_add(1, Ordering::SeqCst);
                +     n.fetch_add(1, Ordering::Relaxed);
                  }
                """;
        assertThat(weakenings("tests/loom.rs", diff)).isEmpty();
        assertThat(weakenings("src/lib.rs", "  #[cfg(test)]\n  mod tests {\n" + diff.lines()
                .map(l -> l.substring(0, 2) + "    " + l.substring(2)).reduce("", (a, b) -> a + b + "\n") + "  }\n"))
                .isEmpty();
        assertThat(RuleRun.shape(weakenings("src/lib.rs", diff))).containsExactly(tuple("CC15", MEDIUM, NEW, 3, 3));
    }
}
