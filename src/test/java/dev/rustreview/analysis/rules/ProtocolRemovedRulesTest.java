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
 * One path of a protocol that stops doing its part: a poll fn's registration or re-check (CC11), a cleanup
 * branch (CC11, SS6 under a lock), the CAS moving a pointer off a node before it is retired and a fresh atomic
 * read replaced by a snapshot (CC4); and a temp file named by the process id only (SS5).
 */
class ProtocolRemovedRulesTest {

    private final WakeupPathRemoved cc11 = new WakeupPathRemoved();
    private final LockedCleanupRemoved ss6 = new LockedCleanupRemoved();
    private final SharedTempFile ss5 = new SharedTempFile();
    private final AtomicOrdering cc4 = new AtomicOrdering();
    private final LockDropped cc12 = new LockDropped();

    private static final String PARK = """
              impl<T> Sender<T> {
                  fn try_send(&mut self, msg: T) -> Result<(), TrySendError<T>> {
                      if !self.poll_unparked().is_ready() {
                          return Err(TrySendError::full(msg));
                      }
                      self.do_send(msg)
                  }
                  fn park(&mut self, cx: Option<&Context>) {
                      let task = cx.map(|cx| cx.waker().clone());
                      *self.sender_task.lock().unwrap() = task;
                      let t = self.sender_task.clone();
                      self.inner.parked_queue.push(t);
            %s
                  }
              }
            """;

