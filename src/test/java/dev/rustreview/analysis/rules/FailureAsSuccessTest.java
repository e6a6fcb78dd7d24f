package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER2: an Err arm that builds the same Ok as the Ok arm; CC21 when the match is on a compare-and-swap. */
class FailureAsSuccessTest {

    private final FailureAsSuccess er2 = new FailureAsSuccess();
    private final LostRaceReportedWon cc21 = new LostRaceReportedWon();

    /** spin-rs's Once status with its fix (02d9ee8f) reversed. */
    private static final String ONCE = """
                  impl AtomicStatus {
                      pub fn load(&self, ordering: Ordering) -> Status {
                          unsafe { Status::new_unchecked(self.0.load(ordering)) }
                      }
                      pub fn compare_exchange(&self, old: Status, new: Status, success: Ordering, failure: Ordering) -> Result<Status, Status> {
                          match self.0.compare_exchange(old as u8, new as u8, success, failure) {
                              // both values were stored from a Status
                              Ok(ok) => Ok(unsafe { Status::new_unchecked(ok) }),
                -             Err(err) => Err(unsafe { Status::new_unchecked(err) }),
                +             Err(err) => Ok(unsafe { Status::new_unchecked(err) }),
                          }
                      }
                  }
                """;

    @Test
    void aCompareExchangeWrapperReportsALostRaceAsWon() {
        List<Finding> f = RuleRun.on(cc21, "src/once.rs", ONCE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC21", HIGH, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("A lost compare-and-swap is reported as won in `compare_exchange`");
        assertThat(f.get(0).explanation()).contains("lost the race reads as its winner");
        assertThat(RuleRun.on(er2, "src/once.rs", ONCE)).isEmpty();
    }

    @Test
    void aSearchMissReportedAsAHitIsEr2NotCc21() {
        String source = """
                  impl Index {
                      pub fn slot(&self, key: u64) -> Result<Slot, Slot> {
                          match self.keys.binary_search(&key) {
                              Ok(i) => Ok(Slot(i)),
                -             Err(i) => Err(Slot(i)),
                +             Err(i) => Ok(Slot(i)),
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(er2, "src/index.rs", source);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER2", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`Err(i)` becomes `Ok(Slot(i))` in `slot`, like the `Ok` arm");
        assertThat(RuleRun.on(cc21, "src/index.rs", source)).isEmpty();
    }

    @Test
    void distinctValuesPlainValuesFailureVariantsAndUntouchedMatchesAreQuiet() {
        List<Finding> f = RuleRun.on(er2, "src/lib.rs", """
                  fn current(a: &AtomicUsize) -> usize {
                      match a.compare_exchange(0, 1, AcqRel, Acquire) {
                          Ok(v) => v,
                +         Err(v) => v,
                      }
                  }
                  fn run(shell: &mut Shell) -> Result<Outcome, Error> {
                      match shell.step() {
                          Ok(out) => Ok(Outcome::Done(out)),
                +         Err(e) => Ok(Outcome::Failed(e)),
                      }
                  }
                  fn parse(s: &str) -> Result<u8, String> {
                      match s.parse::<u8>() {
                          Ok(n) => Ok(n),
                +         Err(e) => Err(e.to_string()),
                      }
                  }
                  fn old(s: &str) -> Result<u8, u8> {
                +     let x = 1;
                      match s.len().try_into() {
                          Ok(n) => Ok(n),
                          Err(n) => Ok(n),
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
