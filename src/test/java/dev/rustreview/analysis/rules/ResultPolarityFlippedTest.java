package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER26: a line replaced by itself with `is_ok()` and `is_err()` swapped. */
class ResultPolarityFlippedTest {

    private final ResultPolarityFlipped rule = new ResultPolarityFlipped();

    /** sentry-rust's TransportThread::flush with its fix (16baf61c) reversed. */
    private static final String FLUSH = """
              impl TransportThread {
                  /// Waits until the queue is flushed; returns `true` when it was within `timeout`.
                  pub fn flush(&self, timeout: Duration) -> bool {
                      let (sender, receiver) = sync_channel(1);
                      let _ = self.sender.send(Task::Flush(sender));
            -         receiver.recv_timeout(timeout).is_ok()
            +         receiver.recv_timeout(timeout).is_err()
                  }
              }
            """;

    @Test
    void aSwappedOutcomeIsReportedInEitherDirection() {
        List<Finding> f = RuleRun.on(rule, "sentry/src/transports/thread.rs", FLUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER26", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`flush` now tests `.is_err()` where it tested `.is_ok()`");
        String fix = FLUSH.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).isNotEqualTo(FLUSH).contains("+         receiver.recv_timeout(timeout).is_ok()");
        // the fix is a swap too: the reviewer confirms it the same way
        assertThat(RuleRun.shape(RuleRun.on(rule, "sentry/src/transports/thread.rs", fix)))
                .containsExactly(tuple("ER26", MEDIUM, NEW, 6, 6));
    }

    @Test
    void equivalentRewritesOtherEditsAndTestsAreQuiet() {
        // `!x.is_ok()` to `x.is_err()` keeps the meaning
        assertThat(RuleRun.on(rule, "sentry/src/transports/thread.rs", FLUSH
                .replace("-         receiver.recv_timeout(timeout).is_ok()", "-         !receiver.recv_timeout(timeout).is_ok()")))
                .isEmpty();
        // the call changed too
        assertThat(RuleRun.on(rule, "sentry/src/transports/thread.rs", FLUSH
                .replace("+         receiver.recv_timeout(timeout).is_err()", "+         receiver.try_recv().is_err()"))).isEmpty();
        // no swap: the same test, reformatted
        assertThat(RuleRun.on(rule, "sentry/src/transports/thread.rs", FLUSH
                .replace("+         receiver.recv_timeout(timeout).is_err()", "+         receiver.recv_timeout( timeout ).is_ok()"))).isEmpty();
        // both outcomes were tested and one of the lines stays: nothing was inverted
        assertThat(RuleRun.on(rule, "sentry/src/transports/thread.rs", FLUSH
                .replace("-         receiver.recv_timeout(timeout).is_ok()", "-         receiver.recv_timeout(timeout).is_ok()\n-         receiver.recv_timeout(timeout).is_err()"))).isEmpty();
        // a test fn
        assertThat(RuleRun.on(rule, "sentry/src/transports/thread.rs", FLUSH
                .replace("  impl TransportThread {", "  #[cfg(test)]\n  mod tests {"))).isEmpty();
    }

    /** fuser's is_mounted with its fix (1a7842ef, a Claude-co-authored commit) reversed: the POLLERR test inverted. */
    private static final String MOUNTED = """
              fn is_mounted(fuse_device: &DevFuse) -> bool {
                  let res = poll(slice::from_mut(&mut poll_fd), PollTimeout::ZERO);
                  match res {
                      Ok(0) => true,
            -         Ok(1) => !poll_fd
            +         Ok(1) => poll_fd
                          .revents()
                          .is_some_and(|r| r.contains(PollFlags::POLLERR)),
                      Ok(_) => unreachable!(),
                  }
              }
            """;

    @Test
    void aNegationToggledOnAnErrorTestIsReported() {
        var f = RuleRun.on(new ResultPolarityFlipped(), "src/mnt/mod.rs", MOUNTED);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER26", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`is_mounted` now tests the opposite of an error check: a `!` added or removed");
        // a negation added (the other direction of a toggle is one too)
        assertThat(RuleRun.on(new ResultPolarityFlipped(), "src/mnt/mod.rs", MOUNTED.replace("-         Ok(1) => !poll_fd", "@")
                .replace("+         Ok(1) => poll_fd", "+         Ok(1) => !poll_fd").replace("@", "-         Ok(1) => poll_fd")))
                .hasSize(1);
        // `if !failed` read without whitespace is `if!failed`: the keyword is no macro name
        assertThat(RuleRun.shape(RuleRun.on(new ResultPolarityFlipped(), "src/lib.rs", """
                  fn f(failed: bool) {
                -     if !failed { commit(); }
                +     if failed { commit(); }
                  }
                """))).containsExactly(tuple("ER26", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aNegationToggledOnSomethingElseAMacroBangAndInequalityAreQuiet() {
        assertThat(RuleRun.on(new ResultPolarityFlipped(), "src/lib.rs", MOUNTED.replace("POLLERR", "POLLIN"))).isEmpty();
        assertThat(RuleRun.on(new ResultPolarityFlipped(), "src/lib.rs", """
                  fn f(err: &Error) {
                -     assert!(err.is_fatal());
                +     assert(err.is_fatal());
                -     if err.code != 0 { log(err); }
                +     if err.code = 0 { log(err); }
                  }
                """)).isEmpty();
    }

    /** slint c5431669 (an agent's refactor): four `if !diag.enable_experimental { error }` became one helper. */
    @Test
    void aGuardClauseTurnedAroundWithItsHandlingAfterItIsQuietAndAFlippedExitIsNot() {
        assertThat(RuleRun.on(new ResultPolarityFlipped(), "internal/compiler/object_tree.rs", """
                  impl Element {
                      fn assert_experimental_slots(diagnostics: &mut BuildDiagnostics, node: &SyntaxNode) -> bool {
                -         if !diagnostics.enable_experimental {
                -             diagnostics.push_error("'named slots' is an experimental feature".into(), node);
                -         }
                +         if diagnostics.enable_experimental {
                +             return true;
                +         }
                +         diagnostics.push_error("'named slots' is an experimental feature".into(), node);
                +         false
                      }
                  }
                """)).isEmpty();
        // both blocks only exit: the test is flipped and what follows runs in the other case
        assertThat(RuleRun.shape(RuleRun.on(new ResultPolarityFlipped(), "src/lib.rs", """
                  fn check(report: &Report) -> Result<(), Error> {
                -     if !report.failed {
                +     if report.failed {
                          return Ok(());
                      }
                      Err(Error::Failed)
                  }
                """))).containsExactly(tuple("ER26", MEDIUM, NEW, 2, 2));
    }
}
