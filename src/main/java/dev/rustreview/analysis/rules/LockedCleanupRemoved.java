package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.List;

/**
 * SS6: the change deletes a branch that removed or completed an entry of state reached through a lock (a
 * slab's {@code ops.remove(index)} in the arm for an operation that completed but was never polled). The
 * shared structure keeps the entry: it leaks, or a later reader finds a stale one. See {@link CleanupBranches}.
 */
public final class LockedCleanupRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS6", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "cleanup of locked state removed",
            "The change deletes a whole `if`/`if let`/`match` arm of a non-test fn that stays, whose body removed, "
                    + "completed, released, cancelled or woke something (`ops.remove(index)`), after the fn took a lock "
                    + "(`lock()`, `write()`, `borrow_mut()`), and the call is gone from the file (not moved).",
            "It cannot tell whether another path (a `Drop`, a sweep elsewhere) now removes the entry, nor whether the "
                    + "removed data was the locked state or a local.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        return CleanupBranches.in(file).stream().filter(CleanupBranches.Removed::locked)
                .map(r -> WakeupPathRemoved.cleanupFinding(INFO, file, r)).toList();
    }
}
