package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC24: a wake-up sent to another object than before. */
class SignalTargetChangedTest {

    private final SignalTargetChanged rule = new SignalTargetChanged();

    /** papaya's aborted blocking resize with its fix (48487f75) reversed, inside the impl it lives in. */
    private static final String RESIZE = """
              impl<K, V, S> HashMap<K, V, S> {
                  fn help_copy(&self, guard: &impl Guard, table: &Table<K, V>, copy_all: bool) -> Table<K, V> {
                      let next = table.next_table().unwrap();
                      loop {
                          if table.state().status.load(Ordering::Acquire) == State::ABORTED {
                              let allocated = self.get_or_alloc_next(None, next);
                              // Wake anyone waiting for us to finish.
            -                 let state = next.state();
            +                 let state = table.state();
                              state.parker.unpark(&state.status);
                              return allocated;
                          }
                          next.state().parker.park(&next.state().status, |status| status == State::PROMOTED);
                      }
                  }
                  fn wake_readers(&self, readers: &Waiters, writers: &Waiters) {
            -         readers.notify_all();
            +         writers.notify_all();
                      self.count(readers, writers);
                  }
              }
            """;

    @Test
    void theLetThatPicksTheParkerAndTheNotifiedQueueNowNameTheSibling() {
        List<Finding> f = RuleRun.on(rule, "src/raw/mod.rs", RESIZE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC24", MEDIUM, NEW, 8, 8), tuple("CC24", MEDIUM, NEW, 16, 16));
        assertThat(f).extracting(Finding::title).containsExactly(
                "`help_copy` now signals through `table` instead of `next`",
                "`wake_readers` now signals through `writers` instead of `readers`");
    }

    @Test
    void anAtomicLoadThatReadsBackItsOwnSideOfTheRingInsteadOfTheOtherSide() {
        // io-uring's SubmissionQueue::sync with its fix (1a6be75de) reversed: `head` replaced by `tail` twice on the
        // line; the fn no longer names `head`, but the file still reads that field.
        List<Finding> f = RuleRun.on(rule, "src/squeue.rs", """
                  impl SubmissionQueue<'_> {
                      pub fn sync(&mut self) {
                          unsafe {
                              (*self.queue.tail).store(self.tail, atomic::Ordering::Release);
                -             self.head = (*self.queue.head).load(atomic::Ordering::Acquire);
                +             self.tail = (*self.queue.tail).load(atomic::Ordering::Acquire);
                          }
                      }
                      pub fn is_full(&self) -> bool {
                          self.tail.wrapping_sub(self.head) == self.ring_entries
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC24", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`sync` now works on `tail` instead of `head` in an atomic operation");
    }

    @Test
    void quietWhenAFieldIsRenamedAcrossTheFileOrTwoNamesChangeOnTheAtomicLine() {
        assertThat(RuleRun.on(rule, "src/squeue.rs", """
                  impl Queue {
                      pub fn sync(&mut self) {
                          (*self.queue.tail).store(self.tail, Ordering::Release);
                -         self.head = (*self.queue.head).load(Ordering::Acquire);
                +         self.tail = (*self.queue.tail).load(Ordering::Acquire);
                      }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/squeue.rs", """
                  impl Queue {
                      pub fn sync(&mut self) {
                          (*self.queue.tail).store(self.tail, Ordering::Release);
                -         self.head = (*self.queue.head).load(Ordering::Acquire);
                +         self.tail = (*self.ring.tail).load(Ordering::Acquire);
                      }
                      fn full(&self) -> bool { self.tail == self.head && self.queue.ring == 0 }
                  }
                """)).isEmpty();
        // futures-rs 1e6e06cb wrapped a body in `unsafe { .. }`: both loads are re-indented, not rewritten
        assertThat(RuleRun.on(rule, "src/ready_to_run_queue.rs", """
                  unsafe fn dequeue(&self) -> Dequeue {
                -     let mut tail = *self.tail.get();
                -     let mut next = (*tail).next_ready_to_run.load(Acquire);
                -     next = (*next).next_ready_to_run.load(Acquire);
                +     unsafe {
                +         let mut tail = *self.tail.get();
                +         let mut next = (*tail).next_ready_to_run.load(Acquire);
                +         next = (*next).next_ready_to_run.load(Acquire);
                +     }
                  }
                """)).isEmpty();
        // a load deleted beside a moved one, and a load added beside a moved one: neither is a rewrite of the other
        assertThat(RuleRun.on(rule, "src/queue.rs", """
                  unsafe fn deleted(&self, tail: *mut Node, next: *mut Node) {
                -     let a = (*tail).next.load(Acquire);
                -     let a = (*next).next.load(Acquire);
                +     if self.ready() {
                +         let a = (*next).next.load(Acquire);
                +     }
                      self.keep(tail);
                  }
                  unsafe fn added(&self, tail: *mut Node, next: *mut Node) {
                -     let b = (*tail).next.load(Acquire);
                +     if self.ready() {
                +         let b = (*tail).next.load(Acquire);
                +     }
                +     let b = (*next).next.load(Acquire);
                  }
                """)).isEmpty();
        // a `load` with no memory ordering is some other type's method (a cache's, a config loader's)
        assertThat(RuleRun.on(rule, "src/cache.rs", """
                  fn get(&self, key: &str) -> Value {
                -     let v = self.left.load(key);
                +     let v = self.right.load(key);
                      self.merge(&self.left, &self.right, v)
                  }
                """)).isEmpty();
    }

    @Test
    void quietOnRenamesArgumentsAndLetsNothingSignals() {
        // Each fn fails one condition only: the old name gone from the fn after the change (a rename), the new name
        // absent before it, the changed name an argument of the signal (after its method), a let whose variable is
        // never signalled, and two names changed at once. The unchanged lines keep every other condition true.
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn renamed(&self, tbl: &Table, table: &Table) {
                -     let state = tbl.state();
                +     let state = table.state();
                      table.touch();
                      state.parker.unpark(&state.status);
                  }
                  fn introduced(&self, tbl: &Table, table: &Table) {
                -     let state = tbl.state();
                +     let state = table.state();
                      tbl.touch();
                      state.parker.unpark(&state.status);
                  }
                  fn argument(&self, table: &Table, next: &Table) {
                -     table.parker.unpark(&next.status);
                +     table.parker.unpark(&table.status);
                      next.touch();
                  }
                  fn counted(&self, table: &Table, next: &Table) {
                -     let n = next.len();
                +     let n = table.len();
                      table.touch();
                      next.parker.unpark(n);
                  }
                  fn two(&self, a: &Q, b: &Q, c: &Q, d: &Q) {
                -     a.b.notify_one();
                +     c.d.notify_one();
                      self.all(a, b, c, d);
                  }
                """)).isEmpty();
    }
}
