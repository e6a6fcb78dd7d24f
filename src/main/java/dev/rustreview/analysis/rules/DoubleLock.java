package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.Refs;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Summaries;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CC1: the same lock taken again while its first guard may still be alive (self-deadlock). The same walk finds a
 * {@code RefCell} borrowed again for PN10 ({@link RefCellReborrowed}).
 */
public final class DoubleLock implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC1", RiskArea.CONCURRENCY, Severity.CRITICAL,
            "Same lock taken twice",
            "One fn takes a lock again while a guard of it is alive (a `RefCell` borrowed again is PN10): a second acquisition of "
                    + "the same lock (identity is owner type and field: `self.shared` in `impl Pool` and `pool.shared` "
                    + "are both `Pool::shared`) after a `let` guard not yet dropped or inside a `match`/`if let`/`while "
                    + "let`/`for` scrutinee's body (and `else` before edition 2024), or later in the statement of a "
                    + "temporary guard (`s.write().shrink_to(self.len())`), or a call, while the guard is alive, to a "
                    + "crate fn that takes the same lock directly or through its own calls; a guard may also come from a "
                    + "crate fn that returns it (`let a = vm.resource_allocator();`) or be the lock a crate fn holds "
                    + "while it runs the closure it is handed (`self.inner.with(|s| ..)`); a guard moved into a call "
                    + "ends there; re-entrant locks are excepted, two read locks and the element locks of one "
                    + "collection field (`self.shards.iter().map(|s| s.read())`, possibly another element) are "
                    + "graded high.",
            "Calls are followed within the crate only (through `self`, typed parameters and locals, `Type::f` "
                    + "paths; trait objects, closures and generic callees are not resolved), six calls deep at most; a "
                    + "guard dropped in only some branches still counts as alive; locks written in `select!` branches or "
                    + "macros whose arguments are not expressions are not seen. A second acquisition by `try_lock`/"
                    + "`try_read`/`try_write`/`try_borrow*` is not reported: it fails instead of waiting.",
            "significant_drop_in_scrutinee", "if_let_mutex");

    public DoubleLock() {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        return findings(file, INFO, false);
    }

    /**
     * The double acquisitions of one fn: of locks, or (for PN10) of a {@code RefCell}, whose second mutable borrow
     * is a panic rather than a deadlock and so belongs with the panics.
     */
    static List<Finding> findings(ChangedFile file, RuleInfo info, boolean refCell) {
        List<Finding> out = new ArrayList<>();
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                Set<Node> reported = new HashSet<>();
                for (LockFlow.Overlap o : view.overlaps(fn)) {
                    CrateModel.Lock lock = view.lock(o.first().lock());
                    if (!lock.id().equals(view.lock(o.second()).id()) || lock.reentrant()
                            || reported.contains(o.second().call()) || isRefCell(o.first().lock()) != refCell) {
                        continue;
                    }
                    Optional<Severity> severity = severity(o.first().lock(), o.second()).map(sv -> element(lock, sv));
                    int start = LockFlow.startLine(o.first());
                    int end = RustTree.endLine(o.second().call());
                    if (severity.isPresent() && RuleSupport.touched(file, start, end)) {
                        reported.add(o.second().call());
                        out.add(direct(info, file, nav, o, lock, severity.get(), start, end));
                    }
                }
                List<Node> calls = nav.find(fn, "call_expression");
                // One summary per call, whatever the number of guards alive at it.
                java.util.Map<Node, Summaries.Summary> summaries = new java.util.HashMap<>();
                for (Locks.Held h : view.guards(fn)) {
                    CrateModel.Lock lock = view.lock(h.lock());
                    if ((isRefCell(h.lock()) && !h.lock().exclusive()) || lock.reentrant() || isRefCell(h.lock()) != refCell) {
                        continue;
                    }
                    for (Node call : calls) {
                        if (view.lockCall(call).isPresent() || view.movesGuard(h, call)
                                || !(view.alive(h, call, true) || calledOnTemporary(nav, h, call))) {
                            continue;
                        }
                        Summaries.Taken taken = summaries.computeIfAbsent(call, c -> view.summary(fn, c)).locks()
                                .get(lock.id());
                        int start = LockFlow.startLine(h);
                        int end = RustTree.endLine(call);
                        if (taken != null && reported.add(call) && RuleSupport.touched(file, start, end)) {
                            out.add(viaCall(info, file, nav, h, lock, call, taken, start, end));
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * Whether {@code call} is a method called on the value of the temporary guard {@code h}
     * ({@code self.lock_mutate(hash).await.fix_block_location(hash, path, self)}): the guard is alive while the
     * method runs, though the call's node starts before the acquisition it contains. garage e4c9a8cd reversed: the
     * locked half's {@code fix_block_location} read the block back through the manager, which takes the same
     * per-hash mutex when the block is corrupted.
     */
    private static boolean calledOnTemporary(Nav nav, Locks.Held h, Node call) {
        if (h.name() != null || call.getEndByte() > h.scope().getEndByte()) {
            return false;
        }
        Node acquired = h.lock().outer();
        Optional<Node> receiver = nav.field(call, "function").filter(f -> nav.is(f, "field_expression"))
                .flatMap(f -> nav.field(f, "value"));
        return receiver.isPresent() && receiver.get().getStartByte() <= acquired.getStartByte()
                && receiver.get().getEndByte() >= acquired.getEndByte()
                && nav.asyncBoundary(call).equals(nav.asyncBoundary(acquired));
    }

    static boolean isRefCell(Locks.LockCall call) {
        return call.origin() == LockOrigin.REFCELL;
    }

    /** The locks of a collection's elements: the second may be another element, so high rather than critical. */
    private static Severity element(CrateModel.Lock lock, Severity severity) {
        return lock.id().endsWith(Refs.ELEMENT) && severity == Severity.CRITICAL ? Severity.HIGH : severity;
    }

    private static String elementNote(CrateModel.Lock lock) {
        return lock.id().endsWith(Refs.ELEMENT) ? " (`" + lock.id() + "` stands for every element of the collection: "
                + "if the second lock reaches the element already locked, as a walk over all elements does, it "
                + "deadlocks)" : "";
    }

    private static Optional<Severity> severity(Locks.LockCall first, Locks.LockCall second) {
        if (second.method().startsWith("try_")) {
            return Optional.empty(); // `try_write()` under a read guard fails at once: how tests probe contention
        }
        if (!first.exclusive() && !second.exclusive()) {
            return first.origin() == LockOrigin.REFCELL ? Optional.empty() : Optional.of(Severity.HIGH);
        }
        return Optional.of(Severity.CRITICAL);
    }

    private static String effect(Locks.LockCall first, Locks.LockCall second) {
        if (first.origin() == LockOrigin.REFCELL) {
            return "`RefCell` allows no second borrow next to a mutable one, so this panics with a borrow error";
        }
        if (!first.exclusive() && !second.exclusive()) {
            return "a second read lock on the same thread deadlocks as soon as a writer is queued between them "
                    + "(std and fair parking_lot RwLocks block new readers behind waiting writers)";
        }
        if (first.origin() == LockOrigin.ASYNC || second.origin() == LockOrigin.ASYNC) {
            return "an async mutex is not re-entrant either: the task waits forever for a guard it holds itself";
        }
        return "the lock is not re-entrant, so the thread deadlocks on itself (std's `Mutex` may also panic)";
    }

    private static Finding direct(RuleInfo info, ChangedFile file, Nav nav, LockFlow.Overlap o, CrateModel.Lock lock,
                                  Severity severity, int start, int end) {
        String second = RuleSupport.snippet(nav, o.second().call());
        String elseNote = o.first().how().equals("if let")
                && RuleSupport.within(o.second().call(), o.first().scope())
                && o.second().call().getStartByte() > ifConsequenceEnd(nav, o.first()) ? " (in the `else` branch: "
                + "this deadlocks on editions up to 2021; edition 2024 drops the scrutinee before `else`)" : "";
        return FindingBuilder.lines(info, file, Side.NEW, start, end)
                .severity(severity)
                .object(o.first().lock().lock()).object(RuleSupport.snippet(nav, o.first().lock().call())).object(second)
                .title("`" + o.first().lock().lock() + "` " + (isRefCell(o.first().lock()) ? "borrowed again while its "
                        + "borrow is alive" : "locked again while its guard is alive"))
                .explanation((lock.resolved() && !o.first().lock().lock().equals(o.second().lock())
                        ? "`" + o.first().lock().lock() + "` and `" + o.second().lock() + "` are the same lock `"
                        + lock.id() + "`. " : "") + LockFlow.describe(nav, o.first()) + " is still alive when `" + second + "` runs on line "
                        + RustTree.startLine(o.second().call()) + elseNote + "; " + effect(o.first().lock(), o.second())
                        + ".")
                .check("Check that the first guard is dropped (end its block or `drop(..)`) before line "
                        + RustTree.startLine(o.second().call()) + ", or reuse the guard you already hold instead of "
                        + "locking again; for a `match`/`if let` scrutinee, bind the value first with `let`.")
                .build();
    }

    private static int ifConsequenceEnd(Nav nav, Locks.Held h) {
        return nav.field(h.anchor(), "consequence").map(Node::getEndByte)
                .orElse(Integer.MAX_VALUE);
    }

    private static Finding viaCall(RuleInfo info, ChangedFile file, Nav nav, Locks.Held h, CrateModel.Lock lock,
                                   Node call, Summaries.Taken taken, int start, int end) {
        String text = RuleSupport.snippet(nav, call);
        return FindingBuilder.lines(info, file, Side.NEW, start, end)
                .severity(element(lock, Severity.CRITICAL))
                .object(lock.id()).object(RuleSupport.snippet(nav, h.lock().call())).object(text)
                .title("`" + text.replaceAll("\\s+\\.", ".") + "` " + (isRefCell(h.lock()) ? "borrows" : "locks") + " `" + lock.id()
                        + "` again while its " + (isRefCell(h.lock()) ? "borrow" : "guard") + " is alive")
                .explanation(LockFlow.describe(nav, h) + " is still alive when `" + text + "` is called on line "
                        + RustTree.startLine(call) + ", and the call takes the same lock `" + lock.id()
                        + "` itself: " + taken.chain() + " locks it on line " + taken.acquire().line() + " of its file; "
                        + effect(h.lock(), h.lock()) + elementNote(lock) + ".")
                .check("Drop the guard before the call, or split the callee into a version that takes the "
                        + "already-locked data (`&mut` to the guarded value).")
                .build();
    }
}
