package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lock, guard and call patterns of real bugs, on small crates shaped like the code they come from: a sharded
 * map whose length walks every shard, a broadcast channel whose waiter list is woken through a method of the
 * guarded state, a queue whose callback runs under its lock, an executor whose drop guard locks. Each change
 * is in one file and calls into a second file of the crate that the rules see only through the crate model.
 */
class LockRecallPatternsTest {

    /** A sharded map: `len` and `shard_sizes` read-lock every shard (unchanged file). */
    private static final String SHARDS = """
            use parking_lot::RwLock;
            use std::collections::HashMap;

            pub struct ShardedMap<K, V> {
                shards: Box<[RwLock<HashMap<K, V>>]>,
                hasher: RandomState,
            }

            impl<K, V> ShardedMap<K, V> {
                pub fn len(&self) -> usize {
                    self.count_all()
                }

                fn count_all(&self) -> usize {
                    self.shards.iter().map(|s| s.read().len()).sum()
                }

                pub fn capacity_of(&self, idx: usize) -> usize {
                    idx * 2
                }
            }
            """;

    private static ChangedFile inCrate(String path, String source, Map<String, String> others) {
        ChangedFile added = Snippet.of(path, source.lines().map(l -> "+ " + l + "\n").reduce("", String::concat));
        return Snippet.inCrate(added, Edition.E2021, others);
    }

    @Test
    void guardTemporaryAliveWhileAnArgumentLocksEveryShardAgain() {
        Finding f = assertSingle(new DoubleLock(), inCrate("src/shrink.rs", """
                use crate::map::ShardedMap;

                impl<K, V> ShardedMap<K, V> {
                    pub fn shrink_to_fit(&self) {
                        self.shards.iter().for_each(|s| {
                            s.write().shrink_to(self.len(), |k| hash(k));
                        });
                    }
                }
                """, Map.of("src/map.rs", SHARDS)), "CC1", Severity.HIGH, 6, 6);
        assertThat(f.title()).contains("self.len()").contains("ShardedMap::shards[]");
        assertThat(f.explanation()).contains("`ShardedMap::len` → `ShardedMap::count_all`")
                .contains("alive to the end of its statement");
    }

    @Test
    void sizeReadThroughTheGuardItselfOrAfterTheStatementIsNotADoubleLock() {
        assertNone(new DoubleLock(), inCrate("src/shrink.rs", """
                use crate::map::ShardedMap;

                impl<K, V> ShardedMap<K, V> {
                    pub fn shrink_to_fit(&self) {
                        self.shards.iter().for_each(|s| {
                            let mut shard = s.write();
                            let size = shard.len();
                            shard.shrink_to(size, |k| hash(k));
                        });
                    }

                    pub fn report(&self) -> usize {
                        for s in self.shards.iter() {
                            s.write().clear();
                        }
                        let total = self.len();
                        self.shards[0].write().reserve(self.capacity_of(total));
                        total
                    }
                }
                """, Map.of("src/map.rs", SHARDS)));
    }

    /** A broadcast channel: the waiter list lives in `Tail`, guarded by `Shared::tail` (unchanged file). */
    private static final String SHARED = """
            use std::sync::{Arc, Mutex};
            use std::task::Waker;

            pub struct Shared<T> {
                pub buffer: Box<[Slot<T>]>,
                pub tail: Mutex<Tail>,
            }

            pub struct Tail {
                pub pos: u64,
                pub closed: bool,
                pub waiters: Vec<Waiter>,
            }

            pub struct Waiter {
                pub queued: bool,
                pub waker: Option<Waker>,
            }

            impl Tail {
                pub fn notify_rx(&mut self) {
                    while let Some(waiter) = self.waiters.pop() {
                        self.take_waker(waiter);
                    }
                }

                fn take_waker(&mut self, mut waiter: Waiter) {
                    waiter.queued = false;
                    if let Some(waker) = waiter.waker.take() {
                        waker.wake();
                    }
                }

                pub fn advance(&mut self) -> u64 {
                    self.pos += 1;
                    self.pos
                }
            }

            impl<T> Shared<T> {
                pub fn notify_unlocked(&self, mut tail: std::sync::MutexGuard<'_, Tail>) {
                    let wakers: Vec<Waker> = tail.waiters.drain(..).filter_map(|w| w.waker).collect();
                    drop(tail);
                    for w in wakers {
                        w.wake();
                    }
                    let again = self.tail.lock().unwrap();
                    again.pos;
                }
            }
            """;

