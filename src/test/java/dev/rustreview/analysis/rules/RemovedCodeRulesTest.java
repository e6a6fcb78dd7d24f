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
 * The rules that judge what a change removes (the old side of the diff) against what it keeps: a Send/Sync
 * marker (US5), a check before unsafe code (US6), a Send/Sync bound (CC10) and a release path's notify (CC5).
 */
class RemovedCodeRulesTest {

    private final SendSyncMarkerRemoved us5 = new SendSyncMarkerRemoved();
    private final UnsafeCheckRemoved us6 = new UnsafeCheckRemoved();
    private final ThreadBoundRemoved cc10 = new ThreadBoundRemoved();
    private final CondvarMisuse cc5 = new CondvarMisuse();

    // ---- US5: Send/Sync marker removed ----

    @Test
    void us5GuardLosingItsPointerMarkerAndBoundedImplsBecomesAutoSendAndSync() {
        List<Finding> f = RuleRun.on(us5, "lock_api/src/mutex.rs", """
                  use core::marker::PhantomData;
                  use std::sync::Arc;

                  pub struct Mutex<R, T: ?Sized> {
                      raw: R,
                      data: core::cell::UnsafeCell<T>,
                  }

                  #[must_use = "if unused the Mutex will immediately unlock"]
                  pub struct ArcMutexGuard<R: RawMutex, T: ?Sized> {
                      mutex: Arc<Mutex<R, T>>,
                -     // a pointer keeps the guard !Send/!Sync unless T allows it
                -     marker: PhantomData<(R::GuardMarker, *const ())>,
                +     marker: PhantomData<R::GuardMarker>,
                  }

                - unsafe impl<R: RawMutex, T: Send + Sync + ?Sized> Send for ArcMutexGuard<R, T> where
                -     R::GuardMarker: Send
                - {
                - }
                - unsafe impl<R: RawMutex, T: Send + Sync + ?Sized> Sync for ArcMutexGuard<R, T> where
                -     R::GuardMarker: Sync
                - {
                - }

                  impl<R: RawMutex, T: ?Sized> Drop for ArcMutexGuard<R, T> {
                      fn drop(&mut self) {
                          unsafe { self.mutex.raw.unlock() };
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US5", MEDIUM, NEW, 8, 11));
        assertThat(f.get(0).title()).contains("`ArcMutexGuard` is now auto-Send and Sync");
        assertThat(f.get(0).explanation()).contains("marker: PhantomData<(R::GuardMarker, *const ())>")
                .contains("only through `unsafe impl`s");
        // Mutex keeps its UnsafeCell: nothing said about it.
        assertThat(f).extracting(Finding::title).noneMatch(t -> t.contains("`Mutex`"));
    }

    @Test
    void us5SeesAStructDeclaredInsideAMacroBodyLosingItsNotSendField() {
        List<Finding> f = RuleRun.on(us5, "src/task/local.rs", """
                  use std::cell::Cell;
                - use std::marker::PhantomData;

                  cfg_rt_util! {
                      /// A set of tasks executed on the same thread.
                      pub struct LocalSet {
                          /// Current scheduler tick ("{" in a doc comment must not confuse the outline)
                          tick: Cell<u8>,
                          context: Context,
                -
                -         /// This type should not be Send.
                -         _not_send: PhantomData<*const ()>,
                      }
                  }

                  impl LocalSet {
                      pub fn new() -> LocalSet {
                          LocalSet {
                              tick: Cell::new(0),
                              context: Context::new(),
                -             _not_send: PhantomData,
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US5", MEDIUM, NEW, 4, 8));
        // The Cell still rules out Sync: only Send is lost.
        assertThat(f.get(0).title()).isEqualTo("`LocalSet` is now auto-Send: its !Send marker was removed");
    }

    @Test
    void us5QuietWhenAnotherMarkerStaysOrAnUnsafeImplTakesOver() {
        // *mut replaced by NonNull: still !Send/!Sync. Rc replaced by Arc with an explicit unsafe impl Send.
        List<Finding> f = RuleRun.on(us5, "src/list.rs", """
                  pub struct Node<T> {
                -     next: *mut Node<T>,
                +     next: Option<NonNull<Node<T>>>,
                      value: T,
                  }

                  pub struct Handle {
                -     inner: Rc<Inner>,
                +     inner: Arc<Inner>,
                  }
                + // SAFETY: Inner is only touched under its own lock.
                + unsafe impl Send for Handle {}
                + unsafe impl Sync for Handle {}

                  struct Plain {
                -     count: usize,
                +     count: u64,
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void us5QuietWhenTheWholeTypeIsRemovedOrTheMarkerOnlyMovesBetweenFields() {
        List<Finding> f = RuleRun.on(us5, "src/lib.rs", """
                - struct Gone {
                -     _marker: PhantomData<*const ()>,
                - }
                  struct Moved {
                -     _a: PhantomData<*const ()>,
                +     _not_send: PhantomData<Rc<()>>,
                      data: Vec<u8>,
                  }
                """);
        assertThat(f).isEmpty();
    }

    // ---- US6: check before unsafe removed ----

    @Test
    void us6AssertionRemovedFromAFnThatKeepsItsUnsafeBlock() {
        List<Finding> f = RuleRun.on(us6, "src/io/util/read_to_end.rs", """
                  fn poll_read_to_end<R: AsyncRead + ?Sized>(buf: &mut Vec<u8>, read: Pin<&mut R>, cx: &mut Context<'_>)
                      -> Poll<io::Result<usize>> {
                      reserve(buf, 32);
                      let mut unused = ReadBuf::uninit(get_unused_capacity(buf));
                -     let ptr = unused.filled().as_ptr();
                      ready!(read.poll_read(cx, &mut unused))?;
                -     assert_eq!(ptr, unused.filled().as_ptr());
                      let n = unused.filled().len();
                      let new_len = buf.len() + n;
                +     // An implementor would need to have unsafely *replaced* the buffer.
                      assert!(new_len <= buf.capacity());
                      unsafe {
                          buf.set_len(new_len);
                      }
                      Poll::Ready(Ok(n))
                  }

                  fn reserve(buf: &mut Vec<u8>, bytes: usize) {
                      if buf.capacity() - buf.len() < bytes {
                          buf.reserve(bytes);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US6", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).explanation()).contains("assert_eq!(ptr,unused.filled().as_ptr())")
                .contains("`poll_read_to_end`");
    }

    @Test
    void us6QuietWhenTheCheckMovesToAHelperOrTheFnHasNoUnsafeOrOnlyADebugAssertGoes() {
        List<Finding> f = RuleRun.on(us6, "src/buf.rs", """
                  fn advance(&mut self, n: usize) {
                -     assert!(n <= self.len);
                +     self.check(n);
                      unsafe { self.ptr = self.ptr.add(n) };
                  }
                + fn check(&self, n: usize) {
                +     assert!(n <= self.len);
                + }
                  fn safe_only(&mut self, n: usize) {
                -     assert!(n > 0);
                      self.len -= n;
                  }
                  fn debug_only(&mut self, n: usize) {
                -     debug_assert!(n <= self.cap);
                      unsafe { self.set_len(n) };
                  }
                  fn reworded(list: &List, e: &Entry) {
                -     assert!(list.head() as *const Entry == e.as_raw());
                +     assert!(core::ptr::eq(list.head(), e.as_raw()));
                      unsafe { list.delete(e) };
                  }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn insert() {
                          let e = Entry::default();
                -         assert!(e.next().is_null());
                          unsafe { LIST.insert(&e) };
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    // ---- CC10: Send/Sync bound removed ----

    @Test
    void cc10SendBoundRemovedFromSpawnLikeFnsAndAnImplInsideAMacro() {
        List<Finding> f = RuleRun.on(cc10, "src/runtime/handle.rs", """
                  impl Handle {
                      pub(crate) fn spawn_blocking<F, R>(&self, func: F) -> JoinHandle<R>
                      where
                          F: FnOnce() -> R + Send + 'static,
                -         R: Send + 'static,
                      {
                          let (task, handle) = task::joinable(BlockingTask::new(func));
                          self.blocking_spawner.spawn(task, self);
                          handle
                      }

                      pub fn name(&self) -> &str {
                          &self.name
                      }
                  }

                  cfg_rt! {
                      impl<T, R> Future for BlockingTask<T>
                      where
                -         T: FnOnce() -> R + Send + 'static,
                -         R: Send + 'static,
                +         T: FnOnce() -> R,
                      {
                          type Output = R;
                          fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<R> {
                              let func = self.func.take().expect("polled after completion");
                              Poll::Ready(func())
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC10", MEDIUM, NEW, 2, 5),
                tuple("CC10", MEDIUM, NEW, 15, 18));
        assertThat(f.get(0).title()).isEqualTo("Thread-safety bound removed from fn `spawn_blocking`: `R: Send`");
        assertThat(f.get(1).title()).contains("`impl Future for BlockingTask`").contains("`T: Send`")
                .contains("`R: Send`");
    }

    @Test
    void cc10SeesImplTraitArgumentsAndInlineBounds() {
        List<Finding> f = RuleRun.on(cc10, "src/pool.rs", """
                - pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
                + pub fn execute(&self, job: impl FnOnce() + 'static) {
                      self.queue.push(Box::new(job));
                  }
                - fn run_all<T: Sync, I: Iterator<Item = T>>(items: I) {}
                + fn run_all<T, I: Iterator<Item = T>>(items: I) {}
                """);
        assertThat(f).extracting(Finding::title).containsExactly(
                "Thread-safety bound removed from fn `execute`: `job: Send`",
                "Thread-safety bound removed from fn `run_all`: `T: Sync`");
    }

    @Test
    void cc10QuietWhenTheBoundMovesToTheWhereClauseOrTheParameterGoesAway() {
        List<Finding> f = RuleRun.on(cc10, "src/pool.rs", """
                - pub fn spawn<F: FnOnce() + Send + 'static>(f: F) {
                + pub fn spawn<F>(f: F)
                + where
                +     F: FnOnce() + Send + 'static,
                + {
                      thread::spawn(f);
                  }
                - pub fn map<T: Send, U>(t: T, u: U) {}
                + pub fn map<U>(u: U) {}
                - pub fn only_static<F: Fn() + 'static>(f: F) {}
                + pub fn only_static<F: Fn()>(f: F) {}
                """);
        assertThat(f).isEmpty();
    }

    // ---- CC5: a release path that stopped notifying ----

    @Test
    void cc5DropImplThatNotifiedIsRemovedWhileTheGuardStays() {
        List<Finding> f = RuleRun.on(cc5, "examples/mutex.rs", """
                  struct Mutex<T> {
                      lock_ops: Event,
                      data: Lock<T>,
                  }

                  impl<T> Mutex<T> {
                      fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
                -         self.data.try_lock().map(|l| MutexGuard { lock_ops: &self.lock_ops, locked: Some(l) })
                +         self.data.try_lock().map(MutexGuard)
                      }
                  }

                - struct MutexGuard<'a, T> {
                -     lock_ops: &'a Event,
                -     locked: Option<Locked<'a, T>>,
                - }
                + struct MutexGuard<'a, T>(Locked<'a, T>);

                  impl<T> Deref for MutexGuard<'_, T> {
                      type Target = T;
                      fn deref(&self) -> &T {
                -         self.locked.as_deref().unwrap()
                +         &self.0
                      }
                  }
                -
                - impl<T> Drop for MutexGuard<'_, T> {
                -     fn drop(&mut self) {
                -         self.locked = None;
                -         self.lock_ops.notify(1);
                -     }
                - }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC5", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`Drop` of `MutexGuard` removed: waiters may never wake");
    }

    @Test
    void cc5AStateChangeThatStopsWakingOneKindOfWaiterIsReportedAMovedNotifyIsNot() {
        // h2's set_reset before its fix (#897): receivers and pushers were woken, the sender no longer.
        List<Finding> f = RuleRun.on(cc5, "src/proto/streams/stream.rs", """
                  impl Stream {
                      pub(super) fn set_reset(&mut self, reason: Reason, initiator: Initiator) {
                          self.state.set_reset(self.id, reason, initiator);
                -         self.notify_send();
                          self.notify_push();
                          self.notify_recv();
                      }
                      pub(super) fn set_closed(&mut self) {
                          self.state.set_closed();
                -         self.notify_send();
                -         self.notify_recv();
                +         self.notify_recv();
                +         self.notify_send();
                      }
                      fn clear(&mut self) {
                -         self.notify_recv();
                          self.buffer.clear();
                      }
                      fn notify_send(&mut self) {
                          if let Some(task) = self.send_task.take() {
                              task.wake();
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC5", MEDIUM, NEW, 2, 6));
        assertThat(f.get(0).title()).isEqualTo("`set_reset` still calls `notify_push()`, `notify_recv()` but no longer "
                + "`notify_send()`");
    }

    @Test
    void cc5UnlockThatNoLongerWakesIsReportedButADelegatedNotifyIsNot() {
        List<Finding> f = RuleRun.on(cc5, "src/lock.rs", """
                  impl RawLock {
                      pub fn unlock(&self) {
                          self.state.fetch_and(!LOCKED, Ordering::Release);
                -         self.waiters.notify_one();
                      }
                      pub fn release_shared(&self) {
                          self.readers.fetch_sub(1, Ordering::Release);
                -         self.waiters.notify_all();
                +         self.unlock_slow();
                      }
                      fn unlock_slow(&self) {
                          self.waiters.notify_all();
                      }
                      fn poll_ready(&self, cx: &mut Context<'_>) -> bool {
                -         cx.waker().wake_by_ref();
                          false
                      }
                  }
                """);
        assertThat(f).extracting(Finding::title).containsExactly("`unlock` no longer notifies: waiters may never wake");
        assertThat(f.get(0).startLine()).isEqualTo(2);
    }

    @Test
    void cc5APoolWhosePutBackNoLongerWakesWaitersIsReported() {
        // bb8 cd5c5106 reversed: a broken connection dropped in put_back starts replacements but no longer wakes
        // the tasks waiting in get(); the healthy path wakes them through `put`, a fn of its own.
        List<Finding> f = RuleRun.on(cc5, "src/inner.rs", """
                  impl<M: ManageConnection> PoolInner<M> {
                      pub(crate) fn put_back(&self, conn: Option<Conn<M::Connection>>, broken: bool) {
                          let mut locked = self.inner.internals.lock();
                          match (conn, broken) {
                              (Some(conn), false) => locked.put(conn, None, self.inner.clone()),
                              (_, _) => {
                                  let approvals = locked.dropped(1, &self.inner.statics);
                                  self.spawn_replenishing_approvals(approvals);
                -                 self.inner.notify.notify_waiters();
                              }
                          }
                      }
                      fn put_idle(&self, conn: Conn<M::Connection>) {
                -         self.inner.notify.notify_one();
                          self.inner.internals.lock().put(conn, None, self.inner.clone());
                      }
                  }
                """);
        assertThat(f).extracting(Finding::title).containsExactly(
                "`put_back` no longer notifies: waiters may never wake");
    }

    @Test
    void cc5DropThatUnparkedThroughParkingLotCoreMovesTheWakeToOnePath() {
        // once_cell 5386606 reversed: the guard's Drop (which also runs when init panics) stops waking the parked
        // threads; only the normal return path still does.
        List<Finding> f = RuleRun.on(cc5, "src/imp_pl.rs", """
                  struct Guard<'a> {
                      state: &'a AtomicU8,
                      new_state: u8,
                  }
                  impl<'a> Drop for Guard<'a> {
                      fn drop(&mut self) {
                          self.state.store(self.new_state, Ordering::Release);
                -         unsafe {
                -             let key = self.state as *const _ as usize;
                -             parking_lot_core::unpark_all(key, parking_lot_core::DEFAULT_UNPARK_TOKEN);
                -         }
                      }
                  }
                  fn initialize_inner(state: &AtomicU8, init: &mut dyn FnMut() -> bool) {
                      let mut guard = Guard { state, new_state: INCOMPLETE };
                      if init() {
                          guard.new_state = COMPLETE;
                      }
                +     unsafe {
                +         parking_lot_core::unpark_all(key, parking_lot_core::DEFAULT_UNPARK_TOKEN);
                +     }
                  }
                """);
        assertThat(f).extracting(Finding::title).containsExactly(
                "`Drop` of `Guard` no longer notifies: waiters may never wake");
    }

    @Test
    void cc5QuietWhenTheDropStillUnparksOrOnlyAnUnrelatedUnparkNamedFnGoes() {
        List<Finding> f = RuleRun.on(cc5, "src/imp_pl.rs", """
                  impl<'a> Drop for Guard<'a> {
                      fn drop(&mut self) {
                          self.state.store(self.new_state, Ordering::Release);
                -         unsafe { parking_lot_core::unpark_all(self.key(), DEFAULT_UNPARK_TOKEN) };
                +         unsafe { unpark_one(self.key(), |_| DEFAULT_UNPARK_TOKEN) };
                      }
                  }
                  impl Drop for Stats {
                      fn drop(&mut self) {
                -         self.count_unpark_all_calls();
                +         self.flush();
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    // ---- CC4: a decision taken from Arc::strong_count ----

    @Test
    void cc4LastOwnerDecidedFromStrongCountInDropIsReported() {
        List<Finding> f = RuleRun.on(new AtomicOrdering(), "src/db.rs", """
                  impl Drop for Db {
                      fn drop(&mut self) {
                +         if Arc::strong_count(&self.high_level_rc) == 1 {
                +             if let Some(tx) = self.shutdown_sender.take() {
                +                 let _ = tx.send(());
                +             }
                +         }
                +         let owners = std::sync::Arc::strong_count(&self.high_level_rc);
                +         match owners {
                +             1 => self.flush(),
                +             _ => {}
                +         }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC4", MEDIUM, NEW, 3, 3), tuple("CC4", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("Decision taken from `Arc::strong_count`");
    }

    @Test
    void cc4StrongCountInTestsLogsAndRcIsNotReported() {
        List<Finding> f = RuleRun.on(new AtomicOrdering(), "src/db.rs", """
                  fn stats(&self) -> usize {
                +     log::debug!("owners: {}", Arc::strong_count(&self.inner));
                +     let n = Arc::strong_count(&self.inner);
                +     n
                  }
                  fn local(&self) {
                +     if Rc::strong_count(&self.node) == 1 { self.cleanup() }
                  }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn no_leak() {
                +         if Arc::strong_count(&db.inner) != 1 { panic!("leak") }
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    // ---- CC4: a notify gated by an atomic read ----

    @Test
    void cc4NotifyOnlyWhenAnAtomicReadThroughAHelperSaysSoIsReported() {
        List<Finding> f = RuleRun.on(new AtomicOrdering(), "src/lib.rs", """
                  impl<T> Event<T> {
                      pub fn notify(&self, n: usize) -> usize {
                          full_fence();
                -         let inner = unsafe { &*self.inner() };
                -         inner.notify(n)
                +         if let Some(inner) = self.try_inner() {
                +             if inner.notified.load(Ordering::Acquire) < n {
                +                 return inner.notify(n);
                +             }
                +         }
                +         0
                      }

                      fn try_inner(&self) -> Option<&Inner<T>> {
                          let inner = self.inner.load(Ordering::Acquire);
                          unsafe { inner.as_ref() }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC4", MEDIUM, NEW, 4, 4), tuple("CC4", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "Notify skipped on an atomic read: `self.try_inner()` (`try_inner` loads an atomic)");
        assertThat(f.get(1).title()).contains("`inner.notified.load(Ordering::Acquire)`");
    }

    @Test
    void cc4NotifyOnBothPathsOrGatedByPlainStateOrUnchangedIsNotReported() {
        List<Finding> f = RuleRun.on(new AtomicOrdering(), "src/lib.rs", """
                  impl Shared {
                      fn wake_all(&self) {
                +         if self.state.load(Ordering::SeqCst) & WAITING != 0 {
                +             self.notify.notify_waiters();
                +         } else {
                +             self.notify.notify_one();
                +         }
                +         if self.closed {
                +             self.notify.notify_waiters();
                +         }
                      }
                      fn unchanged(&self) {
                          if self.state.load(Ordering::SeqCst) != 0 {
                              self.cv.notify_all();
                          }
                +         self.count += 1;
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    // ---- CC4: the atomic handshake that decided who frees ----

    @Test
    void cc4SwapThatDecidedWhoFreesIsRemovedWhileTheFreeStays() {
        List<Finding> f = RuleRun.on(new AtomicOrdering(), "src/counter.rs", """
                  impl<C> Sender<C> {
                      pub unsafe fn release<F: FnOnce(&C) -> bool>(&self, disconnect: F) {
                          if self.counter().senders.fetch_sub(1, Ordering::AcqRel) == 1 {
                -             disconnect(&self.counter().chan);
                -             if self.counter().destroy.swap(true, Ordering::AcqRel) {
                +             if !disconnect(&self.counter().chan) {
                                  drop(Box::from_raw(self.counter));
                              }
                          }
                      }
                      pub fn acquire(&self) -> Sender<C> {
                          let count = self.counter().senders.fetch_add(1, Ordering::Relaxed);
                -         if count > isize::MAX as usize { process::abort(); }
                +         if count > MAX { process::abort(); }
                          Sender { counter: self.counter }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC4", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("Atomic `swap` that decided who frees removed from `release`");
    }

    @Test
    void cc4HandshakeRewordedOrNoFreeLeftIsNotReported() {
        List<Finding> f = RuleRun.on(new AtomicOrdering(), "src/counter.rs", """
                  impl<C> Receiver<C> {
                      pub unsafe fn release(&self) {
                -         if self.counter().destroy.swap(true, Ordering::AcqRel) {
                +         if self.counter().destroy.swap(true, Ordering::SeqCst) {
                              drop(Box::from_raw(self.counter));
                          }
                      }
                      pub fn close(&self) {
                -         if self.closed.swap(true, Ordering::AcqRel) {
                -             self.wake_all();
                -         }
                +         self.wake_all();
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
