package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;

/**
 * CC41: a guard clause deleted that left when the run was cancelled or shutting down ({@code if
 * self.cancel_state.is_some() { return; }}). Cancellation is a race with the work still arriving: without the
 * check, a unit that arrives after the cancel starts anyway, and whatever waits for the run to wind down waits for
 * it too. nextest 15808dca reversed: the dispatcher handed new tests their channels while the run was cancelled.
 */
public final class CancelGuardClauseRemoved extends GuardClauseRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("CC41", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "cancellation guard removed",
            "In a non-test fn that stays, the change deletes a guard clause, an `if` whose block ends with `return`, "
                    + "`break`, `continue`, `Err(..)?` or `bail!(..)`, or the leading branch of an `if .. else if` chain, whose condition tests "
                    + "cancellation or shutdown (a name with `cancel`, `shutdown`, `shutting_down`, `stopping`, "
                    + "`stopped`, `aborted`, `terminat`, `closing`, `closed`), with its words gone from the fn; guards "
                    + "in poll fns, before atomics or a lock, before unsafe code, or that bound a value are AL10's, "
                    + "CC18's, US13's and PN11's.",
            "It reads the condition's names: a check moved into the caller or a helper reads as removed, and it "
                    + "cannot tell whether work can still arrive after the cancel.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Guarded kind() {
        return Guarded.CANCEL;
    }

    @Override
    String what() {
        return "work that must not start after a cancel";
    }

    @Override
    String risk() {
        return "starts new work (hands out channels, spawns, sends)";
    }

    @Override
    String check() {
        return "Check whether this can run after the cancel or shutdown began (work already queued, a late event); "
                + "if it can, keep the early exit so nothing new starts.";
    }
}
