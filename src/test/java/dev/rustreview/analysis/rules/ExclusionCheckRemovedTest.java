package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC17: a lock's acquisition loses one of the checks under which it grants access. */
class ExclusionCheckRemovedTest {

    private final ExclusionCheckRemoved cc17 = new ExclusionCheckRemoved();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(cc17, path, diff);
    }

    @Test
    void aGrantingIfThatLosesAConjunctIsReportedWithTheDroppedCheck() {
        // The shape of glommio 16950f4e reversed: try_write stops checking for a writer.
        List<Finding> f = run("src/sync/rwlock.rs", """
                  struct State { readers: usize, writers: usize, closed: bool }
                  impl State {
                      fn try_read(&mut self) -> Result<bool, ()> {
                          if self.writers == 0 {
                              self.readers += 1;
                              return Ok(true);
                          }
                          Ok(false)
                      }
                      fn try_write(&mut self) -> Result<bool, ()> {
                          if self.closed {
                              return Err(());
                          }
                -         if self.readers == 0 && self.writers == 0 {
                +         if self.readers == 0 {
                              self.writers += 1;
                              return Ok(true);
                          }
                          Ok(false)
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC17", MEDIUM, NEW, 14, 14));
        assertThat(f.get(0).title()).isEqualTo("Exclusion check removed from `try_write`: `self.writers == 0`");
        assertThat(f.get(0).explanation()).contains("only `self.readers == 0` holds").contains("two writers");
    }

    @Test
    void aRefusingMatchArmReplacedByAWildcardIsReported() {
        // The shape of loom 16e5e9a0 reversed, in an impl named for the lock (the file is not).
        List<Finding> f = run("src/rt/object.rs", """
                  enum Locked { Read(usize), Write(usize) }
                  struct State { lock: Option<Locked> }
                  pub(crate) struct RwLock { state: State }
                  impl RwLock {
                      fn post_acquire_write_lock(&mut self, thread_id: usize) -> bool {
                          self.state.lock = match self.state.lock {
                              Some(Locked::Read(_)) => return false,
                -             Some(Locked::Write(_)) => return false,
                -             None => Some(Locked::Write(thread_id)),
                +             _ => Some(Locked::Write(thread_id)),
                          };
                          true
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC17", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo(
                "Exclusion check removed from `post_acquire_write_lock`: the arm refusing `Some(Locked::Write(_))` is gone");
    }

    @Test
    void checksKeptMovedIntoTheBlockOrOutsideExclusionCodeAreQuiet() {
        // A conjunct split into a nested if, a condition rewritten (not a subset), a non-granting if, a new check
        // added, and the same drop in a file and fn that are not about exclusion.
        String lockFile = """
                  struct State { readers: usize, writers: usize, waiting: usize }
                  impl State {
                      fn try_write(&mut self) -> bool {
                -         if self.readers == 0 && self.writers == 0 {
                +         if self.readers == 0 {
                +             if self.writers != 0 {
                +                 return false;
                +             }
                              self.writers += 1;
                              return true;
                          }
                          false
                      }
                      fn try_upgrade(&mut self) -> bool {
                -         if self.readers == 1 && self.writers == 0 {
                +         if self.readers <= 1 && self.writers == 0 {
                              self.writers += 1;
                              return true;
                          }
                          false
                      }
                      fn wake_writer(&self) -> bool {
                -         if self.waiting > 0 && self.writers == 0 {
                +         if self.waiting > 0 {
                              return true;
                          }
                          false
                      }
                      fn try_read(&mut self) -> bool {
                -         if self.writers == 0 {
                +         if self.writers == 0 && self.waiting == 0 {
                              self.readers += 1;
                              return true;
                          }
                          false
                      }
                  }
                """;
        assertThat(run("src/sync/rwlock.rs", lockFile)).isEmpty();
        assertThat(run("src/config.rs", """
                  struct Config { verbose: bool, colour: bool, width: usize }
                  impl Config {
                      fn apply(&mut self) {
                -         if self.verbose && self.colour {
                +         if self.verbose {
                              self.width = 120;
                          }
                      }
                      fn kind(&self) -> bool {
                          match self.width {
                -             0 => return false,
                -             1 => true,
                +             _ => true,
                          }
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void testCodeIsLeftAlone() {
        String diff = """
                  struct Sem { permits: usize, closed: bool }
                  fn acquire(s: &mut Sem) -> bool {
                -     if s.permits > 0 && !s.closed {
                +     if s.permits > 0 {
                          s.permits -= 1;
                          return true;
                      }
                      false
                  }
                """;
        assertThat(run("tests/semaphore.rs", diff)).isEmpty();
        assertThat(RuleRun.shape(run("src/lib.rs", diff))).containsExactly(tuple("CC17", MEDIUM, NEW, 3, 3));
    }
}
