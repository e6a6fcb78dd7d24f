package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertFinding;
import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalMutableStateTest {

    private final GlobalMutableState rule = new GlobalMutableState();

    @Test
    void staticMut() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::os::raw::c_char;

                static mut CHECKSUM_CALLS: u64 = 0;

                #[no_mangle]
                pub extern "C" fn checksum(data: *const c_char) -> u32 {
                    unsafe { CHECKSUM_CALLS += 1; }
                    0
                }
                """), "SS2", Severity.HIGH, 3, 3);
        assertThat(f.objects()).containsExactly("CHECKSUM_CALLS", "static mut CHECKSUM_CALLS: u64");
    }

    @Test
    void staticsHoldingLocksAndCells() {
        assertSingle(rule, Snippet.added("""
                use std::sync::{Mutex, OnceLock};
                static REGISTRY: OnceLock<Mutex<HashMap<String, u32>>> = OnceLock::new();
                """), "SS2", Severity.HIGH, 2, 2);
        assertSingle(rule, Snippet.added("""
                static JOBS: Mutex<Vec<Job>> = Mutex::new(Vec::new());
                """), "SS2", Severity.HIGH, 1, 1);
    }

    @Test
    void macroGlobals() {
        List<Finding> found = rule.check(Snippet.added("""
                lazy_static! {
                    static ref CACHE: Mutex<HashMap<u32, String>> =
                        Mutex::new(HashMap::new());
                }
                thread_local! {
                    static SCRATCH: RefCell<Vec<u8>> = RefCell::new(Vec::new());
                }
                """));
        assertThat(found).hasSize(2);
        assertFinding(found.get(0), "SS2", Severity.HIGH, 2, 3);
        Finding local = assertFinding(found.get(1), "SS2", Severity.HIGH, 6, 6);
        assertThat(local.title()).contains("SCRATCH", "thread-local");
    }

    @Test
    void constWithInteriorMutability() {
        Finding f = assertSingle(rule, Snippet.added("""
                const INIT: AtomicUsize = AtomicUsize::new(0);
                """), "SS2", Severity.HIGH, 1, 1);
        assertThat(f.lints()).extracting(l -> l.name()).containsExactly("declare_interior_mutable_const");
    }

    @Test
    void atomicsConstantsAndStringsAreFine() {
        assertNone(rule, Snippet.added("""
                static COUNTER: AtomicU64 = AtomicU64::new(0);
                static NAME: &str = "static mut X: u8 = 0";
                const MAX: usize = 3;
                // static mut Y: u8 = 0;
                thread_local! {
                    static DEPTH: usize = 0;
                }
                """));
    }

    @Test
    void untouchedGlobalIsNotReported() {
        assertNone(rule, Snippet.of("src/ffi.rs", """
                  static mut CHECKSUM_CALLS: u64 = 0;
                  fn calls() -> u64 { unsafe { CHECKSUM_CALLS } }
                + fn unrelated() {}
                """));
    }
    @Test
    void immutableGlobalsAreFine() {
        assertNone(rule, Snippet.added("""
                static VERSION: &str = env!("CARGO_PKG_VERSION");
                static POOL: OnceLock<Pool> = OnceLock::new();
                const EMPTY: Vec<u8> = Vec::new();
                lazy_static! {
                    static ref PATTERN: Regex = Regex::new("a+").unwrap();
                }
                """));
    }


    /** stratisd a9fd74a2: once_cell's Lazy swapped for std's LazyLock around a Mutex that was already global. */
    @Test
    void aGlobalWhoseWrapperChangedIsNotNew() {
        String swap = """
                - static BLOCKDEVS_IN_PROGRESS: Lazy<Mutex<HashSet<PathBuf>>> = Lazy::new(|| Mutex::new(HashSet::new()));
                + static BLOCKDEVS_IN_PROGRESS: LazyLock<Mutex<HashSet<PathBuf>>> = LazyLock::new(|| Mutex::new(HashSet::new()));
                """;
        assertNone(rule, Snippet.of("src/devices.rs", swap));
        // a global that is new, one whose held type changed, and a static made a const are still reported
        assertThat(rule.check(Snippet.of("src/devices.rs", swap.replace("- static BLOCKDEVS_IN_PROGRESS", "- static OTHER"))))
                .hasSize(1);
        assertThat(rule.check(Snippet.of("src/devices.rs", swap.replace("- static BLOCKDEVS_IN_PROGRESS: Lazy<Mutex<HashSet<PathBuf>>>",
                "- static BLOCKDEVS_IN_PROGRESS: Lazy<Mutex<Vec<PathBuf>>>")))).hasSize(1);
        assertThat(rule.check(Snippet.of("src/ids.rs", """
                - static NEXT_AGENT_ID: AtomicUsize = AtomicUsize::new(0);
                + const NEXT_AGENT_ID: AtomicUsize = AtomicUsize::new(0);
                """))).hasSize(1);
    }
}
