package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class ArcIntoSpawnTest {

    private final ArcIntoSpawn rule = new ArcIntoSpawn();

    @Test
    void fieldCloneMovedIntoTokioSpawn() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::sync::{Arc, Mutex};
                struct BackupExecutor { state: Arc<Mutex<HashMap<Uuid, JobState>>> }
                impl BackupExecutor {
                    fn start(&self) {
                        let state = self.state.clone();
                        tokio::spawn(async move {
                            state.lock().unwrap().clear();
                        });
                    }
                }
                """), "SS4", Severity.MEDIUM, 6, 6);
        assertThat(f.objects()).containsExactly("state", "Arc<Mutex<HashMap<Uuid, JobState>>>", "tokio::spawn");
        assertThat(f.explanation()).contains("a clone of `self.state` (line 5)", "line 6");
    }

    @Test
    void arcCloneIntoThreadSpawn() {
        assertSingle(rule, Snippet.added("""
                fn main() {
                    let counter = Arc::new(Mutex::new(0));
                    for _ in 0..4 {
                        let c = Arc::clone(&counter);
                        std::thread::spawn(move || {
                            *c.lock().unwrap() += 1;
                        });
                    }
                }
                """), "SS4", Severity.MEDIUM, 5, 5);
    }

    @Test
    void cloneAsSpawnedFutureArgumentAndScopeSpawn() {
        assertSingle(rule, Snippet.added("""
                struct Queue { jobs: Arc<RwLock<Vec<Job>>> }
                impl Queue {
                    fn go(&self) {
                        tokio::spawn(drain(Arc::clone(&self.jobs)));
                    }
                }
                """), "SS4", Severity.MEDIUM, 4, 4);
        assertSingle(rule, Snippet.added("""
                fn fan_out(hits: Arc<AtomicU64>) {
                    std::thread::scope(|s| {
                        let h = hits.clone();
                        s.spawn(move || h.fetch_add(1, Ordering::Relaxed));
                    });
                }
                """), "SS4", Severity.MEDIUM, 4, 4);
    }

    @Test
    void testCodeIsLow() {
        assertSingle(rule, Snippet.added("""
                #[tokio::test]
                async fn counts() {
                    let seen = Arc::new(Mutex::new(Vec::new()));
                    let s = seen.clone();
                    tokio::spawn(async move { s.lock().unwrap().push(1) }).await.unwrap();
                }
                """), "SS4", Severity.LOW, 5, 5);
    }

    @Test
    void immutableArcsAndUnusedClonesAreFine() {
        assertNone(rule, Snippet.added("""
                struct Server { config: Arc<Config>, state: Arc<Mutex<State>> }
                impl Server {
                    fn start(&self) {
                        let config = self.config.clone();
                        let state = self.state.clone();
                        tokio::spawn(async move { serve(&config).await });
                        let child = Command::new("ls").spawn();
                        drop(state);
                    }
                }
                """));
    }

    @Test
    void untouchedSpawnIsNotReported() {
        assertNone(rule, Snippet.of("src/exec.rs", """
                  struct E { state: Arc<Mutex<Vec<u8>>> }
                  impl E {
                      fn start(&self) {
                          let state = self.state.clone();
                          // tokio::spawn(async move { state })
                          tokio::spawn(async move { state.lock().unwrap().clear(); });
                      }
                +     fn other(&self) {}
                  }
                """));
    }
    @Test
    void plainClosuresAndUnrelatedSpawnBodiesAreFine() {
        assertNone(rule, Snippet.added("""
                fn run(items: Vec<u32>) {
                    let state = Arc::new(Mutex::new(Vec::new()));
                    let s = state.clone();
                    items.iter().for_each(move |x| s.lock().unwrap().push(*x));
                    let t = state.clone();
                    std::thread::spawn(move || println!("hello"));
                }
                """));
    }

}
