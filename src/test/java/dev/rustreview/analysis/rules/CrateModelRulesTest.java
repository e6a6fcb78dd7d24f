package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The patterns that need the crate model, on a small crate: {@code src/pool.rs} (unchanged, seen only through
 * the model) declares the locked state and helpers; each test adds code in {@code src/worker.rs} (or
 * {@code src/lib.rs}) that calls into it.
 */
class CrateModelRulesTest {

    private static final String POOL = """
            use std::sync::{Condvar, Mutex, RwLock};
            use std::sync::atomic::AtomicBool;
            use parking_lot::Mutex as FastMutex;
            use parking_lot::ReentrantMutex;

            pub struct Shared { pub jobs: Vec<Job>, pub idle: usize }

            pub struct Pool {
                pub shared: Mutex<Shared>,
                pub stats: FastMutex<Stats>,
                pub trace: ReentrantMutex<Vec<String>>,
                config: RwLock<Config>,
            }

            pub struct Gate { pub ready: AtomicBool, pub cv: Condvar, pub lock: Mutex<()> }

            impl Pool {
                pub fn refresh(&self) {
                    let s = self.shared.lock().unwrap();
                    self.record(s.idle);
                }

                pub fn record(&self, n: usize) {
                    self.stats.lock().total += n;
                }

                pub fn reload(&self) {
                    let mut st = self.stats.lock();
                    let mut shared = self.shared.lock().unwrap();
                    st.reloads += 1;
                    shared.idle = 0;
                }

                pub fn validate(&self, n: usize) -> usize {
                    parse_limit(n).expect("limit in range")
                }

                pub fn log_trace(&self, line: String) {
                    self.trace.lock().push(line);
                }

                pub fn spawn_worker(&self) {
                    std::thread::spawn(|| {});
                }
            }
            """;

    private static ChangedFile worker(String source) {
        return inCrate(source, Edition.E2021);
    }

    private static ChangedFile inCrate(String source, Edition edition) {
        ChangedFile added = Snippet.of("src/worker.rs", source.lines().map(l -> "+ " + l + "\n")
                .reduce("", String::concat));
        return Snippet.inCrate(added, edition, Map.of("src/pool.rs", POOL));
    }

    @Test
    void doubleLockThroughAHelperInAnotherFileIsCritical() {
        Finding f = assertSingle(new DoubleLock(), worker("""
                use crate::pool::Pool;

                pub fn drain(pool: &Pool) {
                    let guard = pool.shared.lock().unwrap();
                    let n = guard.jobs.len();
                    pool.refresh();
                }
                """), "CC1", Severity.CRITICAL, 4, 6);
        assertThat(f.title()).contains("Pool::shared");
        assertThat(f.explanation()).contains("`Pool::refresh`");
    }

    @Test
    void helperCalledAfterDropOrOnAReentrantLockIsNotADoubleLock() {
        assertNone(new DoubleLock(), worker("""
                use crate::pool::Pool;

                pub fn drain(pool: &Pool) {
                    let guard = pool.shared.lock().unwrap();
                    let n = guard.jobs.len();
                    drop(guard);
                    pool.refresh();
                }

                impl Pool {
                    pub fn note(&self, line: String) {
                        let t = self.trace.lock();
                        self.log_trace(line);
                    }
                }
                """));
    }

    @Test
    void twoNamesForOneLockAreOneLock() {
        Finding f = assertSingle(new DoubleLock(), worker("""
                use crate::pool::Pool;
                use std::sync::Arc;

                pub struct Worker { pool: Arc<Pool> }

                impl Worker {
                    pub fn steal(&self, other: &Pool) {
                        let mine = self.pool.shared.lock().unwrap();
                        let theirs = other.shared.lock().unwrap();
                    }
                }
                """), "CC1", Severity.CRITICAL, 8, 9);
        assertThat(f.explanation()).contains("are the same lock `Pool::shared`");
    }

    @Test
    void lockOrderInvertedAcrossFilesAndCallsIsCritical() {
        List<Finding> found = new NestedLocks().check(worker("""
                use crate::pool::Pool;
                use std::sync::Arc;

                pub struct Worker { pool: Arc<Pool> }

                impl Worker {
                    pub fn tally(&self) {
                        let shared = self.pool.shared.lock().unwrap();
                        self.pool.record(shared.idle);
                    }
                }
                """));
        assertThat(found).hasSize(1);
        Finding f = RuleAssert.assertFinding(found.get(0), "CC2", Severity.CRITICAL, 8, 9);
        assertThat(f.explanation()).contains("`Pool::shared` → `Pool::stats`", "`Pool::reload` (src/pool.rs",
                "opposite order");
    }

