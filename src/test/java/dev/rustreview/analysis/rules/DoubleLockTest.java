package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class DoubleLockTest {

    private final DoubleLock rule = new DoubleLock();

    /** iggy's shared system: a crate type whose own `read`/`write` return the guards of the lock it wraps. */
    private static final String SYSTEM = """
            use keepcalm::{SharedMut, SharedReadLock, SharedWriteLock};

            pub struct SharedSystem {
                system: SharedMut<System>,
            }

            impl SharedSystem {
                pub fn read(&self) -> SharedReadLock<System> {
                    self.system.read()
                }

                pub fn write(&self) -> SharedWriteLock<System> {
                    self.system.write()
                }
            }
            """;

    /** iggy 9e180adf reversed: a read guard for the pass, and `system.write()` inside it for the metrics. */
    private static final String CLEANER = """
              impl ServerCommand<CleanMessagesCommand> for CleanMessagesExecutor {
                  async fn execute(&mut self, system: &SharedSystem, _command: CleanMessagesCommand) {
            -         let system = system.write();
            -         let streams = system.get_streams();
            +         let system_read = system.read();
            +         let streams = system_read.get_streams();
                      for stream in streams {
                          let deleted = stream.clean(now);
                          system
            +                 .write()
                              .metrics
                              .decrement_segments(deleted.segments_count);
                      }
                  }
              }
            """;

    @Test
    void aCrateTypesOwnReadAndWriteAccessorsTakeItsLock() {
        Finding f = assertSingle(rule, Snippet.inCrate(Snippet.of("server/src/clean_messages.rs", CLEANER),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("server/src/system.rs", SYSTEM)),
                "CC1", Severity.CRITICAL, 3, 8);
        assertThat(f.explanation()).contains("SharedSystem::system");
        // the fix: one write guard for the pass
        String fixed = CLEANER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fixed).contains("+         let system = system.write();");
        assertNone(rule, Snippet.inCrate(Snippet.of("server/src/clean_messages.rs", fixed),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("server/src/system.rs", SYSTEM)));
        // a crate type whose `read` returns no guard is no lock
        String plain = SYSTEM.replace("-> SharedReadLock<System>", "-> System").replace("-> SharedWriteLock<System>", "-> System");
        assertNone(rule, Snippet.inCrate(Snippet.of("server/src/clean_messages.rs", CLEANER),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("server/src/system.rs", plain)));
    }

    @Test
    void sameMutexLockedTwice() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Bank {
                    fn audit(&self) -> usize {
                        let accounts = self.accounts.lock().unwrap();
                        let n = accounts.len();
                        let again = self.accounts.lock().unwrap().len();
                        n + again
                    }
                }
                """), "CC1", Severity.CRITICAL, 3, 5);
        assertThat(f.objects()).containsExactly("self.accounts", "self.accounts.lock()", "self.accounts.lock()");
        assertThat(f.explanation()).contains("guard `accounts`", "line 5", "deadlocks");
    }

    @Test
    void ifLetScrutineeWithALockInTheElseBranch() {
        Finding f = assertSingle(rule, Snippet.added("""
                fn get(&self, k: u32) -> u32 {
                    if let Some(v) = self.cache.lock().unwrap().get(&k) {
                        *v
                    } else {
                        self.cache.lock().unwrap().insert(k, 0);
                        0
                    }
                }
                """), "CC1", Severity.CRITICAL, 2, 5);
        assertThat(f.explanation()).contains("`if let` scrutinee", "edition 2024");
    }

    @Test
    void whileLetScrutineeAndMatchArm() {
        assertSingle(rule, Snippet.added("""
                fn drain(&self) {
                    while let Some(job) = self.queue.lock().unwrap().pop() {
                        if job.retry { self.queue.lock().unwrap().push(job); }
                    }
                }
                """), "CC1", Severity.CRITICAL, 2, 3);
        assertSingle(rule, Snippet.added("""
                fn bump(&self) {
                    match self.jobs.lock().unwrap().pop() {
                        Some(j) => self.jobs.lock().unwrap().push(j),
                        None => {}
                    }
                }
                """), "CC1", Severity.CRITICAL, 2, 3);
    }

    @Test
    void selfMethodThatLocksTheSameMutex() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Registry {
                    fn len(&self) -> usize { self.items.lock().unwrap().len() }
                    fn add(&self, x: u32) {
                        let mut items = self.items.lock().unwrap();
                        if self.len() > 10 { return; }
                        items.push(x);
                    }
                }
                """), "CC1", Severity.CRITICAL, 4, 5);
        assertThat(f.title()).contains("self.len()");
    }

    @Test
    void twoReadLocksAreHighAndTokioIsStillCritical() {
        assertSingle(rule, Snippet.added("""
                use std::sync::RwLock;
                fn total(cfg: &RwLock<Config>) -> u32 {
                    let a = cfg.read().unwrap();
                    let b = cfg.read().unwrap();
                    a.x + b.y
                }
                """), "CC1", Severity.HIGH, 3, 4);
        assertSingle(rule, Snippet.added("""
                async fn twice(m: &tokio::sync::Mutex<u32>) {
                    let a = m.lock().await;
                    let b = m.lock().await;
                }
                """), "CC1", Severity.CRITICAL, 2, 3);
    }

    @Test
    void droppedOrScopedGuardsAreFine() {
        assertNone(rule, Snippet.added("""
                impl Bank {
                    fn a(&self) {
                        let g = self.accounts.lock().unwrap();
                        let n = g.len();
                        drop(g);
                        self.accounts.lock().unwrap().push(n);
                    }
                    fn b(&self) {
                        {
                            let g = self.accounts.lock().unwrap();
                            g.len();
                        }
                        self.accounts.lock().unwrap().clear();
                    }
                    fn c(&self) {
                        let n = self.accounts.lock().unwrap().len();
                        if self.accounts.lock().unwrap().is_empty() { return; }
                        self.accounts.lock().unwrap().push(n);
                    }
                }
                """));
    }

    /** shuttle c1661f1a: a test that blocks spawned threads on a mutex its own thread holds, on purpose. */
    @Test
    void aLockTakenInASpawnedClosureIsAnotherThreadsButOneInAPlainClosureIsNot() {
        assertNone(rule, Snippet.added("""
                fn contend(lock: Arc<Mutex<Vec<usize>>>) {
                    let guard = lock.lock().unwrap();
                    let threads = (0..2)
                        .map(|tid| {
                            let lock = lock.clone();
                            thread::spawn(move || {
                                lock.lock().unwrap().push(tid);
                            })
                        })
                        .collect::<Vec<_>>();
                    std::thread::scope(|s| {
                        s.spawn(|| lock.lock().unwrap().len());
                    });
                    drop(guard);
                }
                """));
        assertSingle(rule, Snippet.added("""
                fn contend(lock: Arc<Mutex<Vec<usize>>>) {
                    let guard = lock.lock().unwrap();
                    let sizes: Vec<usize> = (0..2).map(|_| lock.lock().unwrap().len()).collect();
                    drop(guard);
                }
                """), "CC1", Severity.CRITICAL, 2, 3);
    }

    @Test
    void sharedBorrowsDifferentLocksAndUntouchedCodeAreFine() {
        assertNone(rule, Snippet.added("""
                use std::cell::RefCell;
                struct S { c: RefCell<Vec<u8>> }
                impl S {
                    fn read_twice(&self) -> usize {
                        let a = self.c.borrow();
                        let b = self.c.borrow();
                        a.len() + b.len()
                    }
                }
                """));
        assertNone(rule, Snippet.of("src/bank.rs", """
                  fn audit(&self) {
                      let accounts = self.accounts.lock().unwrap();
                      let again = self.accounts.lock().unwrap().len();
                  }
                + fn other() {}
                """));
    }
    @Test
    void differentLocksAndValuesTakenOutFirstAreFine() {
        assertNone(rule, Snippet.added("""
                impl Queue {
                    fn requeue(&self) {
                        let a = self.jobs.lock().unwrap();
                        let b = self.done.lock().unwrap();
                    }
                    fn bump(&self) {
                        let job = self.jobs.lock().unwrap().pop();
                        match job {
                            Some(j) => self.jobs.lock().unwrap().push(j),
                            None => {}
                        }
                    }
                }
                """));
    }

    @Test
    void ownedGuardsAreLocksToo() {
        // lock_api's `*_arc` methods exist only on parking_lot-style locks: a second `write_arc` is a self-deadlock,
        // two `read_arc` are the same recursive-read hazard as two `read()`
        String src = """
                struct S { repo: Arc<parking_lot::RwLock<u8>> }
                impl S {
                    fn excl(&self) {
                        let a = self.repo.write_arc();
                        let b = self.repo.write_arc();
                    }
                }
                """;
        assertSingle(rule, Snippet.added(src), "CC1", Severity.CRITICAL, 4, 5);
        assertSingle(rule, Snippet.added(src.replace("write_arc", "read_arc")), "CC1", Severity.HIGH, 4, 5);
        assertNone(rule, Snippet.added(src.replace("let a = self.repo.write_arc();", "")));
    }

    @Test
    void aFieldOfAnotherCratesTypeIsNotTheCratesOwnTypeOfThatName() {
        // minijinja-py 03209b70's environment.rs: the pyclass `Environment` wraps `minijinja::Environment`, and
        // `inner.env.set_loader(..)` calls the library's method, not the pyclass's own `set_loader`
        String src = """
                use std::sync::Mutex;
                struct Inner { env: minijinja::Environment<'static> }
                pub struct Environment { inner: Mutex<Inner> }
                impl Environment {
                    pub fn set_loader(&self, callback: Callback) {
                        let mut inner = self.inner.lock().unwrap();
                        inner.env.set_loader(move |name| callback(name));
                    }
                }
                """;
        assertNone(rule, Snippet.added(src));
        // the same field typed with the crate's own path is the crate's type: calling it under the guard relocks
        Finding f = assertSingle(rule, Snippet.added(src.replace("env: minijinja::Environment<'static>",
                "env: std::sync::Arc<crate::Environment>")), "CC1", Severity.CRITICAL, 6, 7);
        assertThat(f.explanation()).contains("`Environment::inner`");
    }
}
