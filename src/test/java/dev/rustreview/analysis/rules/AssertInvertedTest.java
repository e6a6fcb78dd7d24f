package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN25: an assertion replaced by its negation. */
class AssertInvertedTest {

    private final AssertInverted rule = new AssertInverted();

    /** agatedb f9e145f7, reversed: asserting that a fresh id was already in the set. */
    private static final String FILL = """
              impl Core {
                  fn fill_tables_l0_to_l0(&self, compact_def: &mut CompactDef, cpt_status: &mut CompactStatus) -> bool {
                      for table in compact_def.top.iter() {
            -             assert!(cpt_status.tables.insert(table.id()));
            +             assert!(!cpt_status.tables.insert(table.id()));
                      }
                      true
                  }
              }
            """;

    @Test
    void assertionReplacedByItsNegation() {
        List<Finding> f = RuleRun.on(rule, "src/levels.rs", FILL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN25", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).explanation()).contains("asserted `cpt_status.tables.insert(table.id())`");
        // the fix is the same kind of change the other way round: it is reported too, which is right for a review
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/levels.rs", FILL.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+")))).containsExactly(tuple("PN25", MEDIUM, NEW, 4, 4));
        // with a message, through debug_assert!, and with parentheses around the negated condition
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self) {
                -     debug_assert!(self.ready && !self.closed, "not ready");
                +     debug_assert!(!(self.ready && !self.closed), "not ready");
                  }
                """))).containsExactly(tuple("PN25", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aNegationInParenthesesTakenOff() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self) {
                -     assert!(!(self.ready && self.open));
                +     assert!(self.ready && self.open);
                  }
                """))).containsExactly(tuple("PN25", MEDIUM, NEW, 2, 2));
    }

    @Test
    void otherEditsOfAssertionsAreFine() {
        // opposite assertions in two branches, one of them already there
        assertThat(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self, open: bool) {
                      if open { assert!(self.ready); }
                -     else { }
                +     else { assert!(!self.ready); }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self, closing: bool) {
                -     assert!(self.ready);
                      if closing { assert!(!self.ready); }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self) {
                -     assert!(self.ready, "not ready");
                +     assert!(self.ready, "state machine not ready");
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self) {
                -     assert!(self.ready);
                +     assert!(self.started);
                  }
                """)).isEmpty();
        // the negation was already there before the change
        assertThat(RuleRun.on(rule, "src/levels.rs", """
                  fn step(&mut self) {
                -     assert!(self.ready);
                      assert!(!self.ready || self.started);
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/levels.rs", """
                  #[test]
                  fn step() {
                -     assert!(ready());
                +     assert!(!ready());
                  }
                """)).isEmpty();
    }
}
