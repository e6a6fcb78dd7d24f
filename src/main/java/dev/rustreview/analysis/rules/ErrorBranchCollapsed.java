package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.regex.Pattern;

/**
 * ER13: a validation collapsed into its success. {@code if count == 9 && byte >= 0x02 { return Err(..) } else {
 * return Ok(value) }} became {@code return Ok(value)}: the success that was the other branch of an error check is now
 * unconditional, and the input the check rejected is accepted (prost 87cea1d4 reversed: a varint past
 * {@code u64::MAX} decoded to a wrapped value).
 */
public final class ErrorBranchCollapsed extends GuardRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("ER13", RiskArea.ERRORS, Severity.MEDIUM, "error check collapsed into success",
            "A statement returning success (`return Ok(..)`, `Ok(..)`) that sat inside an `if` or its `else` in "
                    + "a non-test fn before the change and is unchanged but unconditional after it, with the "
                    + "condition's words gone from the fn and fewer `Err(..)` in the fn than before: the branch that "
                    + "rejected the input went with the condition.",
            "It compares text: a check moved to the caller or into a helper (which may still reject the input) "
                    + "reads as removed.");

    private static final Pattern RISKY = Pattern.compile("(?<![\\w:])Ok(?=\\s*\\()");
    private static final Pattern IF = Pattern.compile("(?:else\\s+of\\s+)?if\\b");
    private static final Pattern ERR = Pattern.compile("(?<![\\w:])Err\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Pattern risky() {
        return RISKY;
    }

    @Override
    boolean reports(Unguarded.Site site) {
        // an `if` check, not a match arm: a match that lost an arm (an `unreachable!` inner match flattened, futures-rs
        // 5e35c12c) also has fewer `Err(..)` without any input now accepted
        return IF.matcher(site.condition()).lookingAt()
                && RuleSupport.count(ERR, site.pair().newBody()) < RuleSupport.count(ERR, site.pair().oldBody());
    }

    @Override
    String title(Unguarded.Site site, String condition) {
        return "`" + RuleSupport.shorten(site.statement()) + "` in `" + site.fn().name() + "` no longer behind `"
                + condition + "`";
    }

    @Override
    String explanation(Unguarded.Site site, String condition) {
        return "Before the change, `" + site.fn().name() + "` returned an error when `" + condition + "` held and "
                + "succeeded otherwise; the change deletes the check and its error, so the success on line "
                + site.line() + " is now returned for the input the check rejected (an overflowing number, a "
                + "malformed header, a value out of range): the caller receives a wrong value instead of an error.";
    }

    @Override
    String check(Unguarded.Site site, String condition) {
        return "Find where `" + condition + "` is checked now; if nowhere, restore the error branch.";
    }
}
