package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS11: a flag set or cleared idempotently, now toggled. */
class ClearMadeToggleTest {

    private final ClearMadeToggle rule = new ClearMadeToggle();

    /** actix-server's worker availability with its fix (20c2da17) reversed. */
    private static final String AVAILABILITY = """
              impl Availability {
                  fn set_available(&mut self, idx: usize, avail: bool) {
                      let (offset, idx) = if idx < 128 { (0, idx) } else { (1, idx - 128) };
            -         let off = 1 << idx as u128;
                      if avail {
            -             self.0[offset] |= off;
            +             self.0[offset] |= 1 << idx as u128;
                      } else {
            -             self.0[offset] &= !off
            +             let shift = 1 << idx as u128;
            +             debug_assert_ne!(self.0[offset] & shift, 0);
            +             self.0[offset] ^= shift;
                      }
                  }
              }
            """;

    @Test
    void aClearedBitNowToggledIsReported() {
        List<Finding> f = RuleRun.on(rule, "actix-server/src/accept.rs", AVAILABILITY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS11", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`self.0[offset]` is toggled where `set_available` set or cleared it");
    }

    @Test
    void anAtomicFetchAndMadeFetchXorIsReported() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/state.rs", """
                  impl State {
                      fn unset_running(&self) {
                -         self.val.fetch_and(!RUNNING, AcqRel);
                +         self.val.fetch_xor(RUNNING, AcqRel);
                      }
                  }
                """))).containsExactly(tuple("SS11", MEDIUM, NEW, 3, 3));
    }

    @Test
    void anotherFlagAToggleThereBeforeOrATestIsNotReported() {
        // a toggle of another value
        assertThat(RuleRun.on(rule, "actix-server/src/accept.rs",
                AVAILABILITY.replace("self.0[offset] ^= shift;", "self.1 ^= shift;"))).isEmpty();
        // the fn toggled this value before the change: the change edits a toggle
        assertThat(RuleRun.on(rule, "src/state.rs", """
                  impl State {
                      fn flip(&self) {
                          self.val.fetch_xor(NOTIFIED, AcqRel);
                -         self.val.fetch_or(RUNNING, AcqRel);
                +         self.val.fetch_xor(RUNNING, AcqRel);
                      }
                  }
                """)).isEmpty();
        // in a test
        assertThat(RuleRun.on(rule, "actix-server/src/accept.rs",
                AVAILABILITY.replace("      fn set_available", "      #[test]\n      fn set_available"))).isEmpty();
    }
}
