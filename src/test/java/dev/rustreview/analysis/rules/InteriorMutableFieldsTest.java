package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class InteriorMutableFieldsTest {

    private final InteriorMutableFields rule = new InteriorMutableFields();

    @Test
    void refCellField() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::cell::RefCell;
                pub struct Parser {
                    input: String,
                    cache: RefCell<HashMap<usize, Node>>,
                }
                """), "SS3", Severity.MEDIUM, 4, 4);
        assertThat(f.objects()).containsExactly("cache", "RefCell<HashMap<usize, Node>>");
        assertThat(f.explanation()).contains("`Parser`", "`&self`");
    }

    @Test
    void cellAndUnsafeCellFields() {
        assertSingle(rule, Snippet.added("""
                use std::cell::Cell;
                struct Meter { hits: Cell<u32> }
                """), "SS3", Severity.MEDIUM, 2, 2);
        assertSingle(rule, Snippet.added("""
                pub struct Slot<T>(std::cell::UnsafeCell<Option<T>>);
                """), "SS3", Severity.MEDIUM, 1, 1);
    }

    @Test
    void testCodeIsLow() {
        assertSingle(rule, Snippet.added("""
                #[cfg(test)]
                mod tests {
                    use std::cell::RefCell;
                    struct Recorder { calls: RefCell<Vec<String>> }
                }
                """), "SS3", Severity.LOW, 4, 4);
    }

    @Test
    void domainCellTypesAndLocksAreFine() {
        assertNone(rule, Snippet.added("""
                use crate::grid::Cell;
                struct Board { cells: Vec<Cell>, current: Cell }
                struct Shared { m: Mutex<u32>, once: OnceLock<String> }
                """));
    }

    @Test
    void rcRefCellIsLeftToSs1() {
        assertNone(rule, Snippet.added("""
                use std::cell::RefCell;
                struct Node { next: Option<Rc<RefCell<Node>>> }
                """));
    }

    @Test
    void untouchedFieldAndDocCommentAreNotReported() {
        assertNone(rule, Snippet.of("src/parser.rs", """
                  use std::cell::RefCell;
                  struct Parser {
                      cache: RefCell<Vec<u8>>,
                +     /// Not a `RefCell<..>`: plain data.
                +     depth: usize,
                  }
                """));
    }
}
