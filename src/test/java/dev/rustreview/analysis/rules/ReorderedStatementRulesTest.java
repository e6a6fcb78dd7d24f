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
 * What a change does by moving statements it keeps: {@code self} read after the signal that lets its owner free
 * it (CC13), bookkeeping moved after a call into the caller's code (PN4); each with the hard negatives that look
 * alike and must stay quiet.
 */
class ReorderedStatementRulesTest {

    private final SelfAfterSignal cc13 = new SelfAfterSignal();
    private final UpdateAfterCallerCode pn4 = new UpdateAfterCallerCode();

    /** A latch that wakes another pool after it is set: the waiter owns the job the latch lives in. */
    private static final String LATCH = """
              use std::sync::Arc;
              use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
              pub(super) struct Registry {
                  sleeping: AtomicUsize,
              }
              impl Registry {
                  pub(super) fn tickle(&self) {
                      self.sleeping.store(0, Ordering::SeqCst);
                  }
              }
              pub(super) struct SpinLatch {
                  done: AtomicBool,
              }
              impl SpinLatch {
                  fn set(&self) {
                      self.done.store(true, Ordering::Release);
                  }
              }
              pub(super) struct TickleLatch<'a> {
                  inner: SpinLatch,
                  registry: &'a Arc<Registry>,
              }
              impl<'a> TickleLatch<'a> {
                  pub(super) fn set(&self) {
            %s
                  }
              }
            """;

