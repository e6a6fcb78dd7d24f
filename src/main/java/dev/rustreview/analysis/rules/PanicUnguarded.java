package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.regex.Pattern;

/**
 * PN3: a panic taken out of the condition that guarded it. The {@code assert!} that ran only while a flag said
 * the counter was still counted (tokio's blocking pool, #7922) now runs on every path: the panic site is old,
 * so the panic rule calls it pre-existing, but when it can fire is new.
 */
public final class PanicUnguarded extends GuardRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("PN3", RiskArea.PANICS, Severity.MEDIUM, "panic taken out of its check",
            "An `assert!`/`assert_eq!`/`assert_ne!`/`panic!`/`unreachable!`/`unimplemented!`/`todo!`, `.unwrap()` or "
                    + "`.expect(..)` statement that sat inside an `if`/`else`/`match` arm of a non-test fn "
                    + "before the change and is unchanged but unconditional after it, with the condition's words gone "
                    + "from the fn.",
            "It compares text, not meaning: a condition hoisted into the caller or replaced by one that always holds "
                    + "reads as removed; a guard reworded while the panic stays nested is not seen as removed.",
            "panic", "unwrap_used");

    private static final Pattern RISKY = Pattern.compile(
            "(?<![\\w:])(?:assert(?:_eq|_ne)?|panic|unreachable|unimplemented|todo)!\\s*\\("
                    + "|\\.\\s*(?:unwrap|expect)\\s*\\(");

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
        return "Panic in `" + site.fn().name() + "` no longer behind `" + condition + "`";
    }

    @Override
    String explanation(Unguarded.Site site, String condition) {
        return "Before the change, `" + RuleSupport.shorten(site.statement()) + "` ran only inside `" + condition
                + "`; the change removes that condition from `" + site.fn().name() + "`, so the panic can now fire on "
                + "paths where the condition was false (a counter decremented twice, a value that was only there in "
                + "one state).";
    }

    @Override
    String check(Unguarded.Site site, String condition) {
        return "Find the paths where `" + condition + "` was false and check that the panic cannot fire on them now, "
                + "or keep the condition.";
    }
}
