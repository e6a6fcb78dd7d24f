package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.regex.Pattern;

/**
 * AL6: an {@code .await} taken out of the condition that guarded it. The await that ran only when the token
 * was not yet cancelled ({@code if self.is_cancelled() { None } else { fut.await }}) now always runs: a future
 * polled once after cancellation may complete and do its work although the caller asked it not to.
 */
public final class AwaitUnguarded extends GuardRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("AL6", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "await taken out of its check",
            "An `.await` statement that sat inside an `if`/`else`/`match` arm (also of an `if` whose value a `let` "
                    + "binds) of a non-test fn before the "
                    + "change and is unchanged but unconditional after it, with the condition's words gone from the fn "
                    + "(a cancellation, shutdown or readiness check no longer made before waiting).",
            "It compares text, not meaning: a check moved into the awaited future (which may then decide the same "
                    + "way) still reads as removed; it cannot tell whether the awaited future checks the condition "
                    + "itself before doing any work.");

    private static final Pattern RISKY = Pattern.compile("\\.\\s*await\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Pattern risky() {
        return RISKY;
    }

    @Override
    String title(Unguarded.Site site, String condition) {
        return "`.await` in `" + site.fn().name() + "` no longer behind `" + condition + "`";
    }

    @Override
    String explanation(Unguarded.Site site, String condition) {
        return "Before the change, the `.await` on line " + site.line() + " ran only under `" + condition + "`; the "
                + "change removes that condition from `" + site.fn().name() + "`, so the future is now polled on paths "
                + "where it was not: after a cancellation or shutdown was already signalled, a future that is ready "
                + "at once completes and does its work anyway, or the task waits for something that will not come.";
    }

    @Override
    String check(Unguarded.Site site, String condition) {
        return "Check what `" + condition + "` protected against and whether the awaited future checks it itself "
                + "before doing anything; if not, keep the check.";
    }
}
