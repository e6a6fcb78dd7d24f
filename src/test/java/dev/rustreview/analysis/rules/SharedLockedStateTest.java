package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class SharedLockedStateTest {

    private final SharedLockedState rule = new SharedLockedState();

    @Test
    void arcMutexFieldIsReportedOnceWithItsConstruction() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::sync::{Arc, Mutex};
                pub struct BackupExecutor {
                    state: Arc<Mutex<HashMap<Uuid, JobState>>>,
                }
                impl BackupExecutor {
                    pub fn new() -> Self {
                        Self { state: Arc::new(Mutex::new(HashMap::new())) }
                    }
                }
                """), "SS1", Severity.MEDIUM, 3, 3);
        assertThat(f.objects()).containsExactly("state", "Arc<Mutex<HashMap<Uuid, JobState>>>");
        assertThat(f.explanation()).contains("`BackupExecutor`", "`HashMap<Uuid, JobState>`");
    }

    @Test
    void rcRefCellFieldAndNestedOption() {
        assertSingle(rule, Snippet.added("""
                struct Node {
                    children: Vec<Rc<RefCell<Node>>>,
                    value: u32,
                }
                """), "SS1", Severity.MEDIUM, 2, 2);
        assertSingle(rule, Snippet.added("""
                struct Pool(Option<Arc<RwLock<Vec<Conn>>>>, usize);
                """), "SS1", Severity.MEDIUM, 1, 1);
    }

    @Test
    void constructionInALetSuggestsAnAtomicForAScalar() {
        Finding f = assertSingle(rule, Snippet.added("""
                fn main() {
                    let counter = Arc::new(Mutex::new(0u64));
                    let flag = Arc::new(AtomicBool::new(false));
                }
                """), "SS1", Severity.MEDIUM, 2, 2);
        assertThat(f.title()).contains("Arc::new(Mutex::new(0u64))");
        Finding g = assertSingle(rule, Snippet.added("""
                struct Stats { hits: Arc<Mutex<u64>> }
                """), "SS1", Severity.MEDIUM, 1, 1);
        assertThat(g.explanation()).contains("mutex_atomic");
    }

    @Test
    void testCodeIsLow() {
        assertSingle(rule, Snippet.added("""
                #[cfg(test)]
                mod tests {
                    #[test]
                    fn collects() {
                        let seen = Arc::new(Mutex::new(Vec::new()));
                    }
                }
                """), "SS1", Severity.LOW, 5, 5);
    }

    @Test
    void immutableSharingAndUnsharedLocksAreFine() {
        assertNone(rule, Snippet.added("""
                struct Service {
                    config: Arc<Config>,
                    jobs: Mutex<HashMap<u32, Job>>,
                    hits: Arc<AtomicU64>,
                    names: Rc<Vec<String>>,
                }
                fn make() -> Arc<Config> { Arc::new(Config::default()) }
                """));
    }

    @Test
    void commentsStringsAndUntouchedStructsAreNotReported() {
        assertNone(rule, Snippet.of("src/exec.rs", """
                  /// Holds an `Arc<Mutex<State>>` in spirit only.
                  struct Executor {
                      state: Arc<Mutex<State>>,
                  }
                + const HELP: &str = "Arc::new(Mutex::new(x))";
                """));
    }
    @Test
    void parametersAndPlainArcsAreNotNewSharedState() {
        assertNone(rule, Snippet.added("""
                fn worker(state: Arc<Mutex<State>>, config: Arc<Config>) -> Arc<Config> {
                    let shared = Arc::clone(&state);
                    Arc::new(Config::default())
                }
                """));
    }

}