    @Test
    void cc11ReadOfTheSharedStateAfterQueueingTheWaiterDeleted() {
        List<Finding> f = RuleRun.on(cc11, "src/sync/mpsc/mod.rs", PARK.formatted("""
            -         let state = decode_state(self.inner.state.load(SeqCst));
            -         self.maybe_parked = state.is_open;
            +         self.maybe_parked = true;"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC11", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`park` no longer reads `self.inner.state` again after registering");
        // The read kept, only reworded around it: nothing deleted.
        assertThat(RuleRun.on(cc11, "src/sync/mpsc/mod.rs", PARK.formatted("""
            -         let state = decode_state(self.inner.state.load(SeqCst));
            +         let state = decode_state(self.inner.state.load(SeqCst)); // after the push
                      self.maybe_parked = state.is_open;"""))).isEmpty();
    }

    private static final String PARKER = """
              impl ThreadParker {
                  pub unsafe fn prepare_park(&self) {
                      self.should_park.set(true);
                  }
                  pub unsafe fn timed_out(&self) -> bool {
            %s
                  }
                  pub unsafe fn unpark_lock(&self) -> UnparkHandle {
                      libc::pthread_mutex_lock(self.mutex.get());
                      UnparkHandle { thread_parker: self }
                  }
              }
            """;

    @Test
    void cc12FieldStillReadAfterTheMutexAroundItIsGone() {
        List<Finding> f = RuleRun.on(cc12, "core/src/thread_parker/unix.rs", PARKER.formatted("""
            -         let r = libc::pthread_mutex_lock(self.mutex.get());
            -         debug_assert_eq!(r, 0);
            -         let should_park = self.should_park.get();
            -         let r = libc::pthread_mutex_unlock(self.mutex.get());
            -         debug_assert_eq!(r, 0);
            -         should_park
            +         self.should_park.get()"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC12", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`timed_out` uses `self.should_park` without the lock it used to take");
        // The lock moved into a helper the fn calls: the acquisition count drops but nothing of `self` is used
        // any more except through the helper, so nothing said.
        assertThat(RuleRun.on(cc12, "core/src/thread_parker/unix.rs", PARKER.formatted("""
            -         let r = libc::pthread_mutex_lock(self.mutex.get());
            -         let should_park = self.should_park.get();
            -         libc::pthread_mutex_unlock(self.mutex.get());
            -         should_park
            +         with_lock(|| SHOULD_PARK.get())"""))).isEmpty();
    }

    @Test
    void cc12TryLockUnwrappedButNotWhenTheBusyCaseIsHandled() {
        List<Finding> f = RuleRun.added(cc12, """
                impl<T> Inner<T> {
                    fn send(&self, t: T) -> Result<(), T> {
                        let mut slot = self.data.try_lock().unwrap();
                        *slot = Some(t);
                        Ok(())
                    }
                    fn recv(&self) -> Option<T> {
                        match self.data.try_lock() {
                            Some(mut slot) => slot.take(),
                            None => None,
                        }
                    }
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC12", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`try_lock()` unwrapped: panics whenever another thread holds the lock");
    }

    private static final String RECV = """
              impl<'a, T> RecvFut<'a, T> {
                  fn reset_hook(&mut self) {
                      if let Some(hook) = self.hook.take() {
                          let mut chan = wait_lock(&self.receiver.shared.chan);
                          chan.waiting.retain(|s| !Arc::ptr_eq(s, &hook));
                      }
                  }
                  fn poll_inner(self: Pin<&mut Self>, cx: &mut Context) -> Poll<Result<T, RecvError>> {
                      if self.hook.is_some() {
                          if let Ok(msg) = self.receiver.shared.try_recv() {
                              Poll::Ready(Ok(msg))
                          } else if self.receiver.shared.is_disconnected() {
                              Poll::Ready(Err(RecvError::Disconnected))
                          } else {
            %s
                              Poll::Pending
                          }
                      } else {
                          let hook = Hook::new(cx.waker().clone());
                          wait_lock(&self.receiver.shared.chan).waiting.push_back(hook.clone());
            %s
                      }
                  }
              }
            """;

    @Test
    void cc11PendingReturnedAfterTheHookRegistrationWasDeleted() {
        List<Finding> f = RuleRun.on(cc11, "src/async.rs", RECV.formatted("""
            -                 let hook = self.hook.as_ref().map(Arc::clone).unwrap();
            -                 wait_lock(&self.receiver.shared.chan).waiting.push_back(hook);""",
                "                  Poll::Pending"));
        assertThat(f).extracting(Finding::ruleId, Finding::severity).containsExactly(tuple("CC11", MEDIUM));
        assertThat(f.get(0).title()).isEqualTo(
                "`poll_inner` returns `Poll::Pending` without the registration it used to make");
    }

    @Test
    void cc11ReCheckAfterRegisteringDeleted() {
        List<Finding> f = RuleRun.on(cc11, "src/async.rs", RECV.formatted("                  // waiting", """
            -             if self.receiver.shared.is_disconnected() {
            -                 Poll::Ready(Err(RecvError::Disconnected))
            -             } else {
            -                 Poll::Pending
            -             }
            +             Poll::Pending"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC11", MEDIUM, NEW, 21, 21));
        assertThat(f.get(0).title()).isEqualTo(
                "`poll_inner` no longer re-checks `self.receiver.shared.is_disconnected()` after registering");
    }

    @Test
    void cc11QuietWhenTheRegistrationMovesIntoAHelperCallOfTheSameFn() {
        // The push moves, the count of registrations in the fn stays: nothing lost.
        assertThat(RuleRun.on(cc11, "src/async.rs", RECV.formatted("""
            -                 let hook = self.hook.as_ref().map(Arc::clone).unwrap();
            -                 wait_lock(&self.receiver.shared.chan).waiting.push_back(hook);
            +                 let hook = self.hook.as_ref().map(Arc::clone).unwrap();
            +                 let mut chan = wait_lock(&self.receiver.shared.chan);
            +                 chan.waiting.push_back(hook);""",
                "                  Poll::Pending"))).isEmpty();
    }

    private static final String TREE = """
              impl Tree {
                  pub fn insert(&self, key: &[u8], value: Option<IVec>) -> Result<Option<IVec>> {
                      let guard = pin();
                      loop {
                          if let Some(res) = self.insert_inner(key, value.clone(), &guard)? {
                              return Ok(res);
                          }
                      }
                  }
                  fn insert_inner(&self, key: &[u8], value: Option<IVec>, guard: &Guard) -> Result<Option<Option<IVec>>> {
                      let mut reservation = Some(self.subscribers.reserve(key));
                      let last = self.get_inner(key, guard)?;
                      if value == last {
            %s
                          return Ok(Some(last));
                      }
                      let event = Event::update(key, value.clone());
                      if let Some(res) = reservation.take() {
                          res.complete(&event);
                      }
                      self.cas(key, last, value, guard)
                  }
              }
            """;

    @Test
    void cc11EarlyReturnNoLongerCompletesTheReservation() {
        List<Finding> f = RuleRun.on(cc11, "src/tree.rs", TREE.formatted("""
            -             if let Some(res) = reservation.take() {
            -                 let event = Event::update(key, value);
            -                 res.complete(&event);
            -             }
            +             // no-op set"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC11", MEDIUM, NEW, 14, 14));
        assertThat(f.get(0).title()).isEqualTo(
                "`insert_inner` no longer calls `.complete(..)` on the path `if let Some(res) = reservation.take()`");
        // Not under a lock: not SS6.
        assertThat(RuleRun.on(ss6, "src/tree.rs", TREE.formatted("""
            -             if let Some(res) = reservation.take() {
            -                 res.complete(&Event::update(key, value));
            -             }
            +             // no-op set"""))).isEmpty();
    }

    @Test
    void cc11QuietWhenTheCompletionMovesIntoAnotherFnOfTheFile() {
        String moved = TREE.formatted("""
            -             if let Some(res) = reservation.take() {
            -                 res.complete(&Event::update(key, value));
            -             }
            +             self.finish(reservation.take(), key, value);""")
                + "+ impl Tree {\n"
                + "+     fn finish(&self, res: Option<Reservation>, key: &[u8], value: Option<IVec>) {\n"
                + "+         if let Some(res) = res {\n"
                + "+             res.complete(&Event::update(key, value));\n"
                + "+         }\n"
                + "+     }\n"
                + "+ }\n";
        assertThat(RuleRun.on(cc11, "src/tree.rs", moved)).isEmpty();
    }

    @Test
    void ss6SlabEntryNoLongerRemovedInTheArmOfACompletedOperation() {
        List<Finding> f = RuleRun.on(ss6, "src/runtime/io/uring.rs", """
              impl Handle {
                  pub(crate) fn cancel_op(&self, index: usize, data: CancelData) {
                      let mut guard = self.uring().lock();
                      let ops = &mut guard.ops;
                      let Some(lifecycle) = ops.get_mut(index) else {
                          return;
                      };
                      match mem::replace(lifecycle, Lifecycle::Cancelled(data)) {
                          Lifecycle::Submitted | Lifecycle::Waiting(_) => (),
            -             Lifecycle::Completed(_) => {
            -                 ops.remove(index);
            -             }
            +             Lifecycle::Completed(_) => (),
                          prev => panic!("unexpected state: {:?}", prev),
                      };
                  }
                  pub(crate) fn complete(&self, index: usize) {
                      let mut guard = self.uring().lock();
                      guard.ops.remove(index);
                  }
              }
            """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS6", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`cancel_op` no longer calls `.remove(..)` on the path `Lifecycle::Completed(_) =>`");
        assertThat(RuleRun.on(cc11, "src/runtime/io/uring.rs", """
              impl Handle {
                  fn cancel_op(&self, index: usize) {
                      let mut guard = self.uring().lock();
                      match guard.ops[index] {
            -             Lifecycle::Completed(_) => {
            -                 guard.ops.remove(index);
            -             }
            +             Lifecycle::Completed(_) => (),
                          _ => (),
                      }
                  }
              }
            """)).isEmpty();
    }

    @Test
    void ss5TempPathFromTheProcessIdOnlyButNotWithACounterOrTempfile() {
        List<Finding> f = RuleRun.added(ss5, """
                use std::sync::atomic::{AtomicUsize, Ordering};
                static SEQ: AtomicUsize = AtomicUsize::new(0);
                fn write_config(content: &str) -> Option<PathBuf> {
                    let path = std::env::temp_dir().join(format!("tool_config_{}.toml", std::process::id()));
                    std::fs::write(&path, content).ok()?;
                    Some(path)
                }
                fn lock_path() -> PathBuf {
                    std::env::temp_dir().join("tool.lock")
                }
                fn unique(content: &str) -> PathBuf {
                    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
                    std::env::temp_dir().join(format!("tool_{}_{}.toml", std::process::id(), seq))
                }
                fn captured(name: &str) -> PathBuf {
                    std::env::temp_dir().join(format!("tool_{name}.toml"))
                }
                fn scratch() -> tempfile::NamedTempFile {
                    tempfile::NamedTempFile::new_in(std::env::temp_dir()).unwrap()
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS5", MEDIUM, NEW, 4, 4), tuple("SS5", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo(
                "Temporary file with a fixed name: `format!(\"tool_config_{}.toml\", std::process::id())`");
    }

    @Test
    void cc4CasMovingTheTailOffTheNodeRemovedBeforeItIsRetired() {
        String pop = """
              impl<T> Queue<T> {
                  pub fn try_pop(&self, guard: &Guard) -> Option<T> {
                      loop {
                          let head = self.head.load(Acquire, guard);
                          let h = unsafe { head.deref() };
                          let next = h.next.load(Acquire, guard);
                          match unsafe { next.as_ref() } {
                              Some(n) => unsafe {
                                  return self
                                      .head
                                      .compare_and_set(head, next, Release, guard)
                                      .map(|_| {
            %s
                                          guard.defer_destroy(head);
                                          Some(ManuallyDrop::into_inner(ptr::read(&n.data)))
                                      })
                                      .unwrap_or(None);
                              },
                              None => return None,
                          }
                      }
                  }
              }
            """;
        List<Finding> f = RuleRun.on(cc4, "src/sync/queue.rs", pop.formatted("""
            -                         let tail = self.tail.load(Relaxed, guard);
            -                         if head == tail {
            -                             let _ = self.tail.compare_and_set(tail, next, Release, guard);
            -                         }"""));
        assertThat(f).filteredOn(x -> x.title().contains("before the free"))
                .extracting(Finding::ruleId, Finding::severity, Finding::startLine)
                .containsExactly(tuple("CC4", MEDIUM, 13));
        assertThat(f).extracting(Finding::title).contains("Atomic `compare_and_set` before the free in `try_pop` removed");
        // The CAS rewritten as compare_exchange: still there, nothing removed.
        List<Finding> kept = RuleRun.on(cc4, "src/sync/queue.rs", pop.formatted("""
                                          let tail = self.tail.load(Relaxed, guard);
                                          if head == tail {
            -                             let _ = self.tail.compare_and_set(tail, next, Release, guard);
            +                             let _ = self.tail.compare_exchange(tail, next, Release, Relaxed, guard);
                                          }"""));
        assertThat(kept).filteredOn(x -> x.title().contains("before the free")).isEmpty();
    }

    @Test
    void cc4FreshLoadUnderTheCallbackReplacedBySnapshotTakenBefore() {
        String unlock = """
              impl RawRwLock {
                  fn unlock_shared_slow(&self) {
                      let state = self.state.load(Ordering::Relaxed);
            %s
                      let filter = |ParkToken(token)| -> FilterOp {
            %s
                              FilterOp::Unpark
                          } else {
                              FilterOp::Skip
                          }
                      };
                      unsafe { parking_lot_core::unpark_filter(self.addr(), filter, |_| TOKEN_NORMAL) };
                  }
              }
            """;
        List<Finding> f = RuleRun.on(cc4, "src/raw_rwlock.rs", unlock.formatted(
                "+         let upgrading = state & UPGRADING_BIT != 0;", """
            -             if self.state.load(Ordering::Relaxed) & UPGRADING_BIT == 0 {
            +             if state & UPGRADING_BIT == 0 {"""));
        assertThat(f).filteredOn(x -> x.title().contains("replaced by"))
                .extracting(Finding::ruleId, Finding::severity, Finding::startLine)
                .containsExactly(tuple("CC4", MEDIUM, 4));
        // The fresh load is kept (only reformatted): nothing replaced.
        assertThat(RuleRun.on(cc4, "src/raw_rwlock.rs", unlock.formatted("          // unchanged", """
            -             if self.state.load(Ordering::Relaxed) & UPGRADING_BIT == 0 {
            +             if self.state.load(Ordering::Relaxed) & UPGRADING_BIT == 0 && token != 0 {""")))
                .filteredOn(x -> x.title().contains("replaced by")).isEmpty();
    }
}
