package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Awaits;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;

/** AL1: a lock guard (or RefCell borrow) still alive at a later {@code .await} in the same async fn or block. */
public final class AwaitHoldingGuard implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL1", RiskArea.ASYNC_LIFETIMES, Severity.HIGH,
            "Lock guard held across .await",
            "A Mutex/RwLock guard (`.lock()`, `.read()`, `.write()`, with or without `.unwrap()`) or a "
                    + "`RefCell::borrow_mut()` bound by `let`, or alive in a `match`/`if let`/`while let`/`for` "
                    + "scrutinee, in an async fn or block and still in scope at a later `.await` or `select!`/`join!` (no `drop(guard)` "
                    + "before it, its block not yet closed): critical for std::sync and parking_lot locks, high "
                    + "when the lock type is not visible, medium for tokio::sync locks.",
            "The lock's type comes from the file or, for a field, from its declaration anywhere in the crate; a "
                    + "guard moved into a helper or returned is still treated as alive, and a `drop` in only some "
                    + "branches before the `.await` does not clear it. An `.await` written inside a macro body and the "
                    + "awaiting macros (`select!`, `join!`, `try_join!`) count as await points; a lock written inside "
                    + "`assert!`, `format!`-like or `join!` arguments or in a block handed to another macro "
                    + "(`wrapper! {{ .. }}`) is seen, one inside `select!` branches or other macros' arguments is not.",
            "await_holding_lock", "await_holding_refcell_ref");

    public AwaitHoldingGuard() {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                List<Node> awaits = view.awaits(fn);
                if (awaits.isEmpty()) {
                    continue;
                }
                for (Locks.Held h : view.held(fn)) {
                    if (!nav.inAsyncContext(h.anchor()) && !nav.is(h.anchor(), "async_block")) {
                        continue;
                    }
                    int start = h.letBound() ? RustTree.startLine(h.anchor()) : RustTree.startLine(h.lock().call());
                    for (Node await : awaits) {
                        if (view.alive(h, await, false) && RuleSupport.touched(file, start, RustTree.endLine(await))) {
                            out.add(finding(file, view, fn, h, await, start));
                            break;
                        }
                    }
                }
            }
        });
        return out;
    }

    private Finding finding(ChangedFile file, FileView view, Node fn, Locks.Held h, Node await, int start) {
        Nav nav = view.nav();
        int awaitLine = RustTree.endLine(await);
        String lockExpr = RuleSupport.snippet(nav, h.lock().call());
        String awaitExpr = Awaits.describe(nav, await);
        LockOrigin origin = view.origin(h.lock());
        String guard = h.label();
        String source = h.letBound()
                ? guard + " from `" + lockExpr + "` (line " + start + ")"
                : guard + " from `" + lockExpr + "` (line " + start + "), which lives until the end of the `"
                + h.how() + "`,";
        String lock = "`" + h.lock().lock() + "`";
        Severity severity;
        String title;
        String why;
        String check;
        switch (origin) {
            case STD, PARKING_LOT, SPIN -> {
                severity = Severity.CRITICAL;
                title = origin.label() + " guard held across `.await`";
                why = source + " is still alive at the `.await` on line " + awaitLine + " (`" + awaitExpr
                        + "`); while this task is suspended, any other task that locks " + lock
                        + " blocks its executor thread (a deadlock when it runs on the same worker), and the "
                        + "future is not `Send`, so `tokio::spawn` rejects it.";
                check = "Confirm the guard is scoped in a block or passed to `drop(..)` before line " + awaitLine
                        + ", copying out what the awaited call needs; if the lock really must span the await, "
                        + "use `tokio::sync::Mutex` instead.";
            }
            case ASYNC -> {
                severity = Severity.MEDIUM;
                title = "Async (tokio::sync) guard held across `.await`";
                why = source + " is held across the `.await` on line " + awaitLine + " (`" + awaitExpr
                        + "`); an async mutex allows this, but every other task that needs " + lock
                        + " waits for the whole suspension, and code reached from the awaited call that locks "
                        + lock + " again deadlocks.";
                check = "Check that holding " + lock + " for the duration of `" + awaitExpr
                        + "` is intended (bounded, no slow I/O) and that nothing it calls locks " + lock + ".";
            }
            case REFCELL -> {
                severity = Severity.HIGH;
                title = "RefCell borrow held across `.await`";
                why = source + " is still alive at the `.await` on line " + awaitLine + " (`" + awaitExpr
                        + "`); any other code on this thread that borrows " + lock
                        + " while the task is suspended panics with a `BorrowMutError`.";
                check = "End the borrow (block or `drop`) before line " + awaitLine
                        + ", or confirm nothing else can borrow " + lock + " while this task is suspended.";
            }
            default -> {
                severity = Severity.HIGH;
                title = "Lock guard held across `.await`";
                why = source + " is still alive at the `.await` on line " + awaitLine + " (`" + awaitExpr
                        + "`); the lock's type is not visible in this file: if it is a std::sync or parking_lot "
                        + "lock, other tasks that lock " + lock + " block their executor threads while this task "
                        + "is suspended and the future is not `Send`.";
                check = "Find the type of " + lock + "; for a blocking lock, scope the guard or `drop` it before "
                        + "line " + awaitLine + "; for a tokio lock, confirm holding it across the await is intended.";
            }
        }
        if (RuleSupport.allows(nav, fn, "await_holding_lock") || RuleSupport.allows(nav, fn, "await_holding_refcell_ref")) {
            why += " The function silences the clippy lint with `#[allow]`, so clippy will not report this.";
        }
        Finding f = FindingBuilder.lines(INFO, file, Side.NEW, start, awaitLine)
                .severity(severity)
                .object(h.name() != null ? h.name() : "temporary guard")
                .object(lockExpr)
                .object(awaitExpr)
                .title(title)
                .explanation(why)
                .check(check)
                .build();
        return RuleSupport.withLints(f, origin == LockOrigin.REFCELL ? "await_holding_refcell_ref" : "await_holding_lock");
    }
}
