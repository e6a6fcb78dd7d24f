package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC31: the race loser's wait for the winner deleted. */
class SpinWaitRemovedTest {

    private final SpinWaitRemoved rule = new SpinWaitRemoved();

    /** log's set_logger_inner with its fix (637ae01b) reversed. */
    private static final String SET_LOGGER = """
              fn set_logger_inner<F>(make_logger: F) -> Result<(), SetLoggerError>
              where
                  F: FnOnce() -> &'static Log,
              {
                  unsafe {
            -         match STATE.compare_and_swap(UNINITIALIZED, INITIALIZING, Ordering::SeqCst) {
            -             UNINITIALIZED => {
            -                 LOGGER = make_logger();
            -                 STATE.store(INITIALIZED, Ordering::SeqCst);
            -                 Ok(())
            -             }
            -             INITIALIZING => {
            -                 while STATE.load(Ordering::SeqCst) == INITIALIZING {
            -                     spin_loop_hint();
            -                 }
            -                 Err(SetLoggerError(()))
            -             }
            -             _ => Err(SetLoggerError(())),
            +         if STATE.compare_and_swap(UNINITIALIZED, INITIALIZING, Ordering::SeqCst) != UNINITIALIZED {
            +             return Err(SetLoggerError(()));
                      }
            +         LOGGER = make_logger();
            +         STATE.store(INITIALIZED, Ordering::SeqCst);
            +         Ok(())
                  }
              }
            """;

    @Test
    void theLosersWaitDeletedIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", SET_LOGGER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC31", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`set_logger_inner` no longer waits (`while STATE.load(Ordering::SeqCst) "
                + "== INITIALIZING`) after losing the race on `STATE`");
    }

    @Test
    void theFixAWaitKeptOrMovedAndLoopsThatDoWorkAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", SET_LOGGER.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+"))).isEmpty();
        // a wait on the atomic is still in the fn
        assertThat(RuleRun.on(rule, "src/lib.rs", SET_LOGGER.replace("+             return Err(SetLoggerError(()));",
                "+             while STATE.load(Ordering::Acquire) != INITIALIZED { std::hint::spin_loop(); }\n+             return Err(SetLoggerError(()));"))).isEmpty();
        // the fn no longer races on that atomic
        assertThat(RuleRun.on(rule, "src/lib.rs", SET_LOGGER.replace("+         if STATE.compare_and_swap(UNINITIALIZED, INITIALIZING, Ordering::SeqCst) != UNINITIALIZED {",
                "+         if STATE.load(Ordering::SeqCst) != UNINITIALIZED {"))).isEmpty();
        // the deleted loop did work, not a wait
        assertThat(RuleRun.on(rule, "src/lib.rs", SET_LOGGER.replace("spin_loop_hint();", "drain_queue();"))).isEmpty();
    }
}
