package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;

/**
 * PN11: a guard clause deleted whose condition compared a value with an integer type's maximum ({@code if total >
 * u64::from(u32::MAX) { return false; }}). The guard kept the value inside the range a later conversion or offset
 * needs; without it the {@code try_into().unwrap()} or the arithmetic after it panics, or an {@code as} cast
 * truncates (redb 2726687fc: a leaf grown in place past 4 GiB overflowed its u32 offsets).
 */
public final class LimitGuardClauseRemoved extends GuardClauseRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("PN11", RiskArea.PANICS, Severity.MEDIUM,
            "range guard removed",
            "In a non-test fn that stays, the change deletes a guard clause, an `if` whose block ends with `return`, "
                    + "`break`, `continue`, `Err(..)?` or `bail!(..)`, or the leading branch of an `if .. else if` chain, whose condition "
                    + "compares with an integer type's maximum (`u32::MAX`, `usize::MAX`, `isize::MAX`), tests a value for "
                    + "zero (`if range == 0 { return .. }`, `if n.is_zero()`) that the fn still divides or takes a remainder by after it, "
                    + "tests a value for emptiness (`if path.is_empty() { return; }`) that the fn still indexes, "
                    + "slices or unwraps the first or last element of after it (`v.first().unwrap()`), "
                    + "or compares a "
                    + "buffer's `len()`/`remaining()` with a value the fn still advances, splits, reads, slices or indexes by "
                    + "after it (`if buf.remaining() < size { return Err(..) }` before `buf.advance(size)`, `if i >= "
                    + "v.len() { return 0; }` before `v[i]`; the value may be "
                    + "a field path, `self.start >= self.buf.len()`; or a scan index equal to it, `if i == "
                    + "buf.remaining() { return None; }` before `buf.split_to(i + 1)`), or left when a range's end was below "
                    + "its start (`if len < prefix() { return Err(..) }` before `&buf[prefix()..len]`), or holds an "
                    + "index under any upper bound (`if index as usize >= self.num_queues { return Err(..) }`) that the fn "
                    + "still indexes by after it (`self.vrings[index as usize]`), or compares a value the fn "
                    + "shifts by after it (`if bits == BITS { return .. }` before `key >> bits`), with its words gone "
                    + "from the fn (a `debug_assert!` does not keep them: release builds skip it; a guard that became a let-else or was rewritten in place is not gone); guards in poll "
                    + "fns, before atomics or a lock, or before unsafe code are AL10's, CC18's and US13's, except a "
                    + "length guard in a poll fn that slices by the value anywhere in it (the next poll does).",
            "It reads the condition as text: a limit held in a named constant (`MAX_LEN`) is not known to be a "
                    + "type's range, and a check moved into a helper or the caller reads as removed.",
            "arithmetic_side_effects", "cast_possible_truncation");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Guarded kind() {
        return Guarded.LIMIT;
    }

    @Override
    String what() {
        return "code that relies on the value's range";
    }

    @Override
    String risk() {
        return "relies on the value fitting (a conversion with `unwrap`, an offset, a cast, a read or skip of that many "
                + "bytes, which panics past the end)";
    }

    @Override
    String check() {
        return "Find where the value the guard bounded is converted or used as an offset after it; if it can still "
                + "exceed the type's maximum, keep the guard (or use `try_from` and handle the error), and add a test "
                + "at the limit.";
    }
}
