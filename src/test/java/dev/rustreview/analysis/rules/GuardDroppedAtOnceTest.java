package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC55: a lock's guard bound to {@code _}, dropped at the end of its statement. */
class GuardDroppedAtOnceTest {

    private final GuardDroppedAtOnce rule = new GuardDroppedAtOnce();
    private final SwallowedErrorRule er1 = new SwallowedErrorRule();

    /** cnosdb's flush job with ad88c5b2 reversed: the flush's write guard named `_`. */
    private static final String FLUSH = """
              use std::sync::Arc;
              use tokio::sync::RwLock;

              pub struct FlushJob {
                  version: Arc<Version>,
              }

              impl FlushJob {
                  pub async fn run(
                      self,
                      ctx: Arc<TsKvContext>,
                      lock: Arc<RwLock<()>>,
                  ) -> TskvResult<()> {
            -         let _write_guard = lock.write().await;
            +         let _ = lock.write().await;
                      info!("begin flush data {}", self.version);
                      self.flush_index(&ctx).await?;
                      self.flush_columns(&ctx).await
                  }

                  async fn flush_index(&self, ctx: &TsKvContext) -> TskvResult<()> {
                      ctx.index.flush().await
                  }
              }
            """;

    @Test
    void anAsyncWriteGuardBoundToUnderscoreIsReportedAndErOneLeavesItAlone() {
        List<Finding> f = RuleRun.on(rule, "tskv/src/compaction/job.rs", FLUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC55", HIGH, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`let _ = lock.write().await` in `run` drops the guard at once");
        assertThat(f.get(0).explanation()).contains("the code after it in `run` runs without the lock");
        assertThat(RuleRun.on(er1, "tskv/src/compaction/job.rs", FLUSH)).isEmpty();
    }

    @Test
    void aNamedGuardIsNotReported() {
        String named = FLUSH.replace("+         let _ = lock.write().await;", "+         let _w = lock.write().await;");
        assertThat(named).isNotEqualTo(FLUSH);
        assertThat(RuleRun.on(rule, "tskv/src/compaction/job.rs", named)).isEmpty();
    }

    /** A std mutex through `.unwrap()`, and a crate type's own `lock` field reached through `self`. */
    private static final String STD = """
              use std::sync::Mutex;

              struct Registry {
                  entries: Mutex<Vec<Entry>>,
                  gate: Mutex<()>,
              }

              impl Registry {
                  fn add(&self, e: Entry) {
            +         let _ = self.gate.lock().unwrap();
                      self.check(&e);
                      self.entries.lock().unwrap().push(e);
                  }

                  fn quiesce(&self) {
                      // wait for a running `add` to finish
            +         let _ = self.gate.lock().unwrap();
                  }
              }
            """;

    @Test
    void aStdGuardIsHighWhenCodeFollowsAndMediumWhenItOnlyWaits() {
        List<Finding> f = RuleRun.on(rule, "src/registry.rs", STD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC55", HIGH, NEW, 8, 8), tuple("CC55", MEDIUM, NEW, 14, 14));
        assertThat(f.get(1).explanation()).contains("the lock is only waited for, not held");
    }

    @Test
    void refCellBorrowsTestCodeAndUnchangedLinesAreNotReported() {
        String borrow = """
                  use std::cell::RefCell;
                  struct Ui {
                      state: RefCell<State>,
                  }
                  impl Ui {
                      fn touch(&self) {
                +         let _ = self.state.borrow_mut();
                          self.redraw();
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "src/ui.rs", borrow)).isEmpty();
        String test = """
                  use std::sync::Mutex;
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn poisoned() {
                          let m = std::sync::Mutex::new(1);
                +         let _ = m.lock().unwrap();
                          assert_eq!(1, 1);
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "src/lib.rs", test)).isEmpty();
        String unchanged = STD.replace("+         let _ = self.gate", "          let _ = self.gate");
        assertThat(unchanged).isNotEqualTo(STD);
        assertThat(RuleRun.on(rule, "src/registry.rs", unchanged)).isEmpty();
    }

    @Test
    void aGuardTakenAndReleasedBeforeANotifyIsABarrierAtMedium() {
        String notify = """
                  use std::sync::{Condvar, Mutex};
                  struct Shared {
                      wait_lock: Mutex<()>,
                      trigger: Condvar,
                  }
                  impl Shared {
                      fn wake_sender(&self, queue: Queue) {
                +         let _ = self.wait_lock.lock().unwrap();
                          drop(queue);
                          self.trigger.notify_one();
                      }
                  }
                """;
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", notify))).containsExactly(tuple("CC55", MEDIUM, NEW, 8, 8));
    }
}