    @Test
    void oneOrderOnlyIsNotAnInversion() {
        // shared -> config exists nowhere reversed (high, not critical); a call taking another lock is CC3's.
        Finding f = assertSingle(new NestedLocks(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub fn snapshot(&self) {
                        let s = self.shared.lock().unwrap();
                        let c = self.config.read().unwrap();
                        self.refresh_config();
                    }
                    fn refresh_config(&self) {
                        self.trace.lock().push(String::new());
                    }
                }
                """), "CC2", Severity.HIGH, 5, 6);
        assertThat(f.explanation()).contains("No path of this crate takes them in the opposite order");
    }

    @Test
    void panickingHelperUnderAStdGuardPoisonsTheMutex() {
        Finding f = assertSingle(new CallWhileLocked(), worker("""
                use crate::pool::Pool;

                pub fn resize(pool: &Pool, n: usize) {
                    let mut s = pool.shared.lock().unwrap();
                    s.idle = pool.validate(n);
                }
                """), "CC3", Severity.HIGH, 4, 5);
        assertThat(f.explanation()).contains("may panic", "poisons the mutex");
    }

    @Test
    void panickingHelperUnderAParkingLotGuardIsNotPoisoning() {
        assertNone(new CallWhileLocked(), worker("""
                use crate::pool::Pool;

                pub fn resize(pool: &Pool, n: usize) {
                    let mut st = pool.stats.lock();
                    st.limit = pool.validate(n);
                }
                """));
    }

    @Test
    void stdGuardOfAFieldDeclaredElsewhereAcrossSelectIsCritical() {
        Finding f = assertSingle(new AwaitHoldingGuard(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub async fn serve(&self, rx: &mut Receiver<Job>) {
                        let s = self.shared.lock().unwrap();
                        tokio::select! {
                            Some(job) = rx.recv() => { handle(job) }
                            _ = tokio::time::sleep(TICK) => {}
                        }
                    }
                }
                """), "AL1", Severity.CRITICAL, 5, 9);
        assertThat(f.explanation()).contains("tokio::select!");
    }

    @Test
    void checkAndUpdateUnderTwoAcquisitionsIsAnAtomicityViolation() {
        Finding f = assertSingle(new AtomicityViolation(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub fn enqueue(&self, job: Job) {
                        if self.shared.lock().unwrap().jobs.len() < 10 {
                            self.shared.lock().unwrap().jobs.push(job);
                        }
                    }
                }
                """), "CC8", Severity.HIGH, 5, 6);
        assertThat(f.title()).contains("Pool::shared");
    }

    /** litep2p 23146fe6's shutdown: a state read once, then written back in each of three arms: one race, one finding. */
    @Test
    void aCheckActedOnInSeveralArmsIsOneFinding() {
        Finding f = assertSingle(new AtomicityViolation(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub fn close(&self) {
                        let len = self.shared.lock().unwrap().jobs.len();
                        match len {
                            0 => { self.shared.lock().unwrap().jobs.clear(); }
                            1 => { self.shared.lock().unwrap().jobs.pop(); }
                            _ => { self.shared.lock().unwrap().jobs.truncate(1); }
                        }
                    }
                }
                """), "CC8", Severity.HIGH, 5, 7);
        assertThat(f.title()).contains("Pool::shared");
    }

    @Test
    void oneGuardForCheckAndUpdateIsAtomic() {
        assertNone(new AtomicityViolation(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub fn enqueue(&self, job: Job) {
                        let mut s = self.shared.lock().unwrap();
                        if s.jobs.len() < 10 {
                            s.jobs.push(job);
                        }
                        let idle = self.shared.lock().unwrap().idle;
                        self.stats.lock().idle = idle;
                    }
                }
                """));
    }

    @Test
    void snapshotActedOnAfterReleaseIsReported() {
        Finding f = assertSingle(new SnapshotThenAct(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub fn maybe_grow(&self) {
                        let idle = self.shared.lock().unwrap().idle;
                        if idle == 0 {
                            self.spawn_worker();
                        }
                    }
                }
                """), "CC9", Severity.MEDIUM, 5, 6);
        assertThat(f.explanation()).contains("`idle`", "self.spawn_worker()");
    }

    @Test
    void snapshotOnlyLoggedOrInATestIsNotReported() {
        assertNone(new SnapshotThenAct(), worker("""
                use crate::pool::Pool;

                impl Pool {
                    pub fn report(&self) {
                        let idle = self.shared.lock().unwrap().idle;
                        if idle == 0 {
                            tracing::warn!("no idle workers");
                        }
                    }
                }

                #[tokio::test(flavor = "multi_thread")]
                async fn grows() {
                    let idle = POOL.shared.lock().unwrap().idle;
                    if idle == 0 {
                        POOL.spawn_worker();
                    }
                }
                """));
    }

    @Test
    void condvarNotifiedAfterAFlagSetOutsideItsMutexWhenTheTypesLiveInAnotherFile() {
        assertSingle(new CondvarMisuse(), worker("""
                use crate::pool::Gate;

                impl Gate {
                    pub fn open(&self) {
                        self.ready.store(true, Ordering::SeqCst);
                        self.cv.notify_all();
                    }
                }
                """), "CC5", Severity.HIGH, 5, 6);
        assertNone(new CondvarMisuse(), worker("""
                use crate::pool::Gate;

                impl Gate {
                    pub fn open(&self) {
                        let _g = self.lock.lock().unwrap();
                        self.ready.store(true, Ordering::SeqCst);
                        self.cv.notify_all();
                    }
                }
                """));
    }

    @Test
    void edition2024DropsTheIfLetScrutineeBeforeElse() {
        String source = """
                use crate::pool::Pool;

                impl Pool {
                    pub fn first(&self) -> Option<Job> {
                        if let Some(job) = self.shared.lock().unwrap().jobs.pop() {
                            Some(job)
                        } else {
                            self.shared.lock().unwrap().idle += 1;
                            None
                        }
                    }
                }
                """;
        assertSingle(new DoubleLock(), inCrate(source, Edition.E2021), "CC1", Severity.CRITICAL, 5, 8);
        assertNone(new DoubleLock(), inCrate(source, Edition.E2024));
    }
}
