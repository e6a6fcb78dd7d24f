package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN28: an integer logarithm of a value that can be zero. */
class ZeroLogUncheckedTest {

    private final ZeroLogUnchecked rule = new ZeroLogUnchecked();

    /** gitbutler 0fad1dc2, reversed: the number of digits of 0. */
    private static final String DIGITS = """
              fn num_digits(n: u32) -> u32 {
            -     if n == 0 { 1 } else { n.ilog10() + 1 }
            +     n.ilog10() + 1
              }
            """;

    @Test
    void logarithmWithoutAZeroCheck() {
        List<Finding> f = RuleRun.on(rule, "crates/but/src/command/legacy/status/tui/details.rs", DIGITS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN28", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`n.ilog10()` panics when `n` is 0 in `num_digits`");
        assertThat(RuleRun.on(rule, "src/details.rs", DIGITS.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/tree.rs", """
                  fn depth(&self) -> u32 {
                -     0
                +     self.len.ilog2()
                  }
                """))).containsExactly(tuple("PN28", MEDIUM, NEW, 2, 2));
    }

    @Test
    void checkedClampedAndNonZeroValuesAreFine() {
        for (String guard : List.of("if n == 0 { return 1; }", "assert!(n > 0);", "if 0 < n { }", "let m = n.max(1);")) {
            assertThat(RuleRun.on(rule, "src/details.rs", DIGITS.replace("+     n.ilog10() + 1",
                    "+     " + guard + "\n+     n.ilog10() + 1"))).as(guard).isEmpty();
        }
        assertThat(RuleRun.on(rule, "src/details.rs", DIGITS.replace("fn num_digits(n: u32)", "fn num_digits(n: NonZeroU32)")))
                .isEmpty();
        // values that cannot be zero by how they are built (tokio's timer wheel and histogram)
        for (String binding : List.of("let n = elapsed ^ when | SLOT_MASK;", "let n = requested.next_power_of_two();",
                "let n = count + 1;", "let mut n = raw.max(1);")) {
            assertThat(RuleRun.on(rule, "src/details.rs", DIGITS.replace("+     n.ilog10() + 1",
                    "+     " + binding + "\n+     n.ilog10() + 1"))).as(binding).isEmpty();
        }
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/details.rs", DIGITS.replace("+     n.ilog10() + 1",
                "+     let n = elapsed ^ when;\n+     n.ilog10() + 1")))).containsExactly(tuple("PN28", MEDIUM, NEW, 3, 3));
        // a line that was there before
        assertThat(RuleRun.on(rule, "src/details.rs", """
                  fn num_digits(n: u32) -> u32 {
                -     let a = 0;
                +     let a = 1;
                      n.ilog10() + 1
                  }
                """)).isEmpty();
    }
}
