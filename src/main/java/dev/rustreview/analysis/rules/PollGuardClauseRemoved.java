package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;

/**
 * AL10: a guard clause deleted from a poll fn (one that takes a {@code Context} or returns {@code Poll}). A poll
 * fn's early exits are its lifecycle: a cancelled flag that ends the future, a closed state that returns
 * {@code Ready(None)}, a done flag that keeps it from being polled past completion. Without the exit the future
 * goes on waiting for something that will not come, and whoever waits for it (a graceful shutdown) hangs:
 * hyper-util 62ceda74 is the reverse of its fix, where a connection still reading its protocol version ignored
 * the server's shutdown.
 */
public final class PollGuardClauseRemoved extends GuardClauseRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("AL10", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "early exit removed from a poll fn",
            "In a non-test fn that stays and takes a `Context` or returns `Poll` (a `poll`, `poll_next`, "
                    + "`poll_ready`), the change deletes a guard clause, an `if` whose block ends with `return`, "
                    + "`break`, `continue`, `Err(..)?` or `bail!(..)` (`if *this.cancelled { return Poll::Ready(Err(..)); }`), or the leading "
                    + "branch of an `if .. else if` chain, with its condition's words gone from the fn.",
            "It compares text, not meaning: an exit moved into a helper or into the state machine's other arm reads "
                    + "as removed, and whether anything still wakes the future in the state the exit handled is not "
                    + "checked.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Guarded kind() {
        return Guarded.POLL;
    }

    @Override
    String what() {
        return "the rest of a poll";
    }

    @Override
    String risk() {
        return "polls on toward `Pending` or a result";
    }

    @Override
    String check() {
        return "Say what ends this future now in the state the guard handled (cancelled, closed, finished) and what "
                + "wakes it; if nothing does, keep the exit, and add a test that cancels or closes it while it waits.";
    }
}
