package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;

/**
 * CC18: a guard clause deleted in front of atomic operations or a lock. In lock-free and locked code the early
 * exits are part of the protocol: a reference count that must not pass its maximum (sharded-slab aea693f3), a slot
 * that a re-entrant call already filled (thread_local a706e66). Without the guard the compare-exchange loop or the
 * counter update runs in exactly the state it was kept from.
 */
public final class SyncGuardClauseRemoved extends GuardClauseRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("CC18", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "guard removed before atomic or locked code",
            "In a non-test fn that stays, the change deletes a guard clause, an `if` whose block ends with `return`, "
                    + "`break`, `continue`, `Err(..)?` or `bail!(..)` (`if refs >= MAX { return None; }`), or the leading branch of an `if .. "
                    + "else if` chain, with its condition's words gone from the fn, in front of code that does an "
                    + "atomic operation with an explicit ordering (`compare_exchange`, `fetch_*`, `load`, `store`, "
                    + "`swap`) or takes a lock (`lock()`, `try_lock()`, `write()`), or that sits in the closure of a call "
                    + "that runs it under a lock or as a compare-and-swap (`tx.send_if_modified(|v| ..)`, "
                    + "`send_modify`, `fetch_update`, `rcu`); guards in poll fns are AL10's.",
            "It compares text, not meaning: a guard moved into a helper or the caller, or rewritten in other words, "
                    + "reads as removed; it cannot tell whether the state the guard excluded can still occur.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Guarded kind() {
        return Guarded.SYNC;
    }

    @Override
    String what() {
        return "atomic or locked code";
    }

    @Override
    String risk() {
        return "updates shared state through atomics or under a lock";
    }

    @Override
    String check() {
        return "Say which state the guard excluded (a count at its maximum, a slot already filled, a closed or "
                + "poisoned state) and why it can no longer reach this code; if it can, keep the guard, and add a "
                + "test that reaches that state.";
    }
}
