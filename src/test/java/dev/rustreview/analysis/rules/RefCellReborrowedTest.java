package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

/** PN10 takes the RefCell cases of CC1 and CC3: the same walk, reported as the panic it is. */
class RefCellReborrowedTest {

    private final RefCellReborrowed rule = new RefCellReborrowed();

    /** A single-threaded driver: a RefCell of state, methods that borrow it and call each other. */
    private static final String DRIVER = """
            use std::cell::RefCell;
            use std::rc::Rc;
            pub struct Inner { ops: Vec<u32>, queue: Vec<u32> }
            pub struct Driver { inner: RefCell<Inner>, on_submit: Box<dyn Fn(u32)> }
            impl Driver {
                fn note(&self, op: u32) {
                    self.inner.borrow_mut().queue.push(op);
                }
                pub fn push(&self, op: u32) -> usize {
                    let mut inner = self.inner.borrow_mut();
                    inner.ops.push(op);
                    self.note(op);
                    inner.ops.len()
                }
                pub fn submit_with<F: FnOnce() -> u32>(&self, f: F) -> u32 {
                    let mut inner = self.inner.borrow_mut();
                    let entry = f();
                    inner.queue.push(entry);
                    entry
                }
                pub fn peek_twice(&self) -> usize {
                    let a = self.inner.borrow();
                    let b = self.inner.borrow();
                    a.ops.len() + b.queue.len()
                }
                pub fn submit_released<F: FnOnce() -> u32>(&self, f: F) -> u32 {
                    let len = self.inner.borrow_mut().queue.len() as u32;
                    let entry = f();
                    self.inner.borrow_mut().queue.push(entry);
                    entry + len
                }
            }
            """;

    @Test
    void aCrateFnThatBorrowsAgainUnderAMutableBorrowPanics() {
        Finding f = assertSingle(rule, Snippet.added(keep(DRIVER, "fn note", "pub fn push")), "PN10",
                Severity.CRITICAL, 10, 12);
        assertThat(f.area()).isEqualTo(RiskArea.PANICS);
        assertThat(f.title()).isEqualTo("`self.note(op)` borrows `Driver::inner` again while its borrow is alive");
        assertThat(f.explanation()).contains("borrow error").doesNotContain("deadlock");
        assertNone(new DoubleLock(), Snippet.added(keep(DRIVER, "fn note", "pub fn push")));
    }

    @Test
    void aCallbackCalledUnderAMutableBorrowMayReenterIt() {
        String source = keep(DRIVER, "pub fn submit_with");
        Finding f = assertSingle(rule, Snippet.added(source), "PN10", Severity.HIGH, 7, 8);
        assertThat(f.title()).isEqualTo("Callback `f` called while `self.inner` is borrowed");
        assertThat(f.explanation()).contains("already-borrowed").doesNotContain("lock order");
        assertNone(new CallWhileLocked(), Snippet.added(source));
    }

    @Test
    void aDirectSecondMutableBorrowIsCritical() {
        assertSingle(rule, Snippet.added("""
                use std::cell::RefCell;
                struct Cache { map: RefCell<Vec<u8>> }
                impl Cache {
                    fn refill(&self) {
                        let mut map = self.map.borrow_mut();
                        map.clear();
                        self.map.borrow_mut().push(1);
                    }
                }
                """), "PN10", Severity.CRITICAL, 5, 7);
    }

    @Test
    void sharedBorrowsABorrowEndedBeforeTheCallAndLocksAreNotPn10() {
        assertNone(rule, Snippet.added(keep(DRIVER, "pub fn peek_twice")));
        assertNone(rule, Snippet.added(keep(DRIVER, "pub fn submit_released")));
        String locked = """
                use std::sync::Mutex;
                pub struct Pool { state: Mutex<Vec<u32>> }
                impl Pool {
                    pub fn with<F: FnOnce() -> u32>(&self, f: F) {
                        let mut state = self.state.lock().unwrap();
                        state.push(f());
                    }
                }
                """;
        assertNone(rule, Snippet.added(locked));
        assertSingle(new CallWhileLocked(), Snippet.added(locked), "CC3", Severity.HIGH, 5, 6);
    }

    @Test
    void anotherLockOrRefCellTakenUnderABorrowIsNoLockOrder() {
        assertNone(rule, Snippet.added("""
                use std::cell::RefCell;
                use std::sync::Mutex;
                pub struct Both { cell: RefCell<u32>, shared: Mutex<u32> }
                impl Both {
                    fn bump(&self) { *self.shared.lock().unwrap() += 1; }
                    pub fn run(&self) {
                        let mut c = self.cell.borrow_mut();
                        *c += 1;
                        self.bump();
                    }
                }
                """));
    }

    /** The driver's header and impl with only the fns whose signature starts with one of {@code fns}. */
    private static String keep(String source, String... fns) {
        StringBuilder out = new StringBuilder();
        boolean in = true;
        for (String line : source.split("\n", -1)) {
            if (line.startsWith("    ") && !line.startsWith("        ") && line.contains("fn ")) {
                in = false;
                for (String fn : fns) {
                    in |= line.trim().startsWith(fn);
                }
            }
            if (in || !line.startsWith("    ")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
