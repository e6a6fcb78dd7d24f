package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS21: the store that tells a polling loop to stop is deleted. */
class StopFlagNoLongerSetTest {

    private final StopFlagNoLongerSet rule = new StopFlagNoLongerSet();

    /** watchexec's keyboard source with its fix (f85eefab) reversed. */
    private static final String KEYBOARD = """
              async fn watch_stdin(close_r: Receiver<()>) -> Result<(), CriticalError> {
                  let cancel = Arc::new(AtomicBool::new(false));
                  let cancel_clone = cancel.clone();
                  let reader = spawn_blocking(move || {
                      while !cancel_clone.load(Ordering::Relaxed) {
                          read_byte();
                      }
                  });
                  tokio::select! {
                      _ = read_events() => {}
            -         _ = close_r => {
            -             // Signal the blocking thread to stop
            -             cancel.store(true, Ordering::Relaxed);
            -         }
            +         _ = close_r => {}
                  }
                  Ok(())
              }
            """;

    @Test
    void theOnlyStopStoreForAPolledFlagDeletedIsReportedOnItsOldLine() {
        List<Finding> f = RuleRun.on(rule, "crates/lib/src/sources/keyboard.rs", KEYBOARD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS21", MEDIUM, OLD, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`cancel` is no longer set to true in `watch_stdin`: the loop that polls "
                + "it never stops");
        // a running flag cleared no more is the same
        String running = KEYBOARD.replace("cancel", "running").replace("while !running_clone", "while running_clone")
                .replace("running.store(true", "running.store(false");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/keyboard.rs", running))).containsExactly(tuple("SS21", MEDIUM, OLD, 13, 13));
    }

    @Test
    void aStoreKeptElsewhereAFlagNobodyPollsOrAnotherNameIsQuiet() {
        // still stored in another fn of the file
        assertThat(RuleRun.on(rule, "src/keyboard.rs", KEYBOARD + "  fn stop(cancel: &AtomicBool) { cancel.store(true, Ordering::SeqCst); }\n"))
                .isEmpty();
        // nothing loops on it
        assertThat(RuleRun.on(rule, "src/keyboard.rs", KEYBOARD.replace("while !cancel_clone.load(Ordering::Relaxed) {",
                "if !cancel_clone.load(Ordering::Relaxed) {"))).isEmpty();
        // a flag whose name says nothing about stopping
        assertThat(RuleRun.on(rule, "src/keyboard.rs", KEYBOARD.replace("cancel", "dirty"))).isEmpty();
    }

    /** watchexec f85eefab reversed as it was: the store after the `select!` moved into its close branch. */
    private static final String MOVED = """
              async fn watch_stdin(close_r: Receiver<()>) -> Result<(), CriticalError> {
                  let cancel = Arc::new(AtomicBool::new(false));
                  let cancel_clone = cancel.clone();
                  let reader = spawn_blocking(move || {
                      while !cancel_clone.load(Ordering::Relaxed) {
                          read_byte();
                      }
                  });
                  tokio::select! {
                      _ = read_events() => {}
            -         _ = close_r => {}
            +         _ = close_r => {
            +             cancel.store(true, Ordering::Relaxed);
            +         }
                  }
            -     cancel.store(true, Ordering::Relaxed);
                  Ok(())
              }
            """;

    @Test
    void aStopStoreMovedFromTheFnsLevelIntoOneBranchIsReportedButNotOneKeptOutside() {
        List<Finding> f = RuleRun.on(rule, "crates/lib/src/sources/keyboard.rs", MOVED);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS21", MEDIUM, dev.rustreview.model.Side.NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`cancel` is now set to true only in one branch of `watch_stdin`: the "
                + "loop that polls it may never stop");
        // a flag written through a field, moved the same way
        String field = MOVED.replace("cancel.store(true", "self.cancel.store(true").replace("async fn watch_stdin(close_r",
                "async fn watch_stdin(&self, close_r");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/keyboard.rs", field)))
                .containsExactly(tuple("SS21", MEDIUM, dev.rustreview.model.Side.NEW, 12, 12));
        // also kept at the fn's level
        assertThat(RuleRun.on(rule, "src/keyboard.rs", MOVED.replace("-     cancel.store(true, Ordering::Relaxed);",
                "-     drop(reader);\n      cancel.store(true, Ordering::Relaxed);"))).isEmpty();
    }
}
