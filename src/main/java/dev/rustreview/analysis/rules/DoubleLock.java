package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.MethodLocks;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.crate.TreeCache;
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

/** CC1: the same lock taken again while its first guard may still be alive (self-deadlock or borrow panic). */
public final class DoubleLock implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC1", RiskArea.CONCURRENCY, Severity.CRITICAL,
            "Same lock taken twice",
            "One fn locks (or mutably borrows) the same receiver again while a guard of it is alive: a `let` guard "
                    + "not yet dropped, a guard in a `match`/`if let`/`while let`/`for` scrutinee with a second lock "
                    + "in the body or `else`, or a call to a `self` method of this file that locks it; two read locks "
                    + "are graded high.",
            "Locks are identified by their text (`self.state`), so two names for one lock, or one name for two "
                    + "locks, fool it; methods are followed only within the same file and impl type, a guard "
                    + "dropped in only some branches still counts as alive, and locks inside macro arguments are not "
                    + "seen.",
            "significant_drop_in_scrutinee", "if_let_mutex");

    private final TreeCache cache;

    public DoubleLock() {
        this(new TreeCache());
    }

    DoubleLock(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            Locks locks = new Locks(facts);
            MethodLocks methods = new MethodLocks(locks);
            for (Node fn : nav.code("function_item")) {
                Set<Node> reported = new HashSet<>();
                for (LockFlow.Overlap o : LockFlow.overlaps(locks, fn)) {
                    if (!o.first().lock().lock().equals(o.second().lock()) || reported.contains(o.second().call())) {
                        continue;
                    }
                    Optional<Severity> severity = severity(o.first().lock(), o.second());
                    int start = LockFlow.startLine(o.first());
                    int end = RustTree.endLine(o.second().call());
                    if (severity.isPresent() && RuleSupport.touched(file, start, end)) {
                        reported.add(o.second().call());
                        out.add(direct(file, nav, o, severity.get(), start, end));
                    }
                }
                List<Node> calls = nav.find(fn, "call_expression");
                for (Locks.Held h : locks.held(fn)) {
                    if (h.lock().origin() == LockOrigin.REFCELL && !h.lock().exclusive()) {
                        continue;
                    }
                    for (Node call : calls) {
                        Optional<String> method = methods.selfMethod(call);
                        if (method.isEmpty() || !locks.alive(h, call, true)) {
                            continue;
                        }
                        Optional<java.util.Set<String>> taken = methods.locksOfMethod(fn, method.get());
                        int start = LockFlow.startLine(h);
                        int end = RustTree.endLine(call);
                        if (taken.isPresent() && taken.get().contains(h.lock().lock()) && reported.add(call)
                                && RuleSupport.touched(file, start, end)) {
                            out.add(viaMethod(file, nav, h, call, method.get(), start, end));
                        }
                    }
                }
            }
        });
        return out;
    }

    private static Optional<Severity> severity(Locks.LockCall first, Locks.LockCall second) {
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

    private static Finding direct(ChangedFile file, Nav nav, LockFlow.Overlap o, Severity severity,
                                  int start, int end) {
        String second = RuleSupport.snippet(nav, o.second().call());
        String elseNote = o.first().how().equals("if let")
                && RuleSupport.within(o.second().call(), o.first().scope())
                && o.second().call().getStartByte() > ifConsequenceEnd(nav, o.first()) ? " (in the `else` branch: "
                + "this deadlocks on editions up to 2021; edition 2024 drops the scrutinee before `else`)" : "";
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(severity)
                .object(o.first().lock().lock()).object(RuleSupport.snippet(nav, o.first().lock().call())).object(second)
                .title("`" + o.first().lock().lock() + "` locked again while its guard is alive")
                .explanation(LockFlow.describe(nav, o.first()) + " is still alive when `" + second + "` runs on line "
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

    private static Finding viaMethod(ChangedFile file, Nav nav, Locks.Held h, Node call, String method,
                                     int start, int end) {
        String lock = h.lock().lock();
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(lock).object(RuleSupport.snippet(nav, h.lock().call())).object("self." + method + "()")
                .title("`self." + method + "()` locks `" + lock + "` again while its guard is alive")
                .explanation(LockFlow.describe(nav, h) + " is still alive when `self." + method + "()` is called on "
                        + "line " + RustTree.startLine(call) + ", and `" + method + "` locks `" + lock + "` itself "
                        + "(directly or through the methods it calls); " + effect(h.lock(), h.lock()) + ".")
                .check("Drop the guard before calling `" + method + "`, or split `" + method + "` into a version "
                        + "that takes the already-locked data (`&mut` to the guarded value).")
                .build();
    }
}
