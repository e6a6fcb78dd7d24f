package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * PN10: a {@code RefCell} borrowed again, or code that may borrow it again called, while a mutable borrow of it is
 * alive. It walks the guards as CC1 and CC3 do (it shares their code); it is its own rule because the outcome is a
 * panic ("already borrowed"), not a deadlock, and a reviewer sorting by area should find it with the panics
 * (tokio-uring 2c9fbeab: an early `?` dropped an op whose `Drop` borrowed the driver's `RefCell` again).
 */
public final class RefCellReborrowed implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("PN10", RiskArea.PANICS, Severity.HIGH,
            "RefCell borrowed again while borrowed",
            "While a `RefCell` borrow is alive (a `let` guard not yet dropped, a `match`/`if let` scrutinee): the "
                    + "same `RefCell` (owner type and field) borrowed again with a mutable borrow on either side, "
                    + "directly or through a crate fn that borrows it (critical); a callback (a parameter of `Fn` "
                    + "type, `(self.f)(..)`) or a waker called under a mutable borrow (high), a crate fn that wakes "
                    + "a waker, or a value taken out of the borrowed state and consumed under it (medium): if that "
                    + "code reaches the same `RefCell` it panics with an already-borrowed error.",
            "It follows calls within the crate only (as CC1 and CC3 do) and cannot see what a callback, waker or a "
                    + "value's `Drop` does; a `RefCell` reached through a type it cannot resolve is not known to be "
                    + "one unless the call is `borrow_mut`; a callee's shared `borrow()` is not seen (the name is too common to read as a "
                    + "borrow without the type). Two shared borrows are fine and not reported.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>(DoubleLock.findings(file, INFO, true));
        // a second borrow already reported at a call is not reported again as a call under the borrow
        List<Finding> calls = CallWhileLocked.findings(file, INFO, true);
        for (Finding c : calls) {
            if (out.stream().noneMatch(f -> f.startLine() == c.startLine() && f.endLine() == c.endLine())) {
                out.add(c);
            }
        }
        return out;
    }
}