    @Test
    void cc13SelfReadAfterTheLatchIsSetWhereTheOldCodeClonedFirst() {
        List<Finding> f = RuleRun.on(cc13, "rayon-core/src/latch.rs", LATCH.formatted("""
            -         let registry = Arc::clone(self.registry);
                      self.inner.set();
            -         registry.tickle();
            +         self.registry.tickle();"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC13", MEDIUM, NEW, 26, 26));
        assertThat(f.get(0).title()).isEqualTo("`set` reads `self` after `self.inner.set()` lets another thread go on");
        assertThat(f.get(0).explanation()).contains("Line 25 signals").contains("`self.registry.tickle();`");
    }

    @Test
    void cc13ALastReferenceReleasedBeforeTheFieldIsRead() {
        String refCount = """
                  use std::sync::atomic::{AtomicUsize, Ordering};
                  struct Shared {
                      refs: AtomicUsize,
                      name: String,
                  }
                  impl Shared {
                      fn release(&self) -> usize {
                %s
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(cc13, "src/shared.rs", refCount.formatted("""
            -         let len = self.name.len();
                      self.refs.fetch_sub(1, Ordering::Release);
            -         len
            +         self.name.len()"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC13", MEDIUM, NEW, 9, 9));
    }

    @Test
    void cc13QuietWhenSelfWasAlreadyReadAfterTheSignalOrTheSignalIsNotOne() {
        // The old code already read self after set(): the change does not make it worse.
        assertThat(RuleRun.on(cc13, "rayon-core/src/latch.rs", LATCH.formatted("""
                      self.inner.set();
            -         self.registry.tickle();
            +         let registry = self.registry;
            +         registry.tickle();"""))).isEmpty();
        // A Relaxed store publishes nothing a waiter acts on; Cell::set(value) is not a latch.
        String cell = """
                  use std::cell::Cell;
                  use std::sync::atomic::{AtomicBool, Ordering};
                  struct Meter {
                      hits: Cell<u32>,
                      busy: AtomicBool,
                  }
                  impl Meter {
                      fn hit(&self) -> u32 {
                %s
                      }
                  }
                """;
        assertThat(RuleRun.on(cc13, "src/meter.rs", cell.formatted("""
                      self.busy.store(true, Ordering::Relaxed);
            -         let n = self.hits.get() + 1;
            +         self.hits.set(self.hits.get() + 1);
            -         n
            +         self.hits.get()"""))).isEmpty();
    }

    @Test
    void cc13QuietWhenTheReadIsInAnotherArmThanTheSignal() {
        // tokio's LocalSet schedule: wake in one arm, take the queue lock in the other; neither runs after the other.
        String schedule = """
                  use std::sync::Mutex;
                  use std::collections::VecDeque;
                  use futures::task::AtomicWaker;
                  struct Shared {
                      queue: Mutex<Option<VecDeque<u32>>>,
                      waker: AtomicWaker,
                  }
                  impl Shared {
                      fn schedule(&self, task: u32, local: bool) {
                          match local {
                              true => {
                                  self.waker.wake();
                              }
                              _ => {
                %s
                              }
                          }
                      }
                  }
                """;
        assertThat(RuleRun.on(cc13, "tokio/src/task/local.rs", schedule.formatted("""
            -                 let queue = QUEUE.lock();
            +                 let mut lock = self.queue.lock().unwrap();
            +                 if let Some(queue) = lock.as_mut() {
            +                     queue.push_back(task);
            +                 }"""))).isEmpty();
    }

    @Test
    void cc13QuietForAFnThatOwnsSelf() {
        String owned = """
                  use std::sync::Condvar;
                  struct Done {
                      cv: Condvar,
                      label: String,
                  }
                  impl Done {
                      fn finish(self) -> String {
                %s
                      }
                  }
                """;
        assertThat(RuleRun.on(cc13, "src/done.rs", owned.formatted("""
            -         let label = self.label.clone();
                      self.cv.notify_all();
            -         label
            +         self.label"""))).isEmpty();
    }

    /** A read loop that appends to a caller's buffer and counts what it appended. */
    private static final String READ_UNTIL = """
              use std::io;
              use std::pin::Pin;
              use std::task::{Context, Poll};
              use futures_io::AsyncBufRead;
              fn read_until_internal<R: AsyncBufRead + ?Sized>(
                  mut reader: Pin<&mut R>,
                  cx: &mut Context<'_>,
                  byte: u8,
                  buf: &mut Vec<u8>,
                  read: &mut usize,
              ) -> Poll<io::Result<usize>> {
                  loop {
                      let (done, used) = {
                          let available = ready!(reader.as_mut().poll_fill_buf(cx))?;
                          buf.extend_from_slice(available);
                          (false, available.len())
                      };
            %s
                      if done || used == 0 {
                          return Poll::Ready(Ok(*read));
                      }
                  }
              }
              pub fn read_line_internal<R: AsyncBufRead + ?Sized>(reader: Pin<&mut R>, cx: &mut Context<'_>,
                      buf: &mut Vec<u8>, read: &mut usize) -> Poll<io::Result<usize>> {
                  read_until_internal(reader, cx, b'\\n', buf, read)
              }
            """;

    @Test
    void pn4CountMovedAfterTheReadersConsume() {
        List<Finding> f = RuleRun.on(pn4, "futures-util/src/io/read_until.rs", READ_UNTIL.formatted("""
            -         *read += used;
                      reader.as_mut().consume(used);
            +         *read += used;"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN4", MEDIUM, NEW, 19, 19));
        assertThat(f.get(0).title()).isEqualTo("`*read += used` now runs after `reader.as_mut().consume(used)`, which may panic");
    }

    @Test
    void pn4QuietForTheFixDirectionAndForCallsOnConcreteValues() {
        // The fix: the count moves before the caller's code.
        assertThat(RuleRun.on(pn4, "futures-util/src/io/read_until.rs", READ_UNTIL.formatted("""
            +         *read += used;
                      reader.as_mut().consume(used);
            -         *read += used;"""))).isEmpty();
        // A swap around a call on the fn's own Vec (not caller code).
        assertThat(RuleRun.on(pn4, "futures-util/src/io/read_until.rs", READ_UNTIL.formatted("""
            -         *read += used;
                      buf.shrink_to_fit();
            +         *read += used;"""))).isEmpty();
    }

    @Test
    void callerValuesAreParametersOfGenericOrImplTraitType() {
        assertThat(UpdateAfterCallerCode.callerValues(
                "fn each<F: FnMut(u8), W>(mut f: F, out: &mut W, n: usize, it: impl Iterator<Item = u8>) {"))
                .containsExactlyInAnyOrder("f", "out", "it");
        assertThat(UpdateAfterCallerCode.callerValues("fn plain(v: &mut Vec<u8>, n: usize) {")).isEmpty();
    }
}
