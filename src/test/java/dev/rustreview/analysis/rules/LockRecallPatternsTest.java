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
        assertNone(new CallWhileLocked(), inCrate("src/sender.rs", """
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
                """, Map.of("src/shared.rs", SHARED)));
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
}
