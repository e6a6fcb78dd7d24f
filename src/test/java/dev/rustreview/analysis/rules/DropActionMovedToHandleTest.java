package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL16: a final action moved from the shared state's Drop to the Drop of a handle that shares it through Arc. */
class DropActionMovedToHandleTest {

    private final DropActionMovedToHandle rule = new DropActionMovedToHandle();

    /** async-process's kill_on_drop with its fix (6ea203d78) reversed. */
    private static final String CHILD = """
              struct ChildGuard {
                  inner: Option<std::process::Child>,
                  reap_on_drop: bool,
            -     kill_on_drop: bool,
              }
              pub struct Child {
                  pub stdin: Option<ChildStdin>,
                  child: Arc<Mutex<ChildGuard>>,
            +     kill_on_drop: bool,
              }
              impl Drop for ChildGuard {
                  fn drop(&mut self) {
            -         if self.kill_on_drop {
            -             self.get_mut().kill().ok();
            -         }
                      if self.reap_on_drop {
                          ZOMBIES.lock().unwrap().push(self.inner.take());
                      }
                  }
              }
            + impl Drop for Child {
            +     fn drop(&mut self) {
            +         if self.kill_on_drop {
            +             self.kill().ok();
            +         }
            +     }
            + }
            """;

    @Test
    void theKillMovedFromTheSharedGuardToTheHandle() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", CHILD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL16", MEDIUM, NEW, 20, 20));
        assertThat(f.get(0).title()).isEqualTo("`Drop for Child` now calls `kill()`, which ran in `Drop for ChildGuard`");
    }

    @Test
    void quietWhenTheSharedStateStillActsTheHandleOwnsItOutrightOrTheActionIsAnother() {
        // the guard keeps its kill; the handle owns the guard without an Arc; the handle closes, the guard killed
        assertThat(RuleRun.on(rule, "src/lib.rs", CHILD
                .replace("-         if self.kill_on_drop {\n", "          if self.kill_on_drop {\n")
                .replace("-             self.get_mut().kill().ok();\n", "              self.get_mut().kill().ok();\n")
                .replace("-         }\n", "          }\n"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", CHILD.replace("child: Arc<Mutex<ChildGuard>>,", "child: Mutex<ChildGuard>,")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", CHILD.replace("+             self.kill().ok();", "+             self.close().ok();")))
                .isEmpty();
        // the handle's kill was there before the change: only the guard's went
        String handleKept = CHILD.substring(0, CHILD.indexOf("+ impl Drop for Child"))
                + CHILD.substring(CHILD.indexOf("+ impl Drop for Child")).replace("\n+ ", "\n  ").replaceFirst("^\\+ ", "  ");
        assertThat(handleKept).doesNotContain("+ impl");
        assertThat(RuleRun.on(rule, "src/lib.rs", handleKept)).isEmpty();
    }
}
