package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;

/**
 * PN15: a guard clause deleted that left when a lookup found nothing ({@code if self.prs().get(to).is_none() {
 * return; }}), while the fn still hands the key on or indexes with it. The entry can go away between the moment
 * work for it was queued and the moment the work runs (a peer removed while an asynchronous fetch for it was
 * pending); the code after the guard looks the key up again and panics on the missing entry: raft-rs 2a3d7b660
 * reversed.
 */
public final class PresenceGuardClauseRemoved extends GuardClauseRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("PN15", RiskArea.PANICS, Severity.MEDIUM,
            "presence guard removed",
            "In a non-test fn that stays, the change deletes a guard clause, an `if` whose block ends with `return`, "
                    + "`break`, `continue`, `Err(..)?` or `bail!(..)`, or the leading branch of an `if .. else if` chain, whose condition tests "
                    + "that a lookup found nothing (`x.get(k).is_none()`, `!x.contains_key(&k)`, `!x.contains(&k)`), "
                    + "with its words gone from the fn, while the code after it passes the key `k` to a call or indexes "
                    + "with it (`self.send_append(to)`, `map[&k]`); guards in poll fns, before atomics or a lock, or "
                    + "before unsafe code are AL10's, CC18's and US13's.",
            "It reads the condition as text: it cannot tell whether the entry can really be gone when the fn runs, "
                    + "nor whether the call it hands the key to tolerates a missing entry.",
            "indexing_slicing");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Guarded kind() {
        return Guarded.PRESENCE;
    }

    @Override
    String what() {
        return "code that needs the entry";
    }

    @Override
    String risk() {
        return "looks the key up again (a call that expects the entry, an index by the key, which panics when it is "
                + "missing)";
    }

    @Override
    String check() {
        return "Check whether the entry can be gone when this runs (removed while work for it was queued, a callback "
                + "that arrives late); if it can, keep the early exit.";
    }
}
