package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN30: a conversion or Display that calls itself through the trait. */
class SelfRecursiveConversionTest {

    private final SelfRecursiveConversion rule = new SelfRecursiveConversion();

    /** wasm-bindgen d4b21e7d, reversed. */
    private static final String NUMBER = """
              impl From<&Number> for f64 {
                  #[inline]
                  fn from(n: &Number) -> f64 {
                      n.value_of()
                  }
              }
              impl From<Number> for f64 {
                  #[inline]
                  fn from(n: Number) -> f64 {
            -         <f64 as From<&'_ Number>>::from(&n)
            +         n.into()
                  }
              }
            """;

    @Test
    void fromThatCallsIntoOnItsArgument() {
        List<Finding> f = RuleRun.on(rule, "crates/js-sys/src/lib.rs", NUMBER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN30", HIGH, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`n.into()` in `from` calls itself");
        String fix = NUMBER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         <f64 as From");
        assertThat(RuleRun.on(rule, "src/lib.rs", fix)).isEmpty();
        // into() on something else, or more than a bare into()
        assertThat(RuleRun.on(rule, "src/lib.rs", NUMBER.replace("+         n.into()", "+         n.0.into()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", NUMBER.replace("+         n.into()", "+         f64::from(n.value_of())")))
                .isEmpty();
    }

    @Test
    void displayThatFormatsItself() {
        String display = """
                  impl fmt::Display for Token {
                      fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                -         write!(f, "{}", self.0)
                +         write!(f, "token {}", self)
                      }
                  }
                """;
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/token.rs", display))).containsExactly(tuple("PN30", HIGH, NEW, 2, 2));
        // Debug of self inside Display, or a field, is fine
        assertThat(RuleRun.on(rule, "src/token.rs", display.replace("\"token {}\", self", "\"token {:?}\", self"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/token.rs", display.replace("+         write!(f, \"token {}\", self)",
                "+         write!(f, \"token {}\", self.0)"))).isEmpty();
        // a recursion the change did not write (another line of the fn changed) is not this change's
        assertThat(RuleRun.on(rule, "src/token.rs", """
                  impl fmt::Display for Token {
                      fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                -         let _ = 1;
                +         let _ = 2;
                          write!(f, "token {}", self)
                      }
                  }
                """)).isEmpty();
        // the same body in Debug::fmt is not this rule's (Debug of a Display is fine)
        assertThat(RuleRun.on(rule, "src/token.rs", display.replace("impl fmt::Display", "impl fmt::Debug"))).isEmpty();
    }
}
