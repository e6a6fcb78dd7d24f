package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class CallWhileLockedTest {

    private final CallWhileLocked rule = new CallWhileLocked();

    @Test
    void callbackFieldCalledUnderTheLock() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Store {
                    fn set(&self, v: u32) {
                        let mut state = self.state.lock().unwrap();
                        state.value = v;
                        (self.on_change)(&state);
                    }
                }
                """), "CC3", Severity.HIGH, 3, 5);
        assertThat(f.objects()).containsExactly("self.state", "(self.on_change)");
    }

    @Test
    void fnParameterCalledUnderTheLock() {
        assertSingle(rule, Snippet.added("""
                fn with_items<F: FnMut(&u32)>(&self, mut f: F) {
                    let items = self.items.lock().unwrap();
                    for i in items.iter() {
                        f(i);
                    }
                }
                """), "CC3", Severity.HIGH, 2, 4);
    }

    @Test
    void wakerWokenUnderTheLock() {
        assertSingle(rule, Snippet.added("""
                fn complete(&self, waker: Waker) {
                    let mut inner = self.inner.lock().unwrap();
                    inner.done = true;
                    waker.wake();
                }
                """), "CC3", Severity.HIGH, 2, 4);
    }

    @Test
    void selfMethodOrLogMacroTakingAnotherLock() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Pool {
                    fn summary(&self) -> u64 { self.stats.lock().unwrap().hits }
                    fn release(&self, c: Conn) {
                        let mut idle = self.idle.lock().unwrap();
                        idle.push(c);
                        tracing::info!("released; {}", self.summary());
                    }
                }
                """), "CC3", Severity.HIGH, 4, 6);
        assertThat(f.explanation()).contains("locks `Pool::stats`");
        assertSingle(rule, Snippet.added("""
                impl Pool {
                    fn record(&self) { self.stats.lock().unwrap().hits += 1; }
                    fn release(&self, c: Conn) {
                        let mut idle = self.idle.lock().unwrap();
                        self.record();
                    }
                }
                """), "CC3", Severity.HIGH, 4, 5);
    }

    @Test
    void callsAfterTheGuardIsGoneAreFine() {
        assertNone(rule, Snippet.added("""
                impl Store {
                    fn set(&self, v: u32) {
                        let snapshot = {
                            let mut state = self.state.lock().unwrap();
                            state.value = v;
                            state.clone()
                        };
                        (self.on_change)(&snapshot);
                    }
                }
                """));
    }

    @Test
    void nonLockingMethodsAndSameLockAreNotThisRule() {
        assertNone(rule, Snippet.added("""
                impl Pool {
                    fn name(&self) -> &str { &self.name }
                    fn size(&self) -> usize { self.idle.lock().unwrap().len() }
                    fn release(&self, c: Conn) {
                        let mut idle = self.idle.lock().unwrap();
                        tracing::info!("{} released", self.name());
                        idle.push(c);
                        let n = self.size();
                    }
                }
                """));
    }

    @Test
    void untouchedCallIsNotReported() {
        assertNone(rule, Snippet.of("src/store.rs", """
                  fn set(&self) {
                      let state = self.state.lock().unwrap();
                      (self.on_change)(&state);
                  }
                + fn other() {}
                """));
    }

    @Test
    void aValueTakenInAnIfLetScrutineeAndConsumedUnderItsTemporaryGuard() {
        // napi-rs 33d08424 reversed: the removed abort handle is aborted (a synchronous wake) while the scrutinee's
        // guard of `abort_handles` is still alive
        String bug = """
                  impl EnvTasks {
                      fn register(&self, id: usize) -> Option<usize> {
                          if self.closed.load(Ordering::Acquire) {
                -             if let Some(abort_handle) = self.take_abort_handle(id) {
                +             if let Some(abort_handle) = self
                +                 .abort_handles
                +                 .lock()
                +                 .unwrap_or_else(std::sync::PoisonError::into_inner)
                +                 .remove(&id)
                +             {
                                  abort_safely(abort_handle);
                                  return None;
                              }
                          }
                          Some(id)
                      }
                      fn take_abort_handle(&self, id: usize) -> Option<AbortHandle> {
                          self.abort_handles.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&id)
                      }
                  }
                """;
        Finding f = assertSingle(rule, Snippet.of("crates/napi/src/tokio_runtime.rs", bug), "CC3", Severity.MEDIUM, 4, 10);
        assertThat(f.title()).contains("`abort_safely(abort_handle)`", "`self.abort_handles`");
        // the fix: the helper's guard ends inside it
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+             if let Some(abort_handle) = self.take_abort_handle(id)");
        assertNone(rule, Snippet.of("crates/napi/src/tokio_runtime.rs", fix));
        // only read under the temporary guard, or taken from something else than the guard
        assertNone(rule, Snippet.of("src/rt.rs", bug.replace("abort_safely(abort_handle);", "let n = abort_handle.id();")));
        assertNone(rule, Snippet.of("src/rt.rs", bug.replace("+                 .remove(&id)", "+                 .len().checked_sub(id)")));
        // a take from another map whose key the scrutinee reads under a lock: the value is not the guarded state's
        assertNone(rule, Snippet.of("src/rt.rs", """
                  impl EnvTasks {
                      fn register(&self) {
                +         if let Some(handle) = self.pending.remove(&self.ids.lock().unwrap().first().copied()) {
                +             abort_safely(handle);
                +         }
                      }
                  }
                """));
    }
}
