package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.rules.DoubleLock;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Macro arguments that are Rust expressions are parsed into the tree ({@link MacroBodies}): a lock inside
 * {@code assert!} or {@code println!} is a call like any other, while {@code select!} branches, bodies that do
 * not parse as expressions and bodies with nothing to find keep their tokens.
 */
class MacroBodiesTest {

    private static final String POOL = """
            use std::sync::Mutex;

            pub struct Pool {
                state: Mutex<State>,
                name: String,
            }

            impl Pool {
                pub fn check(&self) {
                    let guard = self.state.lock().unwrap();
                    assert!(self.state.lock().unwrap().ready, "pool {} not ready: {}", self.name, guard.waiting);
                }

                pub fn report(&self) -> usize {
                    let n = self.state.lock().unwrap().waiting;
                    println!("{} waiting in {}", n, self.name);
                    n
                }

                pub async fn race(&self, rx: Receiver<u32>) {
                    tokio::select! {
                        v = rx.recv() => self.state.lock().unwrap().last = v,
                    }
                }
            }
            """;

    @Test
    void aLockInsideAssertIsACallOfTheTreeAndTheFileIsNotBroken() throws ParseFailure {
        RustTree tree = RustParser.forCurrentThread().parse(POOL, ParseLimits.DEFAULT);
        assertThat(tree.hasErrors()).isFalse();
        List<String> calls = tree.find(tree.root(), "call_expression").stream().map(tree::text).toList();
        assertThat(calls).contains("self.state.lock().unwrap()", "self.state.lock()");
        Node inAssert = tree.find(tree.root(), "call_expression").stream()
                .filter(c -> tree.text(c).equals("self.state.lock()") && RustTree.startLine(c) == 11).findFirst()
                .orElseThrow();
        // Positions are the file's: line 11, at the column where the call is written.
        assertThat(inAssert.getStartPoint().getColumn()).isEqualTo(POOL.lines().toList().get(10).indexOf("self.state"));
        assertThat(inAssert.getParent().getType()).isEqualTo("field_expression");
        // Document order is kept: the assert's lock comes after the guard's and before the next fn's.
        List<Node> locks = tree.find(tree.root(), "call_expression").stream()
                .filter(c -> tree.text(c).equals("self.state.lock()")).toList();
        assertThat(locks).extracting(RustTree::startLine).containsExactly(10, 11, 15);
        assertThat(locks).isSortedAccordingTo(java.util.Comparator.comparingInt(Node::preorderIndex));
    }

    @Test
    void selectBranchesAndBodiesWithoutLocksKeepTheirTokens() throws ParseFailure {
        RustTree tree = RustParser.forCurrentThread().parse(POOL, ParseLimits.DEFAULT);
        // println! names no lock: its arguments stay tokens; select!'s branch keeps its tokens too.
        Node select = tree.find(tree.root(), "macro_invocation").stream()
                .filter(m -> tree.text(m).startsWith("tokio::select!")).findFirst().orElseThrow();
        assertThat(tree.find(select, "call_expression")).isEmpty();
        Node println = tree.find(tree.root(), "macro_invocation").stream()
                .filter(m -> tree.text(m).startsWith("println!")).findFirst().orElseThrow();
        assertThat(tree.find(println, "call_expression")).isEmpty();
        // A pattern in `matches!` either parses as an expression or keeps its tokens: the file is never marked broken.
        RustTree patterns = RustParser.forCurrentThread().parse(
                "fn f(m: &Mutex<S>) -> bool { matches!(m.lock().unwrap().state, S::A | S::B) }\n",
                ParseLimits.DEFAULT);
        assertThat(patterns.hasErrors()).isFalse();
    }

    @Test
    void aDoubleLockWrittenInsideAssertIsFound() {
        List<Finding> f = new DoubleLock().check(Snippet.added(POOL));
        assertThat(f).extracting(Finding::ruleId, Finding::severity, Finding::startLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CC1", Severity.CRITICAL, 10));
        assertThat(f.get(0).title()).isEqualTo("`self.state` locked again while its guard is alive");
    }

    @Test
    void aTryAcquisitionInsideAssertUnderAGuardIsAContentionProbeNotADoubleLock() {
        assertThat(new DoubleLock().check(Snippet.added("""
                use tokio::sync::RwLock;

                pub struct Cache {
                    map: RwLock<Map>,
                }

                impl Cache {
                    pub async fn probe(&self) {
                        let read = self.map.read().await;
                        assert!(self.map.try_write().is_err(), "a writer got in under {} readers", read.len());
                    }
                }
                """))).isEmpty();
    }

    /** sentry-rust's hub methods: the body sits in the crate's own `with_client_impl! {{ .. }}` wrapper. */
    private static final String HUB = """
            use std::sync::{Mutex, RwLock};

            pub struct Hub {
                stack: RwLock<Vec<u64>>,
                last: Mutex<u64>,
            }

            impl Hub {
                pub fn capture(&self, id: u64) -> u64 {
                    with_client_impl! {{
                        let stack = self.stack.read().unwrap();
                        *self.stack.write().unwrap() = vec![id];
                        id + stack.len() as u64
                    }}
                }

                pub fn sized(&self) -> usize {
                    with_client_impl! {{ self.stack.read().unwrap().len() } + 1 }
                }

                pub fn quiet(&self) -> usize {
                    with_client_impl! {{ let n = self.stack.read().unwrap().len(); } { n } }
                }
            }
            """;

    @Test
    void aBlockWrappedInACratesOwnMacroIsParsedAsStatements() throws ParseFailure {
        RustTree tree = RustParser.forCurrentThread().parse(HUB, ParseLimits.DEFAULT);
        assertThat(tree.hasErrors()).isFalse();
        Node capture = tree.find(tree.root(), "macro_invocation").get(0);
        assertThat(tree.find(capture, "let_declaration")).hasSize(1);
        assertThat(tree.find(capture, "call_expression").stream().map(tree::text))
                .contains("self.stack.read()", "self.stack.write()");
        // A block followed by more is still parsed when the whole is one Rust expression (`{ .. } + 1`);
        // two blocks side by side are not one, and keep their tokens.
        Node sized = macroStarting(tree, "with_client_impl! {{ self.stack.read().unwrap().len() } + 1");
        assertThat(tree.find(sized, "call_expression").stream().map(tree::text)).contains("self.stack.read()");
        Node quiet = macroStarting(tree, "with_client_impl! {{ let n");
        assertThat(tree.find(quiet, "call_expression")).isEmpty();
        List<Finding> f = new DoubleLock().check(Snippet.added(HUB));
        assertThat(f).extracting(Finding::ruleId, Finding::severity, Finding::startLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CC1", Severity.CRITICAL, 11));
    }

    private static Node macroStarting(RustTree tree, String text) {
        return tree.find(tree.root(), "macro_invocation").stream().filter(m -> tree.text(m).startsWith(text))
                .findFirst().orElseThrow();
    }

    @Test
    void aBlockInAMacroThatRulesReadAsTokensIsLeftAlone() throws ParseFailure {
        RustTree tree = RustParser.forCurrentThread().parse("""
                fn f(m: &Mutex<u32>) {
                    quote! {{ let x = m.lock().unwrap(); }}
                }
                """, ParseLimits.DEFAULT);
        assertThat(tree.find(tree.find(tree.root(), "macro_invocation").get(0), "call_expression")).isEmpty();
    }
}
