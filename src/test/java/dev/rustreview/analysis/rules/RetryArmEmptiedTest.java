package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC27: an arm of a lock-free retry loop that left the loop, emptied. */
class RetryArmEmptiedTest {

    private final RetryArmEmptied rule = new RetryArmEmptied();

    /** papaya's HashMap insert with its fix (93715908) reversed. */
    private static final String INSERT = """
              use std::sync::atomic::Ordering;
              impl<K, V, S> HashMap<K, V, S> {
                  fn insert_at(&self, mut probe: Probe, mut entry: Entry, new_entry: Entry, guard: &Guard) -> Result {
                      'probe: loop {
                          let found = guard.protect(self.table.entry(probe.i), Ordering::Acquire);
                          loop {
                              match self.update_at(probe.i, entry, new_entry, guard) {
                                  UpdateStatus::Replaced(entry) => return Result::Replaced(entry),
                                  UpdateStatus::Found(EntryStatus::Copied(_)) => break 'probe,
            -                     UpdateStatus::Found(EntryStatus::Null) => {
            -                         probe.next();
            -                         continue 'probe;
            -                     }
            +                     UpdateStatus::Found(EntryStatus::Null) => {}
                                  UpdateStatus::Found(EntryStatus::Value(found)) => entry = found,
                              }
                          }
                      }
                      Result::Resize
                  }
              }
            """;

    @Test
    void aDeletedEntryNowMakesTheUpdateLoopSpin() {
        List<Finding> f = RuleRun.on(rule, "src/raw/mod.rs", INSERT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC27", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo(
                "`UpdateStatus::Found(EntryStatus::Null)` in `insert_at` no longer leaves the loop");
    }

    @Test
    void quietOutsideLoopsAtomicFilesOrWhenTheArmStillDoesSomething() {
        // not inside a loop: an empty arm just does nothing
        assertThat(RuleRun.on(rule, "src/raw/mod.rs", INSERT
                .replace("          loop {\n", "          {\n").replace("'probe: loop {", "'probe: {"))).isEmpty();
        // a file without atomic orderings
        assertThat(RuleRun.on(rule, "src/raw/mod.rs", INSERT
                .replace("use std::sync::atomic::Ordering;", "use std::cmp::Ordering;")
                .replace("Ordering::Acquire", "Ordering::Less"))).isEmpty();
        // the arm still moves on, or it never left the loop
        assertThat(RuleRun.on(rule, "src/raw/mod.rs", INSERT.replace(
                "+                     UpdateStatus::Found(EntryStatus::Null) => {}",
                "+                     UpdateStatus::Found(EntryStatus::Null) => { probe.next(); }"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/raw/mod.rs", INSERT.replace(
                "-                         continue 'probe;", "-                         probe.reset();"))).isEmpty();
        // an arm deleted from one loop while an empty arm of the same pattern stays, unchanged, in another
        assertThat(RuleRun.on(rule, "src/lock.rs", """
                  fn acquire(&self) {
                      loop {
                          match self.a.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire) {
                -             Err(_) => {
                -                 continue;
                -             }
                              Ok(_) => break,
                          }
                      }
                      loop {
                          match self.b.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire) {
                              Err(_) => {}
                              Ok(_) => break,
                          }
                      }
                  }
                """)).isEmpty();
        // an arm emptied that never left its loop, while an unchanged arm of the same pattern elsewhere leaves
        assertThat(RuleRun.on(rule, "src/lock.rs", """
                  fn acquire(&self) {
                      loop {
                          match self.a.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire) {
                              Err(_) => {
                                  continue;
                              }
                              Ok(_) => break,
                          }
                      }
                      loop {
                          match self.b.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire) {
                -             Err(_) => {
                -                 self.retries.fetch_add(1, Ordering::Relaxed);
                -             }
                +             Err(_) => {}
                              Ok(_) => break,
                          }
                      }
                  }
                """)).isEmpty();
        // hyper d32b294f: a bare `continue` at the end of the loop body removed for clippy's needless_continue
        assertThat(RuleRun.on(rule, "src/proto/h2/upgrade.rs", """
                  fn poll_read(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                      let n = self.count.load(Ordering::Acquire);
                      self.buf = loop {
                          match ready!(self.recv_stream.poll_data(cx)) {
                              None => return Poll::Ready(Ok(())),
                -             Some(Ok(buf)) if buf.is_empty() && !self.recv_stream.is_end_stream() => {
                -                 continue
                -             }
                +             Some(Ok(buf)) if buf.is_empty() && !self.recv_stream.is_end_stream() => {}
                              Some(Ok(buf)) => break buf,
                          }
                      };
                      Poll::Ready(Ok(()))
                  }
                """)).isEmpty();
    }
}
