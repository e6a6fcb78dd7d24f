package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN21: a removal inside a loop over a length computed once. */
class RemovedInsideIndexLoopTest {

    private final RemovedInsideIndexLoop rule = new RemovedInsideIndexLoop();

    /** actix's cancelled-future cleanup with its fix (42fbf0c6) reversed. */
    private static final String CLEANUP = """
              fn poll(&mut self) {
                  while self.handles.len() > 2 {
                      let handle = self.handles.pop().unwrap();
            -         let mut idx = 0;
            -         while idx < self.items.len() {
            +         for idx in 0..self.items.len() {
                          if self.items[idx].0 == handle {
                              self.items.swap_remove(idx);
            -             } else {
            -                 idx += 1;
                          }
                      }
                  }
              }
            """;

    @Test
    void removingInsideALoopOverTheOldLengthIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/contextimpl.rs", CLEANUP);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN21", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`self.items.swap_remove(..)` inside `for idx in 0..self.items.len()` in `poll`");
        assertThat(f.get(0).explanation()).contains("The loop on line 4");
        for (String call : List.of("v.remove(i);", "v.pop();", "v.truncate(i);", "v.drain(i..);")) {
            assertThat(RuleRun.on(rule, "src/lib.rs", "  fn f(v: &mut Vec<u8>) {\n      for i in 0..v.len() {\n"
                    + "          if v[i] == 0 {\n+             " + call + "\n          }\n      }\n  }\n")).as(call).hasSize(1);
        }
    }

    @Test
    void safeFormsAreLeftAlone() {
        // the fix direction
        assertThat(RuleRun.on(rule, "src/contextimpl.rs", CLEANUP.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+")))
                .isEmpty();
        String body = "          if v[i] == 0 {\n+             v.remove(i);\n%s          }\n";
        // a loop that only counts: tokio's StreamMap::poll_next_many keeps its own wrapped cursor
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(&mut self, mut idx: usize) {
                      for step in 0..self.entries.len() {
                          if self.entries[idx].done() {
                +             self.entries.swap_remove(idx);
                              idx = if idx == self.entries.len() { 0 } else { idx };
                          }
                      }
                  }
                """)).isEmpty();
        for (String loop : List.of("for i in (0..v.len()).rev() {", "for i in 0..w.len() {", "for i in 0..n {")) {
            assertThat(RuleRun.on(rule, "src/lib.rs", "  fn f(v: &mut Vec<u8>) {\n      " + loop + "\n"
                    + body.formatted("") + "      }\n  }\n")).as(loop).isEmpty();
        }
        for (String exit : List.of("break;", "return;", "continue 'outer;")) {
            assertThat(RuleRun.on(rule, "src/lib.rs", "  fn f(v: &mut Vec<u8>) {\n      for i in 0..v.len() {\n"
                    + body.formatted("              " + exit + "\n") + "      }\n  }\n")).as(exit).isEmpty();
        }
        // an unchanged loop in a fn the change touches elsewhere
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(v: &mut Vec<u8>) {
                      for i in 0..v.len() {
                          v.swap_remove(i);
                      }
                -     log(1);
                +     log(2);
                  }
                """)).isEmpty();
    }
}
