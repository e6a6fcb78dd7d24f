package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.regex.Pattern;

/**
 * US7: an {@code unsafe} block or a raw pointer taken out of the condition that guarded it. Before the change
 * the statement ran only when a check held ({@code if can_transmute::<T, A>()}, {@code if !v.is_empty()}); after
 * it the same statement runs always and the check is gone from the fn. The check was often the unsafe code's
 * precondition (a size or alignment that makes a cast valid, a buffer that must not be empty before its pointer
 * is cached).
 */
public final class UnsafeUnguarded extends GuardRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("US7", RiskArea.UNSAFE, Severity.MEDIUM, "unsafe code taken out of its check",
            "A statement with an `unsafe` block, a raw-pointer cast (`as *const`/`as *mut`) or a raw pointer taken "
                    + "with `as_ptr()`/`as_mut_ptr()` that sat inside an `if`/`else`/`match` arm of a non-test "
                    + "fn before the change and is unchanged but unconditional after it, with the condition's words "
                    + "gone from the fn (also in fns written inside `macro_rules!` bodies).",
            "It compares text, not meaning: a check moved into the caller or a helper, or made redundant by a type, "
                    + "still reads as removed; a guard rewritten in other words while the statement stays nested is "
                    + "not seen as removed.",
            "undocumented_unsafe_blocks");

    private static final Pattern RISKY = Pattern.compile(
            "\\bunsafe\\s*\\{|\\bas\\s+\\*\\s*(?:const|mut)\\b|\\.\\s*as_(?:mut_)?ptr\\s*\\(\\s*\\)");

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
        return "`unsafe` code in `" + site.fn().name() + "` no longer behind `" + condition + "`";
    }

    @Override
    String explanation(Unguarded.Site site, String condition) {
        return "Before the change, `" + RuleSupport.shorten(site.statement()) + "` ran only inside `" + condition
                + "`; the change removes that condition from `" + site.fn().name() + "` and the statement now runs on "
                + "every path. A check around unsafe code or a raw pointer is often its precondition (a size or "
                + "alignment that makes a cast valid, a non-empty buffer whose pointer is cached): without it the "
                + "block can read or write memory it does not own.";
    }

    @Override
    String check(Unguarded.Site site, String condition) {
        return "Read the unsafe code's safety argument: if it relied on `" + condition + "`, keep the check (or show "
                + "in a `// SAFETY:` comment why it always holds now).";
    }
}
