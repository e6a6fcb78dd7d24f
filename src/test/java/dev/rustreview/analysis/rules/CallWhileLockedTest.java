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

    /** The db's state and stats (another file of the crate): a gauge is whatever recorder the user registered. */
    private static final String DB = """
            use parking_lot::RwLock;
            use std::sync::Arc;

            pub(crate) struct DbInner {
                pub(crate) state: Arc<RwLock<DbState>>,
                pub(crate) db_stats: DbStats,
            }

            // the stats are reached through a Deref wrapper, as slatedb's are
            pub(crate) struct DbStats {
                inner: Arc<DbStatsInner>,
            }

            impl std::ops::Deref for DbStats {
                type Target = DbStatsInner;

                fn deref(&self) -> &Self::Target {
                    &self.inner
                }
            }

            pub(crate) struct DbStatsInner {
                pub(crate) l0_sst_count: Arc<dyn GaugeFn>,
                pub(crate) flushes: Arc<Counter>,
            }
            """;

    /** slatedb bc34de68 reversed: the stats update moved into the write guard's block. */
    private static final String WRITER = """
              use std::sync::Arc;

              pub(crate) struct ManifestWriter {
                  db: Arc<DbInner>,
              }

              impl ManifestWriter {
                  fn merge_remote_manifest(&self, remote: Manifest) {
                      let manifest = {
                          let mut wguard_state = self.db.state.write();
                          wguard_state.merge_remote_manifest(remote);
            -             wguard_state.state().manifest.clone()
            +             let cow = wguard_state.state();
            +             self.update_stats(&cow.manifest);
            +             cow.manifest.clone()
                      };
            -         self.update_stats(&manifest);
                      self.report(manifest);
                  }

                  fn update_stats(&self, manifest: &Manifest) {
                      self.db.db_stats.l0_sst_count.set(manifest.l0.len() as i64);
                  }

                  fn count_flush(&self) {
                      self.db.db_stats.flushes.inc();
                  }

                  fn report(&self, manifest: Manifest) {}
              }
            """;

    @Test
    void aCrateFnCallingATraitObjectFieldUnderTheLockIsMedium() {
        Finding f = assertSingle(rule, Snippet.inCrate(Snippet.of("src/manifest_writer.rs", WRITER),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("src/db.rs", DB)), "CC3", Severity.MEDIUM, 8, 11);
        assertThat(f.title()).isEqualTo("`self.update_stats(&cow.manifest)` runs user-supplied code while `self.db.state` is locked");
        assertThat(f.explanation()).contains("`ManifestWriter::update_stats` (`self.db.db_stats.l0_sst_count.set(..)` on "
                + "`Arc<dyn GaugeFn>`)");
    }

    @Test
    void theFixAndAConcreteFieldTypeUnderTheLockAreQuiet() {
        String fixed = WRITER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fixed).contains("+         self.update_stats(&manifest);");
        assertNone(rule, Snippet.inCrate(Snippet.of("src/manifest_writer.rs", fixed),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("src/db.rs", DB)));
        String concrete = WRITER.replace("+             self.update_stats(&cow.manifest);", "+             self.count_flush();");
        assertNone(rule, Snippet.inCrate(Snippet.of("src/manifest_writer.rs", concrete),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("src/db.rs", DB)));
    }

    /** zenoh e6a1d4ee: pending queries taken out under the state lock and dropped after it (the fix). */
    private static final String UNDECLARE_FIXED = """
            impl Session {
                fn undeclare_querier(&self, querier_id: u32) -> ZResult<()> {
                    let mut state = zwrite!(self.state);
                    if let Some(querier_state) = state.queriers.remove(&querier_id) {
                        let removed_ids: Vec<_> = state
                            .queries
                            .iter()
                            .filter(|(_, q)| q.querier_id == Some(querier_id))
                            .map(|(id, _)| *id)
                            .collect();
                        let removed_queries = removed_ids
                            .into_iter()
                            .filter_map(|id| state.queries.remove(&id))
                            .collect::<Vec<_>>();
                        drop(state);
                        drop(removed_queries);
                        self.send_final(querier_state);
                    }
                    Ok(())
                }
            }
            """;

    private static final String UNDECLARE_BUGGY = """
            impl Session {
                fn undeclare_querier(&self, querier_id: u32) -> ZResult<()> {
                    let mut state = zwrite!(self.state);
                    if let Some(querier_state) = state.queriers.remove(&querier_id) {
                        state.queries.retain(|_, q| q.querier_id != Some(querier_id));
                        drop(state);
                        self.send_final(querier_state);
                    }
                    Ok(())
                }
            }
            """;

    private static final String STATE = """
            macro_rules! zwrite {
                ($var:expr) => {
                    $var.write().unwrap()
                };
            }
            pub struct Session { state: std::sync::RwLock<SessionState> }
            """;

    @Test
    void entriesDroppedInPlaceUnderTheGuardInsteadOfAfterItAreMedium() {
        Finding f = assertSingle(rule, Snippet.inCrate(Snippet.of("zenoh/src/api/session.rs",
                RuleRun.diff(UNDECLARE_FIXED, UNDECLARE_BUGGY)), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("zenoh/src/macros.rs", STATE)), "CC3", Severity.MEDIUM, 3, 5);
        assertThat(f.title()).isEqualTo("`state.queries.retain(|_, q| q.querier_id != Some(querier_id))` drops entries "
                + "while `state` is held; they were dropped after it");
        assertThat(f.explanation()).contains("`drop(removed_queries)`, line 16 of the old file");
        // the fix direction
        assertNone(rule, Snippet.inCrate(Snippet.of("zenoh/src/api/session.rs",
                RuleRun.diff(UNDECLARE_BUGGY, UNDECLARE_FIXED)), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("zenoh/src/macros.rs", STATE)));
        // a retain under a guard where nothing was dropped after it before: not this shape
        String noDeferred = UNDECLARE_FIXED.replaceAll("(?m)^\\s*drop\\(removed_queries\\);\n", "");
        assertThat(noDeferred).isNotEqualTo(UNDECLARE_FIXED);
        assertNone(rule, Snippet.inCrate(Snippet.of("zenoh/src/api/session.rs",
                RuleRun.diff(noDeferred, UNDECLARE_BUGGY)), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("zenoh/src/macros.rs", STATE)));
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

    /** A std guard alive over a call to a crate fn that unwraps, in a recovery loop (fjall's shape). */
    private static final String RECOVERY = """
              use std::sync::RwLock;

              pub struct Database {
                  journal_manager: RwLock<JournalManager>,
                  names: Vec<String>,
              }

              impl Database {
                  fn resolve_id(&self, id: usize) -> String {
                      self.names.get(id).cloned().unwrap()
                  }

                  pub fn recover(&self, ids: &[usize]) {
                      let mut journal_manager = self.journal_manager.write().expect("lock is poisoned");
                      for id in ids {
            -             // apply sealed memtables only below the persisted seqno
            +             // apply a sealed memtable only when it holds newer data
                          let name = self.resolve_id(*id);
                          journal_manager.register(name);
                      }
                  }
              }
            """;

    @Test
    void aPanickingCallUnderAStdGuardIsReportedOnlyWhenTheChangeTouchesTheCallOrTheLock() {
        CallWhileLocked rule = new CallWhileLocked();
        assertThat(RuleRun.on(rule, "src/recovery.rs", RECOVERY)).isEmpty();
        String callAdded = RECOVERY.replace("""
                              let name = self.resolve_id(*id);
                """, """
                -             let name = self.names[*id].clone();
                +             let name = self.resolve_id(*id);
                """);
        assertThat(callAdded).isNotEqualTo(RECOVERY);
        assertThat(RuleRun.on(rule, "src/recovery.rs", callAdded)).extracting(Finding::title)
                .containsExactly("`self.resolve_id(*id)` may panic while `self.journal_manager` (std) is locked");
    }
}
