package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertFinding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AsyncConcurrencyRulesTest {

    /** The planted sample: an async executor with the risks the bundled demo shows. */
    static final String EXECUTOR = """
            //! Runs backups in the background.
            use std::collections::HashMap;
            use std::sync::atomic::{AtomicBool, Ordering};
            use std::sync::{Arc, Mutex};
            use std::time::Duration;

            /// Executes backup jobs.
            pub struct BackupExecutor {
                state: Arc<Mutex<HashMap<Uuid, JobState>>>,
                running: AtomicBool,
            }

            impl BackupExecutor {
                #[allow(clippy::await_holding_lock)]
                pub async fn run(&self, id: Uuid) -> Result<(), AppError> {
                    let mut state = self.state.lock().unwrap();
                    state.insert(id, JobState::Running);
                    upload(id).await?;
                    state.insert(id, JobState::Done);
                    Ok(())
                }

                pub async fn start(&self) {
                    if self.running.load(Ordering::Relaxed) {
                        return;
                    }
                    self.running.store(true, Ordering::Relaxed);
                    let state = self.state.clone();
                    tokio::spawn(async move {
                        let n = state.lock().unwrap().len();
                        tracing::info!("{n} jobs");
                    });
                }

                pub async fn throttle(&self) {
                    std::thread::sleep(Duration::from_millis(200));
                }
            }

            #[cfg(test)]
            mod tests {
                use super::*;

                #[tokio::test]
                async fn job_finishes() {
                    let exec = BackupExecutor::new();
                    tokio::spawn(run_one(Uuid::nil()));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    assert_eq!(exec.jobs(), 1);
                }
            }
            """;

    @Test
    void plantedExecutorSampleIsFoundWithExactLines() {
        List<Finding> found = checkAll(Snippet.added(EXECUTOR));
        assertThat(found).extracting(f -> f.ruleId() + "@" + f.startLine())
                .containsExactly("AL1@16", "SS1@9", "SS4@29", "CC4@24", "CC6@36", "CC7@48");
        Finding al1 = assertFinding(found.get(0), "AL1", Severity.CRITICAL, 16, 18);
        assertThat(al1.explanation()).contains("guard `state` from `self.state.lock()` (line 16)",
                "`.await` on line 18", "#[allow]");
        assertFinding(found.get(1), "SS1", Severity.MEDIUM, 9, 9);
        Finding ss4 = assertFinding(found.get(2), "SS4", Severity.MEDIUM, 29, 29);
        assertThat(ss4.objects()).first().isEqualTo("state");
        assertFinding(found.get(3), "CC4", Severity.HIGH, 24, 27);
        assertFinding(found.get(4), "CC6", Severity.HIGH, 36, 36);
        assertFinding(found.get(5), "CC7", Severity.MEDIUM, 48, 48);
    }

    @Test
    void ffiCounterIsStaticMut() {
        List<Finding> found = checkAll(Snippet.of("src/ffi.rs", """
                + use std::os::raw::{c_char, c_uint};
                +
                + static mut CHECKSUM_CALLS: u64 = 0;
                +
                + #[no_mangle]
                + pub extern "C" fn checksum(data: *const c_char, len: c_uint) -> c_uint {
                +     unsafe { CHECKSUM_CALLS += 1; }
                +     0
                + }
                """));
        assertThat(found).hasSize(1);
        assertFinding(found.get(0), "SS2", Severity.HIGH, 3, 3);
    }

    @Test
    void theFixRemovesTheGuardAndSleepFindings() {
        String fix = """
                  impl BackupExecutor {
                      pub async fn run(&self, id: Uuid) -> Result<(), AppError> {
                -         let mut state = self.state.lock().unwrap();
                -         state.insert(id, JobState::Running);
                +         {
                +             let mut state = self.state.lock().unwrap();
                +             state.insert(id, JobState::Running);
                +         }
                          upload(id).await?;
                -         state.insert(id, JobState::Done);
                +         self.state.lock().unwrap().insert(id, JobState::Done);
                          Ok(())
                      }
                      pub async fn run2(&self, id: Uuid) {
                          let guard = self.state.lock().unwrap();
                          let n = guard.len();
                +         drop(guard);
                          upload(id).await;
                      }
                  }
                  #[tokio::test]
                  async fn job_finishes() {
                      let exec = BackupExecutor::new();
                -     tokio::spawn(run_one(Uuid::nil()));
                -     tokio::time::sleep(Duration::from_millis(50)).await;
                +     let handle = tokio::spawn(run_one(Uuid::nil()));
                +     handle.await.unwrap();
                      assert_eq!(exec.jobs(), 1);
                  }
                """;
        ChangedFile file = Snippet.of("src/jobs/mod.rs", fix);
        assertThat(checkAll(file)).isEmpty();
    }

    @Test
    void benignTokioServiceHasNoFindings() {
        ChangedFile file = Snippet.added("""
                //! A small key-value service: one worker task owns the map, callers talk to it
                //! through a channel. Comments may mention `Arc<Mutex<_>>` or `std::thread::sleep`.
                use std::collections::HashMap;
                use std::fmt;
                use std::sync::{Arc, Mutex};

                use tokio::sync::{mpsc, oneshot, RwLock};
                use tokio::time::{sleep, Duration};
                use tracing::{info, warn};

                /// A request to the worker.
                #[derive(Debug)]
                pub enum Command {
                    Get { key: String, reply: oneshot::Sender<Option<String>> },
                    Put { key: String, value: String },
                }

                /// Errors of the service.
                #[derive(Debug, Clone, PartialEq, Eq)]
                pub enum ServiceError {
                    Closed,
                }

                impl fmt::Display for ServiceError {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "service closed")
                    }
                }

                impl std::error::Error for ServiceError {}

                /// Handle used by callers; cheap to clone.
                #[derive(Clone)]
                pub struct Service {
                    tx: mpsc::Sender<Command>,
                    config: Arc<Config>,
                }

                #[derive(Debug, Default)]
                pub struct Config {
                    pub name: String,
                    seen: Mutex<Vec<String>>,
                    names: RwLock<Vec<String>>,
                }

                impl Service {
                    /// Starts the worker and returns a handle to it.
                    pub fn start(config: Config) -> Self {
                        let (tx, mut rx) = mpsc::channel(64);
                        tokio::spawn(async move {
                            let mut store: HashMap<String, String> = HashMap::new();
                            while let Some(cmd) = rx.recv().await {
                                match cmd {
                                    Command::Get { key, reply } => {
                                        let _ = reply.send(store.get(&key).cloned());
                                    }
                                    Command::Put { key, value } => {
                                        store.insert(key, value);
                                    }
                                }
                            }
                            info!("worker stopped");
                        });
                        Self { tx, config: Arc::new(config) }
                    }

                    /// Looks a key up.
                    pub async fn get(&self, key: &str) -> Result<Option<String>, ServiceError> {
                        let (reply, rx) = oneshot::channel();
                        self.tx.send(Command::Get { key: key.to_string(), reply }).await.map_err(|_| ServiceError::Closed)?;
                        rx.await.map_err(|_| ServiceError::Closed)
                    }

                    /// Stores a value; retries once when the worker is busy.
                    pub async fn put(&self, key: &str, value: &str) -> Result<(), ServiceError> {
                        let note = "never use std::thread::sleep or static mut X here";
                        let first = self.config.seen.lock().unwrap().len();
                        if first > 1000 {
                            warn!("{note}: {first} keys");
                            sleep(Duration::from_millis(10)).await;
                        }
                        {
                            let mut seen = self.config.seen.lock().unwrap();
                            seen.push(key.to_string());
                        }
                        self.config.names.write().await.push(key.to_string());
                        self.tx
                            .send(Command::Put { key: key.into(), value: value.into() })
                            .await
                            .map_err(|_| ServiceError::Closed)
                    }

                    /// Names stored so far.
                    pub async fn names(&self) -> Vec<String> {
                        let names = self.config.names.read().await;
                        names.clone()
                    }
                }

                #[cfg(test)]
                mod tests {
                    use super::*;

                    #[tokio::test]
                    async fn put_then_get() {
                        let svc = Service::start(Config::default());
                        svc.put("a", "1").await.unwrap();
                        assert_eq!(svc.get("a").await.unwrap(), Some("1".to_string()));
                    }
                }
                """);
        assertThat(checkAll(file)).extracting(f -> f.ruleId() + "@" + f.startLine() + " " + f.title()).isEmpty();
    }

    @Test
    void rulesAreListedInIdOrderWithCompleteDescriptions() {
        List<RiskRule> rules = AsyncConcurrencyRules.all();
        assertThat(rules).extracting(r -> r.info().id()).containsExactly("AL1", "AL2", "AL3", "AL4", "AL5", "AL6", "AL7", "AL8", "AL9", "AL10", "AL11", "AL12", "AL13", "AL14", "AL15", "AL16", "AL17", "AL18", "AL19", "AL20", "AL21", "AL22", "AL23", "AL24", "AL25", "AL26", "AL27", "AL28", "AL29", "AL30", "AL31", "AL32", "AL33", "AL34", "AL35", "AL36", "AL37", "AL38", "AL39", "AL40", "AL41", "AL42", "AL43", "AL44", "AL45", "AL46", "AL47",
                "SS1", "SS2", "SS3", "SS4", "SS5", "SS6", "SS7", "SS8", "SS9", "SS10", "SS11", "SS12", "SS13", "SS14", "SS15", "SS16", "SS17", "SS18", "SS19", "SS20", "SS21", "SS22", "SS23", "SS24", "SS25", "CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "CC7", "CC8", "CC9",
                "CC10", "CC11", "CC12", "CC13", "CC14", "CC15", "CC16", "CC17", "CC18", "CC19", "CC20", "CC21", "CC22", "CC23", "CC24", "CC25", "CC26", "CC27", "CC28", "CC29", "CC30", "CC31", "CC32", "CC33", "CC34", "CC35", "CC36", "CC37", "CC38", "CC39", "CC40", "CC41", "CC42", "CC43", "CC44", "CC45", "CC46", "CC47", "CC48", "CC49", "CC50", "CC51", "CC52", "CC53", "CC54", "CC55", "CC56", "CC57", "CC58");
        for (RiskRule rule : rules) {
            RuleInfo info = rule.info();
            assertThat(info.name()).isNotBlank();
            assertThat(info.catches()).as(info.id()).isNotBlank().endsWith(".");
            assertThat(info.cannotSee()).as(info.id()).isNotBlank().endsWith(".");
            assertThat(info.area().id()).isIn("async-lifetimes", "shared-state", "concurrency");
        }
        assertThat(rules.get(0).info().lints()).extracting(l -> l.name())
                .containsExactly("await_holding_lock", "await_holding_refcell_ref");
    }

    @Test
    void brokenSyntaxDeletedFilesAndDeepNestingDoNotThrow() {
        ChangedFile broken = Snippet.added("""
                use std::sync::Mutex;
                async fn run(m: &Mutex<u32>) {
                    let g = m.lock().unwrap();
                    upload(*g).await;
                }
                impl {{ fn ( ) -> <
                async fn half(r: R) { tokio::select! { x = r.read_exact(&mut b) =>
                static mut
                """);
        assertThat(broken.newTree().hasErrors()).isTrue();
        List<Finding> found = checkAll(broken);
        assertThat(found).extracting(f -> f.ruleId() + "@" + f.startLine()).contains("AL1@3");

        ChangedFile deleted = Snippet.of("src/gone.rs", """
                - static mut X: u8 = 0;
                """);
        assertThat(checkAll(deleted)).isEmpty();
        ChangedFile manifest = Snippet.of("Cargo.toml", """
                + tokio = "1"
                """);
        assertThat(checkAll(manifest)).isEmpty();

        String deep = "async fn f(m: &std::sync::Mutex<u8>) { let g = m.lock().unwrap(); let x = "
                + "(".repeat(5_000) + "g.len()" + ")".repeat(5_000) + "; y().await; }";
        assertThat(checkAll(Snippet.added(deep))).extracting(Finding::ruleId).containsExactly("AL1");
    }

    private static List<Finding> checkAll(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (RiskRule rule : AsyncConcurrencyRules.all()) {
            out.addAll(rule.check(file));
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static String describe(List<Finding> found) {
        return found.stream().sorted(Comparator.comparingInt(Finding::startLine))
                .map(f -> f.ruleId() + "@" + f.startLine() + "-" + f.endLine() + " " + f.severity())
                .collect(Collectors.joining(", "));
    }
}