    @Test
    void methodOfTheGuardedStateThatWakesWakersUnderTheLockIsReported() {
        Finding f = assertSingle(new CallWhileLocked(), inCrate("src/sender.rs", """
                use crate::shared::Shared;
                use std::sync::Arc;

                pub struct Sender<T> {
                    shared: Arc<Shared<T>>,
                }

                impl<T> Sender<T> {
                    pub fn close(&self) {
                        let mut tail = self.shared.tail.lock().unwrap();
                        tail.closed = true;
                        tail.notify_rx();
                    }
                }
                """, Map.of("src/shared.rs", SHARED)), "CC3", Severity.MEDIUM, 10, 12);
        assertThat(f.title()).contains("tail.notify_rx()").contains("wakes a waker");
        assertThat(f.explanation()).contains("`Tail::notify_rx` → `Tail::take_waker` (`.wake()`)");
    }

    @Test
    void guardHandedToTheWakingHelperOrMethodsThatDoNotWakeAreQuiet() {
        String sender = """
                use crate::shared::Shared;
                use std::sync::Arc;

                pub struct Sender<T> {
                    shared: Arc<Shared<T>>,
                }

                impl<T> Sender<T> {
                    pub fn close(&self) {
                        let mut tail = self.shared.tail.lock().unwrap();
                        tail.closed = true;
                        self.shared.notify_unlocked(tail);
                    }

                    pub fn send(&self) -> u64 {
                        let mut tail = self.shared.tail.lock().unwrap();
                        let pos = tail.advance();
                        pos
                    }
                }
                """;
        // the helper owns the guard from the call on: it drops it before waking and before locking again
        assertNone(new CallWhileLocked(), inCrate("src/sender.rs", sender, Map.of("src/shared.rs", SHARED)));
        assertNone(new DoubleLock(), inCrate("src/sender.rs", sender, Map.of("src/shared.rs", SHARED)));
    }

    /** Tasks whose shutdown re-schedules them through the queue (unchanged file). */
    private static final String TASK = """
            pub struct Task { id: u64, scheduler: std::sync::Arc<crate::queue::Queue> }

            impl Task {
                pub fn id(&self) -> u64 {
                    self.id
                }

                pub fn shutdown(self) {
                    self.scheduler.schedule(self);
                }
            }
            """;

    @Test
    void tasksShutDownWhileTheQueueLockIsHeldAreReportedAsMedium() {
        Finding f = assertSingle(new CallWhileLocked(), inCrate("src/queue.rs", """
                use crate::task::Task;
                use std::collections::VecDeque;
                use std::sync::Mutex;

                pub struct Queue {
                    remote: Mutex<Remote>,
                }

                struct Remote {
                    open: bool,
                    queue: VecDeque<Task>,
                }

                impl Queue {
                    pub fn close(&self) {
                        let mut lock = match self.remote.lock() {
                            Err(_) if std::thread::panicking() => return,
                            Err(_) => panic!("mutex poisoned"),
                            Ok(lock) => lock,
                        };
                        lock.open = false;
                        while let Some(task) = lock.queue.pop_front() {
                            task.shutdown();
                        }
                    }

                    pub fn schedule(&self, task: Task) {
                        self.remote.lock().unwrap().queue.push_back(task);
                    }
                }
                """, Map.of("src/task.rs", TASK)), "CC3", Severity.MEDIUM, 16, 23);
        assertThat(f.title()).contains("task.shutdown()").contains("self.remote");
    }

    @Test
    void tasksCollectedUnderTheLockAndShutDownAfterItAreQuiet() {
        assertNone(new CallWhileLocked(), inCrate("src/queue.rs", """
                use crate::task::Task;
                use std::collections::VecDeque;
                use std::sync::Mutex;

                pub struct Queue {
                    remote: Mutex<Remote>,
                }

                struct Remote {
                    open: bool,
                    queue: VecDeque<Task>,
                }

                impl Queue {
                    pub fn close(&self) -> Vec<u64> {
                        let mut lock = self.remote.lock().unwrap();
                        lock.open = false;
                        let mut tasks = Vec::new();
                        let mut ids = Vec::new();
                        while let Some(task) = lock.queue.pop_front() {
                            ids.push(task.id());
                            tasks.push(task);
                        }
                        drop(lock);
                        for task in tasks {
                            task.shutdown();
                        }
                        ids
                    }
                }
                """, Map.of("src/task.rs", TASK)));
    }

