package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER27: an error arm left with nothing but its log line. */
class ErrorArmReducedToLogTest {

    private final ErrorArmReducedToLog rule = new ErrorArmReducedToLog();

    /** turso's spill write completion with its fix (bea9648a) reversed. */
    private static final String SPILL = """
              impl HashTable {
                  fn spill_partition(&mut self, io_state: Rc<Cell<SpillIOState>>) -> Result<Completion> {
                      let write_complete = Box::new(move |res: Result<i32, CompletionError>| match res {
                          Ok(_) => {
                              tracing::trace!("Successfully wrote spilled partition to disk");
                              io_state.set(SpillIOState::WriteComplete);
                          }
                          Err(e) => {
                              tracing::error!("Error writing spilled partition to disk: {e:?}");
            -                 io_state.set(SpillIOState::Error);
                          }
                      });
                      Ok(Completion::new_write(write_complete))
                  }
              }
            """;

    @Test
    void anErrorArmLeftWithOnlyItsLogIsReported() {
        List<Finding> f = RuleRun.on(rule, "core/vdbe/hash_table.rs", SPILL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER27", MEDIUM, NEW, 8, 10));
        assertThat(f.get(0).title()).isEqualTo("The `Err(e)` arm in `spill_partition` now only logs");
        assertThat(f.get(0).explanation()).contains("io_state.set(SpillIOState::Error)");
    }

    @Test
    void theFixArmsThatKeepHandlingAndUnchangedArmsAreQuiet() {
        String fix = SPILL.replace("-                 io_state.set(SpillIOState::Error);",
                "+                 io_state.set(SpillIOState::Error);");
        assertThat(RuleRun.on(rule, "core/vdbe/hash_table.rs", fix)).isEmpty();
        // the arm still returns the error after logging
        assertThat(RuleRun.on(rule, "core/vdbe/hash_table.rs", SPILL.replace(
                "              tracing::error!(\"Error writing spilled partition to disk: {e:?}\");",
                "              tracing::error!(\"Error writing spilled partition to disk: {e:?}\");\n                          return Err(e);")))
                .isEmpty();
        // the deleted line was in another arm: the Err arm only logged before too
        String other = """
                  fn on_done(res: Result<i32, E>, state: &Cell<State>) {
                      match res {
                          Ok(_) => {
                -             state.set(State::Done);
                          }
                          Err(e) => {
                              tracing::error!("write failed: {e:?}");
                          }
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "core/vdbe/hash_table.rs", other)).isEmpty();
        // the arm did only log before the change as well (a log line reworded)
        String reworded = """
                  fn on_done(res: Result<i32, E>) {
                      match res {
                          Ok(_) => {}
                          Err(e) => {
                -             tracing::error!("write failed: {e:?}");
                +             tracing::warn!("write failed: {e:?}");
                          }
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "core/vdbe/hash_table.rs", reworded)).isEmpty();
    }

    @Test
    void anEmptiedArmAndANewArmBeforeAnOldOneAreNotThisRule() {
        // emptied, not reduced to a log line (a swallowed error: ER1's)
        assertThat(RuleRun.on(rule, "core/vdbe/hash_table.rs", SPILL.replace(
                "                  tracing::error!(\"Error writing spilled partition to disk: {e:?}\");\n", ""))).isEmpty();
        // a new match with a logging arm added in front of an arm that still handles its error
        String inserted = """
                  fn on_done(res: Result<i32, E>, other: Result<(), E>, state: &Cell<State>) {
                +     match other {
                +         Ok(()) => {}
                +         Err(e) => {
                +             tracing::warn!("cleanup failed: {e:?}");
                +         }
                +     }
                      match res {
                          Ok(_) => {}
                          Err(e) => {
                              tracing::error!("write failed: {e:?}");
                              state.set(State::Failed);
                          }
                      }
                -     drop(other);
                  }
                """;
        assertThat(RuleRun.on(rule, "core/vdbe/hash_table.rs", inserted)).isEmpty();
    }

    @Test
    void anIfLetErrBlockLeftWithOnlyItsLogIsReported() {
        // smithay 85f83ab6 reversed: a failure to re-acquire DRM master is logged, and the device is marked active
        String bug = """
                  impl DrmDevice {
                      pub fn activate(&mut self, disable_connectors: bool) -> Result<(), Error> {
                          if self.device_fd().is_privileged() {
                              if let Err(err) = self.acquire_master_lock() {
                -                 error!("Failed to acquire drm master on activate. Error: {}", err);
                -                 return Err(Error::DrmMasterFailed);
                +                 error!("Failed to acquire drm master again. Error: {}", err);
                              }
                          }
                          self.set_active(true);
                          Ok(())
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "src/backend/drm/device/mod.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER27", MEDIUM, NEW, 4, 6));
        assertThat(f.get(0).title())
                .isEqualTo("The `if let Err(err) = self.acquire_master_lock()` block in `activate` now only logs");
        // the fix direction, and a block whose scrutinee changed (a different operation, not the same branch)
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+                 return Err(");
        assertThat(RuleRun.on(rule, "src/mod.rs", fix)).isEmpty();
        assertThat(RuleRun.on(rule, "src/mod.rs", bug.replace("""
                              if let Err(err) = self.acquire_master_lock() {
                """, """
                -             if let Err(err) = self.acquire_master_lock() {
                +             if let Err(err) = self.try_acquire() {
                """))).isEmpty();
        // a crate's own log macro renamed (monoio 9655fa44): the block only logged before too
        assertThat(RuleRun.on(rule, "src/runtime.rs", """
                  fn block_on(&mut self) {
                      if let Err(e) = self.driver.park() {
                -         tracing!("park error: {:?}", e);
                +         trace!("park error: {:?}", e);
                      }
                  }
                """)).isEmpty();
        // a let-else is not an error block
        assertThat(RuleRun.on(rule, "src/mod.rs", bug.replace("if let Err(err) = self.acquire_master_lock() {",
                "let Err(err) = self.acquire_master_lock() else {"))).isEmpty();
    }

    /** rathole feb8c2db reversed: a heartbeat timeout in a `select!` arm of the control channel's loop. */
    private static final String HEARTBEAT_FIXED = """
              impl<T: Transport> ControlChannel<T> {
                  async fn run(&mut self) -> Result<()> {
                      loop {
                          tokio::select! {
                              val = read_control_cmd(&mut conn) => {
                                  self.handle(val?).await?;
                              },
                              _ = time::sleep(Duration::from_secs(self.heartbeat_timeout)), if self.heartbeat_timeout != 0 => {
                                  return Err(anyhow!("Heartbeat timed out"))
                              }
                              _ = &mut self.shutdown_rx => {
                                  break;
                              }
                          }
                      }
                      Ok(())
                  }
              }
            """;

    private static final String HEARTBEAT_BUGGY = HEARTBEAT_FIXED.replace(
            "                    return Err(anyhow!(\"Heartbeat timed out\"))\n",
            "                    warn!(\"Heartbeat timed out\");\n                    break;\n");

    @Test
    void anErrorReturnReplacedByItsLogLineAndABreakIsReported() {
        assertThat(HEARTBEAT_BUGGY).isNotEqualTo(HEARTBEAT_FIXED).contains("warn!(\"Heartbeat timed out\");");
        List<Finding> f = RuleRun.on(rule, "src/client.rs", RuleRun.diff(HEARTBEAT_FIXED, HEARTBEAT_BUGGY));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER27", MEDIUM, NEW, 9, 10));
        assertThat(f.get(0).title()).isEqualTo("`run` logs \"Heartbeat timed out\" and goes on where it returned the error");
        assertThat(f.get(0).explanation()).contains("line 9 of the old file").contains("`break;`");
    }

    @Test
    void theErrorReturnKeptOrAnotherMessageLoggedIsQuiet() {
        assertThat(RuleRun.on(rule, "src/client.rs", RuleRun.diff(HEARTBEAT_BUGGY, HEARTBEAT_FIXED))).isEmpty();
        // logged and still returned
        String both = HEARTBEAT_FIXED.replace("                    return Err(anyhow!(\"Heartbeat timed out\"))\n",
                "                    warn!(\"Heartbeat timed out\");\n                    return Err(anyhow!(\"Heartbeat timed out\"))\n");
        assertThat(RuleRun.on(rule, "src/client.rs", RuleRun.diff(HEARTBEAT_FIXED, both))).isEmpty();
        // a different message logged before the break: not the same failure
        String other = HEARTBEAT_BUGGY.replace("warn!(\"Heartbeat timed out\")", "warn!(\"Shutting down the channel\")");
        assertThat(RuleRun.on(rule, "src/client.rs", RuleRun.diff(HEARTBEAT_FIXED, other))).isEmpty();
    }
}
