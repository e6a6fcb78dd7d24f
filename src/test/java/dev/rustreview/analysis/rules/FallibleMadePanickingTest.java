package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER10: a fn that returned Result or Option now returns the bare value and panics instead. */
class FallibleMadePanickingTest {

    private final FallibleMadePanicking rule = new FallibleMadePanicking();

    @Test
    void aCapacityConversionThatReturnedAnErrorNowPanicsOnOverflow() {
        // http's to_raw_capacity with its fix (691af725) reversed.
        List<Finding> f = RuleRun.on(rule, "src/header/map.rs", """
                  fn try_reserve(&mut self, additional: usize) -> Result<(), MaxSizeReached> {
                -     let raw_cap = to_raw_capacity(cap)?;
                +     let raw_cap = to_raw_capacity(cap);
                      Ok(())
                  }
                - fn to_raw_capacity(n: usize) -> Result<usize, MaxSizeReached> {
                -     n.checked_add(n / 3).ok_or_else(MaxSizeReached::new)
                + fn to_raw_capacity(n: usize) -> usize {
                +     match n.checked_add(n / 3) {
                +         Some(n) => n,
                +         None => panic!(
                +             "requested capacity {} too large: overflow while converting to raw capacity",
                +             n
                +         ),
                +     }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER10", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo(
                "`to_raw_capacity` returned `Result<usize, MaxSizeReached>` and now panics instead");
    }

    @Test
    void anOptionMadeBareWithExpectAndGenericsWithParenthesesInTheirBounds() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                - fn first<F: Fn(u8) -> bool>(items: &[u8], f: F) -> Option<u8> {
                + fn first<F: Fn(u8) -> bool>(items: &[u8], f: F) -> u8 {
                      let items = LOCK.lock().unwrap();
                -     items.iter().copied().find(|i| f(*i))
                +     items.iter().copied().find(|i| f(*i)).expect("one matches")
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER10", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`first` returned `Option<u8>` and now panics instead");
    }

    @Test
    void quietWhenTheReturnStaysFallibleNoPanicIsAddedOrItWasNeverFallible() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                - fn parse(s: &str) -> Result<u8, Error> {
                -     s.parse().map_err(Error::from)
                + fn parse(s: &str) -> io::Result<u8> {
                +     Ok(s.parse().unwrap())
                  }
                - fn len(s: &str) -> Option<usize> {
                -     Some(s.len())
                + fn len(s: &str) -> usize {
                +     s.len()
                  }
                  fn get(&self) -> u8 {
                -     self.a
                +     self.a.unwrap()
                  }
                - fn unit(x: Result<(), E>) -> Result<(), E> {
                -     x.unwrap();
                -     Ok(())
                + fn unit(x: Result<(), E>) {
                +     x.unwrap();
                  }
                """);
        assertThat(f).isEmpty();
    }
}
