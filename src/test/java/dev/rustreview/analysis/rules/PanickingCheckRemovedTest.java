package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN7: a change deletes the `thread::panicking()` check that kept a panic from firing during unwinding. */
class PanickingCheckRemovedTest {

    private final PanickingCheckRemoved pn7 = new PanickingCheckRemoved();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(pn7, path, diff);
    }

    @Test
    void aCheckDeletedFromAnAssertInAMacroReachedFromDropIsReported() {
        // The shape of loom 9a546f6c reversed: the assertion a destructor reaches loses its short-circuit.
        List<Finding> f = run("src/rt/path.rs", """
                  macro_rules! assert_path_len {
                      ($branches:expr) => {{
                          assert!(
                -             $branches.len() < $branches.capacity() || std::thread::panicking(),
                +             $branches.len() < $branches.capacity(),
                              "Model exceeded maximum number of branches.",
                          );
                      }};
                  }
                  pub(crate) struct Path { branches: Vec<u8> }
                  impl Path {
                      pub(crate) fn push(&mut self, b: u8) {
                          assert_path_len!(self.branches);
                          self.branches.push(b);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN7", MEDIUM, OLD, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`thread::panicking()` check removed beside `assert!`");
    }

    @Test
    void aDropThatNowPanicsWhileUnwindingIsReported() {
        List<Finding> f = run("src/guard.rs", """
                  pub struct Guard<'a> { done: bool, name: &'a str }
                  impl Drop for Guard<'_> {
                      fn drop(&mut self) {
                -         if !std::thread::panicking() {
                -             assert!(self.done, "{} dropped before completion", self.name);
                -         }
                +         assert!(self.done, "{} dropped before completion", self.name);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN7", MEDIUM, OLD, 4, 4));
    }

    @Test
    void checksKeptMovedOrWithoutAPanicBesideThemAndTestCodeAreQuiet() {
        // Moved into a helper of the same file; deleted where nothing panics; deleted in test code and test paths.
        assertThat(run("src/guard.rs", """
                  pub struct Guard { done: bool }
                  fn unwinding() -> bool { std::thread::panicking() }
                  impl Drop for Guard {
                      fn drop(&mut self) {
                -         if !std::thread::panicking() {
                +         if !unwinding() {
                              assert!(self.done);
                          }
                      }
                  }
                  pub struct Log { lines: Vec<String> }
                  impl Drop for Log {
                      fn drop(&mut self) {
                -         if std::thread::panicking() {
                -             self.lines.push("unwinding".into());
                -         }
                          self.lines.clear();
                      }
                  }
                """)).isEmpty();
        String inTest = """
                  #[cfg(test)]
                  mod tests {
                      struct Probe;
                      impl Drop for Probe {
                          fn drop(&mut self) {
                -             if !std::thread::panicking() {
                -                 panic!("leaked");
                -             }
                +             panic!("leaked");
                          }
                      }
                  }
                """;
        assertThat(run("src/lib.rs", inTest)).isEmpty();
        assertThat(run("tests/drop.rs", """
                  struct Probe;
                  impl Drop for Probe {
                      fn drop(&mut self) {
                -         assert!(std::thread::panicking() || false);
                +         assert!(false);
                      }
                  }
                """)).isEmpty();
    }
}