    /** A raw mutex and thread ids (unchanged file). */
    private static final String RAW = """
            use std::sync::atomic::AtomicUsize;

            pub struct RawMutex { state: AtomicUsize }

            impl RawMutex {
                pub fn lock(&self) {}
                pub fn unlock(&self) {}
            }
            """;

    private static final String REMUTEX_HEAD = """
            use crate::raw::RawMutex;
            use std::cell::Cell;
            use std::sync::atomic::{AtomicUsize, Ordering};

            pub struct RawReentrantMutex {
                owner: AtomicUsize,
                lock_count: Cell<usize>,
                mutex: RawMutex,
            }

            impl RawReentrantMutex {
            """;

    @Test
    void countWrittenAfterTheRawUnlockIsReported() {
        Finding f = assertSingle(new AtomicityViolation(), inCrate("src/remutex.rs", REMUTEX_HEAD + """
                    fn unlock(&self) {
                        let lock_count = self.lock_count.get() - 1;
                        if lock_count == 0 {
                            self.owner.store(0, Ordering::Relaxed);
                            self.mutex.unlock();
                        }
                        self.lock_count.set(lock_count);
                    }
                }
                """, Map.of("src/raw.rs", RAW)), "CC8", Severity.MEDIUM, 16, 18);
        assertThat(f.title()).contains("self.lock_count.set(lock_count)").contains("self.mutex.unlock()");
    }

    @Test
    void stateWrittenBeforeTheUnlockOrAtomicsAfterItAreQuiet() {
        assertNone(new AtomicityViolation(), inCrate("src/remutex.rs", REMUTEX_HEAD + """
                    fn unlock(&self) {
                        let lock_count = self.lock_count.get() - 1;
                        self.lock_count.set(lock_count);
                        if lock_count == 0 {
                            self.mutex.unlock();
                            self.owner.store(0, Ordering::Relaxed);
                        }
                    }

                    fn bump(&self) {
                        self.mutex.unlock();
                        self.mutex.lock();
                        self.lock_count.set(1);
                    }
                }
                """, Map.of("src/raw.rs", RAW)));
    }

    /** An executor's state; `CallOnDrop` runs its closure when dropped (unchanged file). */
    private static final String STATE = """
            use std::sync::Mutex;

            pub struct State { pub active: Mutex<Slab<Waker>> }

            pub struct CallOnDrop<F: FnMut()>(pub F);

            impl<F: FnMut()> Drop for CallOnDrop<F> {
                fn drop(&mut self) {
                    (self.0)();
                }
            }
            """;

