package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC49: a fn that forks no longer holds its locks across the fork. */
class ForkLocksReleasedTest {

    private final ForkLocksReleased rule = new ForkLocksReleased();

    /** mirrord's fork hook with its fix (55d8eb8f) reversed. */
    private static final String FORK = """
              pub(crate) unsafe extern "C" fn fork_detour() -> pid_t {
            -     let sockets = SOCKETS.lock();
            -     let open_files = OPEN_FILES.lock();
                  unsafe {
                      let res = FN_FORK();
                      if res == 0 { reset_child(); }
            -         drop(sockets);
            -         drop(open_files);
                      res
                  }
              }
            """;

    @Test
    void aForkNoLongerHoldingItsLocksIsReported() {
        List<Finding> f = RuleRun.on(rule, "mirrord/layer/src/lib.rs", FORK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC49", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`fork_detour` forks without holding `SOCKETS`, `OPEN_FILES`");
    }

    @Test
    void theFixALockStillTakenAndNoForkAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", FORK.replaceAll("(?m)^-", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", FORK.replace("-     let sockets = SOCKETS.lock();\n-     let open_files = OPEN_FILES.lock();",
                "-     let sockets = SOCKETS.lock();\n-     let open_files = OPEN_FILES.lock();\n+     let guards = (SOCKETS.lock(), OPEN_FILES.lock());"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", FORK.replace("FN_FORK()", "spawn_child()"))).isEmpty();
    }
}
