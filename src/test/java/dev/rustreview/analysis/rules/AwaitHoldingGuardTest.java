package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class AwaitHoldingGuardTest {

    private final AwaitHoldingGuard rule = new AwaitHoldingGuard();

    @Test
    void stdMutexGuardAcrossAwaitIsCritical() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::sync::{Arc, Mutex};
                struct Executor { state: Arc<Mutex<Vec<u32>>> }
                impl Executor {
                    #[allow(clippy::await_holding_lock)]
                    async fn run(&self) {
                        let mut state = self.state.lock().unwrap();
                        state.push(1);
                        upload().await;
                    }
                }
                """), "AL1", Severity.CRITICAL, 6, 8);
        assertThat(f.objects()).containsExactly("state", "self.state.lock()", "upload().await");
        assertThat(f.explanation()).contains("guard `state` from `self.state.lock()` (line 6)", "line 8", "#[allow]");
        assertThat(f.lints()).extracting(l -> l.name()).containsExactly("await_holding_lock");
    }

    @Test
    void tokioGuardIsMediumAndUnknownIsHigh() {
        assertSingle(rule, Snippet.added("""
                use tokio::sync::Mutex;
                struct S { jobs: Mutex<Vec<u32>> }
                impl S {
                    async fn run(&self) {
                        let jobs = self.jobs.lock().await;
                        send(&jobs).await;
                    }
                }
                """), "AL1", Severity.MEDIUM, 5, 6);
        assertSingle(rule, Snippet.added("""
                async fn run(registry: &Registry) {
                    let map = registry.entries.lock().unwrap();
                    let n = map.len();
                    notify(n).await;
                }
                """), "AL1", Severity.HIGH, 2, 4);
    }

    @Test
    void parkingLotAndRwLockAndRefCell() {
        assertSingle(rule, Snippet.added("""
                use parking_lot::RwLock;
                async fn run(cache: &RwLock<Vec<u8>>) {
                    let entries = cache.read();
                    flush(entries.len()).await;
                }
                """), "AL1", Severity.CRITICAL, 3, 4);
        Finding f = assertSingle(rule, Snippet.added("""
                use std::cell::RefCell;
                struct S { cache: RefCell<Vec<u8>> }
                impl S {
                    async fn run(&self) {
                        let mut cache = self.cache.borrow_mut();
                        cache.clear();
                        refill().await;
                    }
                }
                """), "AL1", Severity.HIGH, 5, 7);
        assertThat(f.lints()).extracting(l -> l.name()).containsExactly("await_holding_refcell_ref");
    }

    @Test
    void matchScrutineeTemporaryLivesAcrossArms() {
        assertSingle(rule, Snippet.added("""
                use std::sync::Mutex;
                async fn run(m: &Mutex<Option<u32>>) {
                    match *m.lock().unwrap() {
                        Some(id) => fetch(id).await,
                        None => {}
                    }
                }
                """), "AL1", Severity.CRITICAL, 3, 4);
    }

    @Test
    void borrowOfALockTemporaryKeepsTheGuardAlive() {
        Finding f = assertSingle(rule, Snippet.added("""
                async fn bump(m: &std::sync::Mutex<State>) {
                    let state = &mut *m.lock().unwrap();
                    state.n += 1;
                    save(state.n).await;
                }
                """), "AL1", Severity.CRITICAL, 2, 4);
        assertThat(f.explanation()).contains("the guard that `state` borrows");
    }

    @Test
    void oldGuardWithNewlyAddedAwaitCounts() {
        assertSingle(rule, Snippet.of("src/exec.rs", """
                  use std::sync::Mutex;
                  async fn run(m: &Mutex<Vec<u32>>) {
                      let guard = m.lock().unwrap();
                      let n = guard.len();
                +     report(n).await;
                  }
                """), "AL1", Severity.CRITICAL, 3, 5);
    }

    @Test
    void removingTheDropMakesOldLinesRisky() {
        assertSingle(rule, Snippet.of("src/exec.rs", """
                  use std::sync::Mutex;
                  async fn run(m: &Mutex<Vec<u32>>) {
                      let guard = m.lock().unwrap();
                      let n = guard.len();
                -     drop(guard);
                      report(n).await;
                  }
                """), "AL1", Severity.CRITICAL, 3, 5);
    }

    @Test
    void guardScopedInABlockOrDroppedIsFine() {
        assertNone(rule, Snippet.added("""
                use std::sync::{Arc, Mutex};
                struct Executor { state: Arc<Mutex<Vec<u32>>> }
                impl Executor {
                    async fn run(&self) {
                        let n = {
                            let state = self.state.lock().unwrap();
                            state.len()
                        };
                        upload(n).await;
                    }
                    async fn run2(&self) {
                        let state = self.state.lock().unwrap();
                        let n = state.len();
                        drop(state);
                        upload(n).await;
                    }
                }
                """));
    }

    @Test
    void lockTemporaryInAStatementDiesAtItsEnd() {
        assertNone(rule, Snippet.added("""
                use std::sync::Mutex;
                async fn run(m: &Mutex<Vec<u32>>) {
                    let n = m.lock().unwrap().len();
                    m.lock().unwrap().push(1);
                    if m.lock().unwrap().is_empty() {
                        report(n).await;
                    }
                }
                """));
    }

    @Test
    void syncFnsClosuresAndSpawnedBlocksAreNotThisFuture() {
        assertNone(rule, Snippet.added("""
                use std::sync::Mutex;
                fn sync_fn(m: &Mutex<u32>) {
                    let g = m.lock().unwrap();
                    let f = async { tick().await };
                }
                async fn run(m: std::sync::Arc<Mutex<u32>>) {
                    let g = m.lock().unwrap();
                    let n = *g;
                    drop(g);
                    tokio::spawn(async move { upload(n).await; });
                }
                """));
    }

    @Test
    void commentsStringsAndUntouchedFunctionsDoNotCount() {
        assertNone(rule, Snippet.of("src/exec.rs", """
                  use std::sync::Mutex;
                  // let g = m.lock().unwrap(); x.await;
                  async fn old(m: &Mutex<u32>) {
                      let g = m.lock().unwrap();
                      report(*g).await;
                  }
                + fn added() -> &'static str { "let g = m.lock().unwrap(); f().await" }
                """));
    }
    @Test
    void sameCodeIsCriticalWithStdAndMediumWithTokio() {
        String body = """
                struct Executor { state: Mutex<Vec<u32>> }
                impl Executor {
                    async fn run(&self) {
                        let state = self.state.lock()LOCK;
                        upload(state.len()).await;
                    }
                }
                """;
        assertSingle(rule, Snippet.added("use std::sync::Mutex;\n" + body.replace("LOCK", ".unwrap()")),
                "AL1", Severity.CRITICAL, 5, 6);
        assertSingle(rule, Snippet.added("use tokio::sync::Mutex;\n" + body.replace("LOCK", ".await")),
                "AL1", Severity.MEDIUM, 5, 6);
    }

}
