package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertFinding;
import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtomicOrderingTest {

    private final AtomicOrdering rule = new AtomicOrdering();

    @Test
    void relaxedLoadThenStoreIsCheckThenAct() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl BackupExecutor {
                    pub async fn start(&self) {
                        if self.running.load(Ordering::Relaxed) {
                            return;
                        }
                        self.running.store(true, Ordering::Relaxed);
                        self.spawn_workers();
                    }
                }
                """), "CC4", Severity.HIGH, 3, 6);
        assertThat(f.objects()).containsExactly("self.running", "self.running.load(Ordering::Relaxed)",
                "self.running.store(true, Ordering::Relaxed)");
    }

    @Test
    void aCheckInOneThreadsClosureAndAnUpdateInAnothersAreNoPair() {
        // concurrent-queue 05e7bff (a test-only commit): the consumer closure reads the producers' count, the
        // producer closure decrements it; two threads, no decision flowing between them. The same pair inside one
        // closure is still a check-then-act.
        assertThat(rule.check(Snippet.added("""
                fn spsc_ring_buffer() {
                    let t = AtomicUsize::new(1);
                    Parallel::new()
                        .add(|| loop {
                            match t.load(Ordering::SeqCst) {
                                0 if q.is_empty() => break,
                                _ => { while let Ok(n) = q.pop() { seen(n); } }
                            }
                        })
                        .add(|| {
                            for i in 0..COUNT { q.push(i); }
                            t.fetch_sub(1, Ordering::SeqCst);
                        })
                        .run();
                }
                """))).extracting(Finding::title).doesNotContain("Check-then-act on atomic `t`");
        assertSingle(rule, Snippet.added("""
                fn start(&self) {
                    thread::spawn(move || {
                        if !flag.load(Ordering::SeqCst) {
                            flag.store(true, Ordering::SeqCst);
                        }
                    });
                }
                """), "CC4", Severity.HIGH, 3, 4);
    }

    @Test
    void loadedValueDecidesAFetchOrFeedsAStore() {
        assertSingle(rule, Snippet.added("""
                fn acquire(&self) -> bool {
                    let used = self.used.load(Ordering::Acquire);
                    if used < self.max {
                        self.used.fetch_add(1, Ordering::AcqRel);
                        return true;
                    }
                    false
                }
                """), "CC4", Severity.HIGH, 2, 4);
        assertSingle(rule, Snippet.added("""
                fn bump(c: &AtomicU64) {
                    c.store(c.load(Relaxed) + 1, Relaxed);
                }
                """), "CC4", Severity.HIGH, 2, 2);
    }

    @Test
    void anIncrementTakenBackByAStoreIsReportedAndAReleaseCountIsNot() {
        // async-channel's weak sender upgrade before its fix: the count was 1 for every thread until the store.
        Finding f = assertSingle(rule, Snippet.added("""
                impl<T> WeakSender<T> {
                    pub fn upgrade(&self) -> Option<Sender<T>> {
                        if self.channel.queue.is_closed() {
                            return None;
                        }
                        let old_count = self.channel.sender_count.fetch_add(1, Ordering::Relaxed);
                        if old_count == 0 {
                            self.channel.sender_count.store(0, Ordering::Release);
                            None
                        } else {
                            Some(Sender { channel: self.channel.clone() })
                        }
                    }
                }

                impl<T> Drop for Sender<T> {
                    fn drop(&mut self) {
                        if self.channel.sender_count.fetch_sub(1, Ordering::AcqRel) == 1 {
                            self.channel.close();
                        }
                    }
                }

                impl<T> Channel<T> {
                    fn reset(&self) {
                        let was = self.closed.swap(false, Ordering::AcqRel);
                        if was {
                            self.generation.store(0, Ordering::Release);
                        }
                    }
                }
                """), "CC4", Severity.HIGH, 6, 8);
        assertThat(f.title()).isEqualTo("`self.channel.sender_count` updated, then taken back by a store");
    }

    @Test
    void compareExchangeWeakOutsideALoop() {
        assertSingle(rule, Snippet.added("""
                fn try_claim(flag: &AtomicBool) -> bool {
                    flag.compare_exchange_weak(false, true, Ordering::AcqRel, Ordering::Acquire).is_ok()
                }
                """), "CC4", Severity.HIGH, 2, 2);
    }

    @Test
    void loneRelaxedOpsAreGradedByWhatTheyCanBreak() {
        List<Finding> found = rule.check(Snippet.added("""
                fn record(&self) {
                    self.requests.fetch_add(1, Ordering::Relaxed);
                    self.ready.store(true, Ordering::Relaxed);
                }
                """));
        assertThat(found).hasSize(2);
        assertFinding(found.get(0), "CC4", Severity.LOW, 2, 2);
        assertFinding(found.get(1), "CC4", Severity.MEDIUM, 3, 3);
    }

    @Test
    void seqCstCheckThenActIsStillARace() {
        // SeqCst orders the two operations but another thread can still run between the check and the act.
        assertSingle(rule, Snippet.added("""
                fn start(&self) {
                    if self.running.load(Ordering::SeqCst) {
                        return;
                    }
                    self.running.store(true, Ordering::SeqCst);
                    self.total.fetch_add(1, Ordering::SeqCst);
                }
                """), "CC4", Severity.HIGH, 2, 5);
    }

    @Test
    void singleReadModifyWriteAndWeakCasInALoopAreFine() {
        assertNone(rule, Snippet.added("""
                fn start(&self) -> bool {
                    if self.running.swap(true, Ordering::AcqRel) {
                        return false;
                    }
                    let mut cur = self.n.load(Ordering::Acquire);
                    loop {
                        match self.n.compare_exchange_weak(cur, cur + 1, Ordering::AcqRel, Ordering::Acquire) {
                            Ok(_) => break,
                            Err(actual) => cur = actual,
                        }
                    }
                    a.cmp(&b) == std::cmp::Ordering::Less
                }
                """));
    }

    @Test
    void untouchedAtomicsAndCommentsAreNotReported() {
        assertNone(rule, Snippet.of("src/exec.rs", """
                  fn start(&self) {
                      // self.running.store(true, Ordering::Relaxed);
                      if self.running.load(Ordering::Relaxed) { return; }
                      self.running.store(true, Ordering::Relaxed);
                  }
               + fn other() {}
                """));
    }

    /** monoio's task state with its fix (5f33e2cdb) reversed: the check and the store go through the type's accessors. */
    private static final String STATE = """
              impl State {
                  pub(super) fn load(&self) -> Snapshot {
                      Snapshot(self.0.load(Acquire))
                  }

            +   pub(crate) fn store(&self, val: Snapshot) {
            +       self.0.store(val.0, Release);
            +   }

                  fn fetch_update<F>(&self, mut f: F) -> Result<Snapshot, Snapshot>
                  where
                      F: FnMut(Snapshot) -> Option<Snapshot>,
                  {
                      let mut curr = self.load();
                      loop {
                          let next = match f(curr) { Some(next) => next, None => return Err(curr) };
                          match self.0.compare_exchange(*curr, *next, AcqRel, Acquire) {
                              Ok(_) => return Ok(next),
                              Err(actual) => curr = Snapshot(actual),
                          }
                      }
                  }

                  pub(super) fn drop_join_handle_fast(&self) -> Result<(), ()> {
            -       match self.fetch_update(|curr| if *curr == INITIAL_STATE { Some(Snapshot(INITIAL_STATE - REF_ONE)) } else { None }) {
            -           Ok(_) => Ok(()),
            -           Err(_) => Err(()),
            -       }
            +       if *self.load() == INITIAL_STATE {
            +           self.store(Snapshot(INITIAL_STATE - REF_ONE));
            +           Ok(())
            +       } else {
            +           Err(())
            +       }
                  }
              }
            """;

    @Test
    void aCheckThenActThroughTheStateTypesOwnLoadAndStoreIsReported() {
        List<Finding> f = RuleRun.on(rule, "monoio/src/task/state.rs", STATE);
        assertThat(RuleRun.shape(f)).containsExactly(
                org.assertj.core.api.Assertions.tuple("CC4", Severity.HIGH, dev.rustreview.model.Side.NEW, 22, 23));
        assertThat(f.get(0).objects()).containsExactly("self", "self.load()", "self.store(Snapshot(INITIAL_STATE - REF_ONE))");
    }

    @Test
    void wrappersThatDoMoreAnotherReceiverAndAmbiguousNamesAreNoPair() {
        // the fix: one compare-and-swap loop; `fetch_update` has a loop, so it is not read as a plain store
        assertThat(RuleRun.on(rule, "monoio/src/task/state.rs", STATE.substring(0, STATE.indexOf("+       if *self.load()"))
               + "      }\n  }\n")).isEmpty();
        // the check on one state, the store on another: no decision on one atomic
        assertThat(RuleRun.on(rule, "monoio/src/task/state.rs", STATE.replace("+           self.store(", "+           other.store(")))
                .isEmpty();
        // a `store` of a second type in the file that is a load: the name means two things, so neither is trusted
        assertThat(RuleRun.on(rule, "monoio/src/task/state.rs", STATE
               + "  impl Cache {\n      fn store(&self) -> usize { self.hits.load(Relaxed) }\n  }\n")).isEmpty();
        // tokio's OnceCell: the store sits in a step that also closes the semaphore the caller's permit came from
        assertThat(RuleRun.on(rule, "tokio/src/sync/once_cell.rs", """
                  impl<T> OnceCell<T> {
                      pub fn initialized(&self) -> bool {
                          // Using acquire ordering so any threads that read a true from this
                          // atomic is able to read the value.
                          self.value_set.load(Ordering::Acquire)
                      }
                      fn set_value(&self, value: T, permit: SemaphorePermit<'_>) -> &T {
                          unsafe { self.value.with_mut(|ptr| (*ptr).as_mut_ptr().write(value)); }
                          self.value_set.store(true, Ordering::Release);
                          self.semaphore.close();
                          permit.forget();
                          unsafe { self.get_unchecked() }
                      }
                      pub fn set(&self, value: T) -> Result<(), SetError<T>> {
                +         if self.initialized() {
                              return Err(SetError::AlreadyInitializedError(value));
                          }
                          match self.semaphore.try_acquire() {
                              Ok(permit) => { self.set_value(value, permit); Ok(()) }
                              Err(_) => Err(SetError::InitializingError(value)),
                          }
                      }
                  }
                """)).isEmpty();
        // a Relaxed accessor gives no Relaxed finding at each of its call sites
        assertThat(RuleRun.on(rule, "src/stats.rs", """
                  impl Stats {
                      fn hits(&self) -> usize { self.hits.load(Relaxed) }
                  }
                  fn report(s: &Stats) {
               +     println!("{}", s.hits());
                  }
                """)).isEmpty();
    }
}
