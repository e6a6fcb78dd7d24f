package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.DropGlue;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Refs;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CC23: an assignment under a lock guard replaces a value of the guarded state, and dropping the old value takes
 * the same lock again. Assigning drops what the place held, right there, while the guard is alive; when that
 * value's {@code Drop} (or the {@code Drop} of something it owns) locks the mutex the fn holds, the thread waits on
 * itself. The crate model follows it across files: rust-postgres a84a45d8 is the reverse of its fix, where
 * {@code self.state.lock().typeinfo = Some(statement)} dropped a cached {@code Statement}, whose
 * {@code StatementInner::drop} calls {@code InnerClient::with_buf}, which locks {@code InnerClient::state}.
 */
public final class ReplacedUnderItsLock implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC23", RiskArea.CONCURRENCY, Severity.HIGH,
            "value dropped under the lock its Drop takes",
            "While a guard of a crate lock is alive (a `let` guard or the statement's temporary `x.lock()`), the change "
                    + "touches an assignment to a field of the guarded state (`guard.f = ..`, `x.lock().f = ..`) or to "
                    + "the whole of it (`*guard = ..`), and the crate's `Drop` impls reached from that field's type "
                    + "(through fields, `Option`, `Arc`, `Vec`, not `Weak`) take that same lock, directly or through "
                    + "the fns they call. An assignment inside `if guard.f.is_none()` is left alone.",
            "It follows `Drop` impls and calls the crate model resolves; a `Drop` reached through a trait object, "
                    + "a generic parameter or another crate is not seen, and an old value that is always `None` at "
                    + "that point (known only at run time) reads the same.",
            "significant_drop_tightening");

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
                List<Locks.Held> guards = view.guards(fn);
                if (guards.isEmpty()) {
                    continue;
                }
                for (Node assign : nav.find(fn, "assignment_expression")) {
                    for (Locks.Held h : guards) {
                        Optional<Finding> f = check(view, file, h, assign);
                        if (f.isPresent()) {
                            out.add(f.get());
                            break;
                        }
                    }
                }
            }
        });
        return out;
    }

    private static Optional<Finding> check(FileView view, ChangedFile file, Locks.Held h, Node assign) {
        Nav nav = view.nav();
        Node left = nav.field(assign, "left").orElse(null);
        Node right = nav.field(assign, "right").orElse(null);
        // A named guard must be alive where the new value is made; a temporary one is part of the assignment itself.
        if (left == null || right == null || (h.name() != null && !view.alive(h, right, false))) {
            return Optional.empty();
        }
        CrateModel.Lock lock = view.lock(h.lock());
        if (!lock.resolved() || lock.field() == null || lock.reentrant()) {
            return Optional.empty();
        }
        String guarded = Refs.typeArgument(lock.field().type());
        if (guarded == null) {
            return Optional.empty();
        }
        String replaced;
        String field;
        if (nav.is(left, "field_expression") && isGuard(nav, h, nav.field(left, "value").orElse(null))) {
            field = nav.field(left, "field").map(n -> nav.tree().text(n)).orElse("");
            replaced = view.crate().field(Refs.typeHead(guarded), field).map(f -> f.type()).orElse(null);
            if (emptinessChecked(nav, assign, field)) {
                return Optional.empty();
            }
        } else if (nav.is(left, "unary_expression") && nav.tree().text(left).startsWith("*")
                && isGuard(nav, h, nav.namedChildren(left).stream().findFirst().orElse(null))) {
            field = null;
            replaced = guarded;
        } else {
            return Optional.empty();
        }
        Optional<String> chain = DropGlue.takes(view.crate(), replaced, lock.id());
        int start = LockFlow.startLine(h);
        int end = RustTree.endLine(assign);
        if (chain.isEmpty() || !RuleSupport.touched(file, start, end)) {
            return Optional.empty();
        }
        String target = RuleSupport.shorten(RuleSupport.snippet(nav, left));
        int line = RustTree.startLine(assign);
        return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(lock.id()).object(field == null ? "*" : field)
                .title("`" + target + " = ..` drops the old `" + RuleSupport.shorten(replaced) + "` while `" + lock.id()
                        + "` is locked, and its `Drop` locks `" + lock.id() + "` again")
                .explanation("Assigning to `" + target + "` drops the value it held at once, while " + h.label()
                        + " still holds `" + lock.id() + "`. Dropping a `" + RuleSupport.shorten(replaced) + "` runs "
                        + chain.get() + ", which locks `" + lock.id() + "`: the thread waits for a lock it holds "
                        + "itself and hangs (or panics, for a lock that detects it) the first time the place already "
                        + "holds a value.")
                .check("Take the old value out under the lock (`let old = std::mem::replace(&mut " + target
                        + ", new);`), release the guard, then let `old` drop; or only fill the place when it is empty.")
                .build());
    }

    /** Whether {@code expr} is the guard: its name, or the temporary acquisition itself. */
    private static boolean isGuard(Nav nav, Locks.Held h, Node expr) {
        if (expr == null) {
            return false;
        }
        if (h.name() != null) {
            return nav.is(expr, "identifier") && nav.tree().text(expr).equals(h.name());
        }
        Node outer = h.lock().outer();
        return expr.getStartByte() == outer.getStartByte() && expr.getEndByte() == outer.getEndByte();
    }

    /** Whether an enclosing {@code if} tests that the field is empty ({@code if state.f.is_none()}). */
    private static boolean emptinessChecked(Nav nav, Node assign, String field) {
        for (Node a : nav.ancestors(assign)) {
            if (nav.is(a, "if_expression")) {
                String condition = nav.field(a, "condition").map(c -> RuleSupport.compact(nav, c)).orElse("");
                if (condition.contains("." + field + ".is_none()") || condition.contains("." + field + ".is_empty()")) {
                    return true;
                }
            }
            if (nav.is(a, "function_item", "closure_expression")) {
                return false;
            }
        }
        return false;
    }
}
