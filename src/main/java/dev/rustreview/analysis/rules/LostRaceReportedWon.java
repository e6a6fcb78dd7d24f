package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.List;

/**
 * CC21: ER2's "failure reported as success" on a compare-and-swap. The arms are read as ER2 reads them (shared
 * code); the rule is its own because a lost race read as won is an exclusion bug, not a lost error message (spin-rs
 * 02d9ee8f: every thread racing to initialise a {@code Once} "won" and ran the initialiser).
 */
public final class LostRaceReportedWon implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC21", RiskArea.CONCURRENCY, Severity.HIGH,
            "Lost race reported as won",
            "A `match` on `compare_exchange`/`compare_exchange_weak`/`compare_and_swap`/`fetch_update` whose `Err(e) "
                    + "=> Ok(..)` arm builds the same value as its `Ok(v) => Ok(..)` arm with `e` in place of `v`, "
                    + "when the change touches either arm: every thread that loses the race is told it won.",
            "It compares one-line arms as text (as ER2): an arm over several lines, a CAS result stored in a "
                    + "`let` before the `match`, or a failure turned into success through a helper is not seen.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        return FailureAsSuccess.findings(file, INFO, true);
    }
}