    @Test
    void lockUnwrapInADropGuardClosureIsMediumAndElsewhereLow() {
        ChangedFile file = inCrate("src/spawn.rs", """
                use crate::state::{CallOnDrop, State};
                use std::sync::Arc;

                pub fn spawn_inner(state: Arc<State>, index: usize) {
                    let _guard = CallOnDrop(move || drop(state.active.lock().unwrap().try_remove(index)));
                }

                pub fn is_empty(state: &State) -> bool {
                    state.active.lock().unwrap().is_empty()
                }
                """, Map.of("src/state.rs", STATE));
        java.util.List<Finding> found = new PanicRule().check(file);
        assertThat(found).extracting(Finding::startLine, Finding::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(5, Severity.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple(9, Severity.LOW));
        assertThat(found.stream().filter(x -> x.startLine() == 5).findFirst().orElseThrow().explanation())
                .contains("`CallOnDrop` runs when it is dropped").contains("aborts the process");
    }

    @Test
    void callbackBoundInAWhereClauseIsACallbackUnderTheLock() {
        Finding f = assertSingle(new CallWhileLocked(), inCrate("src/global.rs", """
                use std::sync::Mutex;

                pub struct Queue<T> { pointers: Mutex<Pointers>, items: Vec<T> }

                struct Pointers { head: usize, closed: bool }

                impl<T> Queue<T> {
                    pub fn push<F>(&self, task: T, f: F)
                    where
                        F: FnOnce(Result<(), T>),
                    {
                        let p = self.pointers.lock().unwrap();
                        if p.closed {
                            f(Err(task));
                            return;
                        }
                    }

                    pub fn push_unlocked<F>(&self, task: T, f: F)
                    where
                        F: FnOnce(Result<(), T>),
                    {
                        let p = self.pointers.lock().unwrap();
                        let closed = p.closed;
                        drop(p);
                        if closed {
                            f(Err(task));
                        }
                    }
                }
                """, Map.of()), "CC3", Severity.HIGH, 12, 14);
        assertThat(f.title()).contains("Callback `f`");
    }

    /** A channel: the queue under a lock, disconnection in an atomic (unchanged file). */
    private static final String CHANNEL = """
            use std::collections::VecDeque;
            use std::sync::atomic::{AtomicBool, Ordering};
            use std::sync::{Arc, Mutex, MutexGuard};

            pub struct Chan<T> { pub queue: VecDeque<T>, pub waiting: VecDeque<Hook> }

            pub struct Shared<T> {
                pub chan: Mutex<Chan<T>>,
                disconnected: AtomicBool,
                capacity: usize,
            }

            pub struct Receiver<T> { pub shared: Arc<Shared<T>> }

            fn wait_lock<T>(lock: &Mutex<T>) -> MutexGuard<'_, T> {
                lock.lock().unwrap()
            }

            impl<T> Shared<T> {
                pub fn recv_sync(&self) -> Result<T, TryRecvError> {
                    let mut chan = wait_lock(&self.chan);
                    chan.queue.pop_front().ok_or(TryRecvError::Empty)
                }

                pub fn is_disconnected(&self) -> bool {
                    self.disconnected.load(Ordering::SeqCst)
                }

                pub fn capacity(&self) -> usize {
                    self.capacity
                }
            }
            """;

    @Test
    void receiveThenSeparateDisconnectCheckIsReportedThroughTheCallees() {
        // the receiver sits in a Deref wrapper: `.shared` is looked up on the wrapped `Receiver<T>`
        Finding f = assertSingle(new AtomicityViolation(), inCrate("src/async.rs", """
                use crate::chan::Receiver;

                pub struct RecvFut<'a, T> { receiver: OwnedOrRef<'a, Receiver<T>>, hook: Option<Hook> }

                impl<'a, T> RecvFut<'a, T> {
                    fn poll_inner(&mut self) -> Poll<Result<T, RecvError>> {
                        if let Ok(msg) = self.receiver.shared.recv_sync() {
                            Poll::Ready(Ok(msg))
                        } else if self.receiver.shared.is_disconnected() {
                            Poll::Ready(Err(RecvError::Disconnected))
                        } else {
                            Poll::Pending
                        }
                    }
                }

                enum OwnedOrRef<'a, T> { Owned(T), Ref(&'a T) }
                """, Map.of("src/chan.rs", CHANNEL)), "CC8", Severity.MEDIUM, 7, 11);
        assertThat(f.explanation()).contains("`Shared::is_disconnected` (`self.disconnected.load(Ordering::SeqCst)`)");
    }

    @Test
    void oneReadOrAPlainFieldGetterInTheElseBranchIsQuiet() {
        assertNone(new AtomicityViolation(), inCrate("src/async.rs", """
                use crate::chan::Receiver;

                pub struct RecvFut<'a, T> { receiver: &'a Receiver<T>, hook: Option<Hook> }

                impl<'a, T> RecvFut<'a, T> {
                    fn poll_inner(&mut self) -> Poll<Result<T, RecvError>> {
                        match self.receiver.shared.recv_sync() {
                            Ok(msg) => Poll::Ready(Ok(msg)),
                            Err(TryRecvError::Disconnected) => Poll::Ready(Err(RecvError::Disconnected)),
                            Err(_) => Poll::Pending,
                        }
                    }

                    fn poll_bounded(&mut self) -> Poll<Result<T, RecvError>> {
                        if let Ok(msg) = self.receiver.shared.recv_sync() {
                            Poll::Ready(Ok(msg))
                        } else if self.receiver.shared.capacity() == 0 {
                            Poll::Ready(Err(RecvError::Disconnected))
                        } else {
                            Poll::Pending
                        }
                    }
                }
                """, Map.of("src/chan.rs", CHANNEL)));
    }

    /** A sharded timer wheel: each shard behind its own lock, handed out by a helper (unchanged file). */
    private static final String WHEELS = """
            use std::sync::{Mutex, MutexGuard};
            use std::sync::atomic::{AtomicU64, Ordering};

            pub struct Inner {
                wheels: Box<[Mutex<Wheel>]>,
                pub next_wake: AtomicU64,
            }

            impl Inner {
                pub fn shard_count(&self) -> usize {
                    self.wheels.len()
                }

                pub fn lock_wheel(&self, id: usize) -> MutexGuard<'_, Wheel> {
                    self.wheels[id].lock().unwrap()
                }
            }
            """;

    @Test
    void minimumOverShardsLockedOneAtATimeThenStoredIsASnapshot() {
        Finding f = assertSingle(new SnapshotThenAct(), inCrate("src/driver.rs", """
                use crate::inner::Inner;
                use std::sync::atomic::Ordering;

                pub struct Driver { inner: Inner }

                impl Driver {
                    fn park(&self) {
                        let next = (0..self.inner.shard_count())
                            .filter_map(|id| {
                                let wheel = self.inner.lock_wheel(id);
                                wheel.next_expiration()
                            })
                            .min();
                        self.inner.next_wake.store(to_ticks(next), Ordering::SeqCst);
                    }
                }
                """, Map.of("src/inner.rs", WHEELS)), "CC9", Severity.MEDIUM, 8, 14);
        assertThat(f.title()).contains("`next` aggregates parts locked one at a time");
    }

    @Test
    void minimumComputedWhileEveryShardStaysLockedIsQuiet() {
        assertNone(new SnapshotThenAct(), inCrate("src/driver.rs", """
                use crate::inner::Inner;
                use std::sync::atomic::Ordering;

                pub struct Driver { inner: Inner }

                impl Driver {
                    fn park(&self) {
                        let wheels = (0..self.inner.shard_count())
                            .map(|id| self.inner.lock_wheel(id))
                            .collect::<Vec<_>>();
                        let next = wheels.iter().filter_map(|w| w.next_expiration()).min();
                        self.inner.next_wake.store(to_ticks(next), Ordering::SeqCst);
                        drop(wheels);
                    }

                    fn longest(&self) -> usize {
                        let n = (0..self.inner.shard_count()).map(|id| id * 2).max();
                        self.record(n);
                        0
                    }
                }
                """, Map.of("src/inner.rs", WHEELS)));
    }

    private static final String JOBS = """
            use std::sync::Mutex;

            pub struct Jobs { queue: Mutex<Vec<u64>>, log: Mutex<Vec<String>> }
            """;

    @Test
    void secondLockLaterInTheStatementOfATemporaryGuardIsADeadlock() {
        Finding f = assertSingle(new DoubleLock(), inCrate("src/jobs_impl.rs", """
                use crate::jobs::Jobs;

                impl Jobs {
                    pub fn requeue(&self, id: u64) {
                        self.queue.lock().unwrap().push(id + self.queue.lock().unwrap().len() as u64);
                    }
                }
                """, Map.of("src/jobs.rs", JOBS)), "CC1", Severity.CRITICAL, 5, 5);
        assertThat(f.explanation()).contains("alive to the end of its statement");
    }

    @Test
    void temporariesOfEarlierStatementsOrOfAnIfConditionAreGoneBeforeTheNextLock() {
        assertNone(new DoubleLock(), inCrate("src/jobs_impl.rs", """
                use crate::jobs::Jobs;

                impl Jobs {
                    pub fn requeue(&self, id: u64) {
                        let n = self.queue.lock().unwrap().len() as u64;
                        self.queue.lock().unwrap().push(id + n);
                        if self.queue.lock().unwrap().is_empty() {
                            self.queue.lock().unwrap().push(id);
                        }
                        self.log.lock().unwrap().push(format!("{}", self.queue_len()));
                    }

                    fn queue_len(&self) -> usize {
                        7
                    }
                }
                """, Map.of("src/jobs.rs", JOBS)));
    }

    /** A connection pool (unchanged file): `take` and `waiter` each lock the pool's state, reached as an Option. */
    private static final String POOL = """
            use std::collections::{HashMap, VecDeque};
            use std::sync::{Arc, Mutex};

            pub struct Pool<T> {
                inner: Option<Arc<Mutex<PoolInner<T>>>>,
                stats: Arc<Mutex<Stats>>,
            }

            struct PoolInner<T> {
                idle: HashMap<Key, Vec<T>>,
                waiters: HashMap<Key, VecDeque<Sender<T>>>,
            }

            impl<T> Pool<T> {
                pub(crate) fn take(&self, key: &Key) -> Option<T> {
                    let mut inner = self.inner.as_ref()?.lock().unwrap();
                    inner.idle.get_mut(key).and_then(|list| list.pop())
                }

                pub(crate) fn waiter(&self, key: Key, tx: Sender<T>) {
                    self.inner
                        .as_ref()
                        .expect("pool enabled")
                        .lock()
                        .unwrap()
                        .waiters
                        .entry(key)
                        .or_insert_with(VecDeque::new)
                        .push_back(tx);
                }

                pub(crate) fn take_or_wait(&self, key: &Key, tx: Sender<T>) -> Option<T> {
                    let mut inner = self.inner.as_ref()?.lock().unwrap();
                    match inner.idle.get_mut(key).and_then(|list| list.pop()) {
                        Some(t) => Some(t),
                        None => {
                            inner.waiters.entry(key.clone()).or_insert_with(VecDeque::new).push_back(tx);
                            None
                        }
                    }
                }

                pub(crate) fn count_miss(&self) {
                    self.stats.lock().unwrap().misses += 1;
                }
            }
            """;

    @Test
    void takeThenAddWaiterLockThePoolTwiceThroughTwoHelpers() {
        Finding f = assertSingle(new AtomicityViolation(), inCrate("src/checkout.rs", """
                use crate::pool::Pool;

                pub struct Checkout<T> {
                    pool: Pool<T>,
                    key: Key,
                    waiter: Option<Receiver<T>>,
                }

                impl<T> Checkout<T> {
                    fn add_waiter(&mut self) {
                        if self.waiter.is_none() {
                            let (tx, rx) = channel();
                            self.pool.waiter(self.key.clone(), tx);
                            self.waiter = Some(rx);
                        }
                    }

                    pub fn poll(&mut self) -> Poll<T> {
                        let entry = self.pool.take(&self.key);
                        if let Some(pooled) = entry {
                            Poll::Ready(pooled)
                        } else {
                            self.add_waiter();
                            Poll::Pending
                        }
                    }
                }
                """, Map.of("src/pool.rs", POOL)), "CC8", Severity.MEDIUM, 19, 23);
        assertThat(f.title()).isEqualTo("`self.pool.take(&self.key)` and `self.add_waiter()` lock `Pool::inner` "
                + "separately: check and act are two critical sections");
        assertThat(f.explanation()).contains("`Checkout::add_waiter` → `Pool::waiter`");
    }

    @Test
    void oneHelperThatChecksAndWaitsUnderOneLockOrASecondLockIsNotASplitCheck() {
        assertNone(new AtomicityViolation(), inCrate("src/checkout.rs", """
                use crate::pool::Pool;

                pub struct Checkout<T> {
                    pool: Pool<T>,
                    key: Key,
                }

                impl<T> Checkout<T> {
                    pub fn poll(&mut self, tx: Sender<T>) -> Poll<T> {
                        match self.pool.take_or_wait(&self.key, tx) {
                            Some(pooled) => Poll::Ready(pooled),
                            None => Poll::Pending,
                        }
                    }

                    pub fn poll_counted(&mut self) -> Poll<T> {
                        let entry = self.pool.take(&self.key);
                        if let Some(pooled) = entry {
                            Poll::Ready(pooled)
                        } else {
                            self.pool.count_miss();
                            Poll::Pending
                        }
                    }
                }
                """, Map.of("src/pool.rs", POOL)));
    }
}
