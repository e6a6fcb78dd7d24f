package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;

/**
 * US13: a guard clause deleted in front of unsafe code (and not in front of atomics or a lock, which CC18 takes).
 * An early return before an unsafe block is often its precondition: a length of zero that must not reach a raw
 * copy, an entry that must not be written twice. {@link UnsafeUnguarded} (US7) sees a statement taken out of its
 * {@code if}; this sees the {@code if} that returned before it deleted.
 */
public final class UnsafeGuardClauseRemoved extends GuardClauseRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("US13", RiskArea.UNSAFE, Severity.MEDIUM,
            "guard removed before unsafe code",
            "In a non-test fn that stays, the change deletes a guard clause, an `if` whose block ends with `return`, "
                    + "`break`, `continue`, `Err(..)?` or `bail!(..)`, or the leading branch of an `if .. else if` chain, with its condition's "
                    + "words gone from the fn, in front of an `unsafe` block or a raw-pointer cast (`as *const`, "
                    + "`as *mut`), or anywhere in an `unsafe fn`, or a null test (`p.is_null()`, `p == null_mut()`) "
                    + "inside an `unsafe` block; guards in poll fns are AL10's, in front of atomics or a lock CC18's "
                    + "(except a null test, `if p.is_null()`, before unsafe code: that stays here).",
            "It compares text, not meaning: a guard moved into a helper or the caller, or made redundant by a type, "
                    + "reads as removed; a precondition checked by a `debug_assert!` elsewhere is not seen.",
            "undocumented_unsafe_blocks");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Guarded kind() {
        return Guarded.UNSAFE;
    }

    @Override
    String what() {
        return "unsafe code";
    }

    @Override
    String risk() {
        return "has unsafe code or raw pointers";
    }

    @Override
    String check() {
        return "Read the unsafe code's safety argument: if it relied on the guard (a non-empty length, an entry not "
                + "yet written, a pointer not yet freed), keep the guard, or show in a `// SAFETY:` comment why the "
                + "state it excluded cannot occur now.";
    }
}
