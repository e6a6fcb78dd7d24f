package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Refs;
import dev.rustreview.analysis.crate.Summaries;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.LockFlow;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CC3: code that may re-enter or block while a guard is alive: callbacks, wakers, and {@code self} methods
 * (called directly or inside a macro such as {@code info!}) that lock another lock of the same file.
 */
public final class CallWhileLocked implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC3", RiskArea.CONCURRENCY, Severity.HIGH,
            "Foreign code called while locked",
            "While a lock guard (not a `RefCell` borrow: PN10) is alive: a callback call (`(self.on_change)(..)` or a parameter of `Fn` type), "
                    + "a waker's `wake()`/`wake_by_ref()`, a call to a crate fn (directly or inside a macro such as "
                    + "`info!`) that takes another lock (the same lock is CC1; an order the crate also takes reversed "
                    + "is CC2), or, while a `std::sync` guard is alive, a call to a crate fn that may panic (it "
                    + "poisons the mutex; only when the change touches the call or the acquisition); medium: a call to a crate fn that wakes a waker (`tail.notify_rx()` on the "
                    + "guarded state), a call to a crate fn that calls a method on a field the crate declares as a trait object "
                    + "(`self.stats.gauge.set(..)` on an `Arc<dyn GaugeFn>`: a user's recorder or listener), and a value moved out of the guarded state (`while let Some(t) = "
                    + "guard.queue.pop_front()`, or `if let Some(h) = m.lock().unwrap().remove(k)` under its temporary guard) and consumed under the guard (`t.shutdown()`, passed on by value), "
                    + "whose `Drop` or method may re-enter the lock, and entries the fn used to take out under the "
                    + "guard and drop after it (`drop(state); drop(removed);`) now dropped in place under it "
                    + "(`state.queries.retain(..)`, `.clear()`).",
            "It follows calls within the crate only and cannot see what a callback, waker or a consumed value's "
                    + "`Drop` does, so it reports the call site for the reviewer to follow rather than a proven "
                    + "deadlock; a value dropped implicitly at the end of the loop body is not reported.",
            "significant_drop_tightening");

    public CallWhileLocked() {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>(findings(file, INFO, false));
        out.addAll(DeferredDropUndone.findings(file, INFO));
        return out;
    }

    /**
     * The calls made under the guards of one kind: locks, or (for PN10) {@code RefCell} borrows, where re-entry
     * panics and another lock taken is no lock order (a {@code RefCell} never blocks).
     */
    static List<Finding> findings(ChangedFile file, RuleInfo info, boolean refCell) {
        List<Finding> out = new ArrayList<>();
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                List<Locks.Held> held = view.held(fn).stream()
                        .filter(h -> DoubleLock.isRefCell(h.lock()) == refCell).toList();
                if (held.isEmpty()) {
                    continue;
                }
                Set<Node> reported = new HashSet<>();
                // What a call does under a guard depends on the guard only through its lock and family: with
                // thousands of guards of one lock alive (a generated fn), it is worked out once per call and lock.
                java.util.Map<Locks.Held, String> keys = new java.util.IdentityHashMap<>();
                for (Locks.Held h : held) {
                    keys.put(h, view.lock(h.lock()).id() + "\u0000" + view.origin(h.lock()));
                }
                for (Node node : nav.find(fn, "call_expression", "macro_invocation")) {
                    java.util.Map<String, Optional<String[]>> known = new java.util.HashMap<>();
                    for (Locks.Held h : held) {
                        if (reported.contains(node) || !view.alive(h, node, true) || movesGuard(view, node, h)) {
                            continue;
                        }
                        Optional<String[]> what = known.computeIfAbsent(keys.get(h), k -> (nav.is(node, "macro_invocation")
                                ? loggedMethod(view, fn, node, h) : called(view, fn, node, h))
                                .filter(w -> !refCell || !OTHER_LOCKS.contains(w[0])));
                        int start = LockFlow.startLine(h);
                        int end = RustTree.endLine(node);
                        if (what.isPresent() && RuleSupport.touched(file, start, end)
                                && (!what.get()[0].equals("panic") || changedEnd(file, h, node))) {
                            reported.add(node);
                            out.add(finding(info, file, nav, h, node, what.get(), start, end));
                        }
                    }
                }
                // after the calls above: a waker or lock a consumed value's method is known to take says more
                for (Locks.Held h : held) {
                    consumedUnderLock(view, h).ifPresent(c -> {
                        int start = LockFlow.startLine(h);
                        int end = RustTree.endLine(c[1]);
                        if (reported.add(c[1]) && RuleSupport.touched(file, start, end)) {
                            out.add(consumed(info, file, nav, h, c[0], c[1], start, end));
                        }
                    });
                }
            }
        });
        return out;
    }

    /**
     * Whether the change touches the panicking call or the acquisition itself: a mutex poisoned by a call that was
     * already there under a lock that was already taken is not the change's doing, even when the change edits a line
     * between them (fjall ebc661f7, a refactor that reworded a comment inside a locked recovery loop).
     */
    private static boolean changedEnd(ChangedFile file, Locks.Held h, Node call) {
        Node acquired = h.lock().outer();
        return RuleSupport.touched(file, RustTree.startLine(call), RustTree.endLine(call))
                || RuleSupport.touched(file, RustTree.startLine(acquired), RustTree.endLine(acquired));
    }

    /** Kinds of call that matter only under a lock: another lock taken (an order), a panic (poisoning). */
    private static final Set<String> OTHER_LOCKS = Set.of("method", "macro", "panic", "foreign");

    /** {kind, callee text, what it does} for a call that may re-enter, lock or panic. */
    private static Optional<String[]> called(FileView view, Node fn, Node call, Locks.Held h) {
        Nav nav = view.nav();
        if (view.lockCall(call).isPresent()) {
            return Optional.empty();
        }
        Optional<Node> callee = RuleSupport.callee(nav, call);
        if (callee.isEmpty()) {
            return Optional.empty();
        }
        String text = RuleSupport.snippet(nav, callee.get());
        if (nav.is(callee.get(), "parenthesized_expression")) {
            return Optional.of(new String[] {"callback", text, "runs whatever code was registered"});
        }
        if (nav.is(callee.get(), "identifier") && isFnParameter(nav, view.facts(), fn, callee.get())) {
            return Optional.of(new String[] {"callback", text, "runs caller-supplied code"});
        }
        Optional<String> method = RuleSupport.methodName(nav, call);
        if (method.isPresent() && (method.get().equals("wake") || method.get().equals("wake_by_ref"))
                && RuleSupport.args(nav, call).isEmpty()) {
            return Optional.of(new String[] {"waker", RuleSupport.snippet(nav, call),
                    "can poll the woken task immediately on this thread (some executors do)"});
        }
        Summaries.Summary summary = view.summary(fn, call);
        String shown = RuleSupport.snippet(nav, call);
        if (summary.wakes() != null) {
            return Optional.of(new String[] {"wakes", shown, "wakes a waker (" + summary.wakes() + "); a waker can "
                    + "run the woken task's code, or a custom waker's, on this thread"});
        }
        Optional<String> others = otherLocks(view, summary, h);
        if (others.isPresent()) {
            return Optional.of(new String[] {"method", shown, "locks " + others.get()});
        }
        if (summary.panics() != null && view.origin(h.lock()) == LockOrigin.STD) {
            return Optional.of(new String[] {"panic", shown, "may panic (" + summary.panics() + "); a panic while a "
                    + "`std::sync` guard is alive poisons the mutex, and every later `.lock().unwrap()` on it panics "
                    + "too"});
        }
        if (summary.foreign() != null) {
            return Optional.of(new String[] {"foreign", shown, "calls code the crate's user supplied through a trait "
                    + "object (" + summary.foreign() + "); that code can block (a metrics recorder that waits on an "
                    + "event loop) or call back into this crate"});
        }
        return Optional.empty();
    }

    /**
     * The other locks a call takes through the crate, unless it takes the guard's own lock (CC1) or the crate
     * also takes them in the opposite order (CC2 reports that as an inversion).
     */
    private static Optional<String> otherLocks(FileView view, Summaries.Summary summary, Locks.Held h) {
        String mine = view.lock(h.lock()).id();
        if (summary.locks().isEmpty() || summary.locks().containsKey(mine)) {
            return Optional.empty();
        }
        List<String> others = summary.locks().keySet().stream()
                .filter(id -> view.crate().ordered(id, mine).isEmpty()).sorted().toList();
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", others.stream().map(l -> "`" + l + "`").toList()));
    }

    private static Optional<String[]> loggedMethod(FileView view, Node fn, Node macro, Locks.Held h) {
        Nav nav = view.nav();
        RustTree tree = nav.tree();
        String name = nav.field(macro, "macro").map(m -> RuleSupport.lastSegment(RuleSupport.compact(nav, m)))
                .orElse("");
        for (Node tt : tree.preorder(macro)) {
            if (!nav.is(tt, "token_tree")) {
                continue;
            }
            List<Node> seq = nav.children(tt);
            for (int i = 0; i + 3 < seq.size(); i++) {
                if (nav.is(seq.get(i), "self") && seq.get(i + 1).getType().equals(".")
                        && nav.is(seq.get(i + 2), "identifier") && nav.is(seq.get(i + 3), "token_tree")
                        && tree.text(seq.get(i + 3)).startsWith("(")) {
                    String method = tree.text(seq.get(i + 2));
                    Refs.CallRef ref = new Refs.CallRef(new Refs.Place(Refs.implType(nav, fn).orElse(null),
                            List.of(), "self"), null, method, "self." + method + "()");
                    Optional<String> other = otherLocks(view, view.crate().summary(ref), h);
                    if (other.isPresent()) {
                        return Optional.of(new String[] {"macro", "self." + method + "()", "locks " + other.get()
                                + ", inside `" + name + "!`"});
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Methods that move a value out of a collection or an option. */
    private static final Set<String> TAKES = Set.of("pop", "pop_front", "pop_back", "take", "remove", "swap_remove",
            "drain", "pop_first", "pop_last", "split_off", "remove_entry");

    /** Methods on a taken value that only read it, and calls that only collect it for later. */
    private static final String READS = "len|is_\\w+|as_\\w+|get\\w*|id|key|clone|to_\\w+|iter\\w*|borrow\\w*|"
            + "fmt|hash|eq|cmp|partial_cmp";
    private static final String COLLECTS = "push\\w*|insert|extend|append|add|send|try_send|replace|set|Some|Ok|Box::new";

    /**
     * {@code while let Some(task) = guard.queue.pop_front() { task.shutdown(); }}: a value moved out of the
     * guarded state and consumed (a method on it, or passed on by value) while the guard is alive; its
     * {@code Drop} or the method may take the same lock again (a task that re-schedules itself, a waker).
     * {taken pattern, consuming call}.
     */
    private static Optional<Node[]> consumedUnderLock(FileView view, Locks.Held h) {
        Nav nav = view.nav();
        boolean temporary = h.name() == null && (h.how().equals("if let") || h.how().equals("while let"));
        if (h.name() == null && !temporary) {
            return Optional.empty();
        }
        for (Node head : nav.find(h.scope(), "let_condition", "for_expression")) {
            Optional<Node> value = nav.field(head, "value");
            Optional<Node> pattern = nav.field(head, "pattern");
            if (value.isEmpty() || pattern.isEmpty()) {
                continue;
            }
            if (temporary ? !takesFromTemporary(view, value.get(), h) : !view.alive(h, head, false)
                    || !takesFromGuard(view, value.get(), h.name())) {
                continue;
            }
            Optional<String> bound = boundName(nav, pattern.get());
            Node owner = nav.is(head, "for_expression") ? head
                    : nav.parent(head).map(p -> nav.is(p, "let_chain") ? nav.parent(p).orElse(p) : p).orElse(head);
            Optional<Node> body = nav.field(owner, nav.is(owner, "if_expression") ? "consequence" : "body");
            if (bound.isEmpty() || body.isEmpty()) {
                continue;
            }
            for (Node call : nav.find(body.get(), "call_expression")) {
                if (consumes(view, call, bound.get()) && view.alive(h, call, false)) {
                    return Optional.of(new Node[] {pattern.get(), call});
                }
            }
        }
        return Optional.empty();
    }

    /** {@code guard.queue.pop_front()}, {@code guard.waiters.drain(..)}: a take rooted at the guard's name. */
    private static boolean takesFromGuard(FileView view, Node value, String guard) {
        Nav nav = view.nav();
        if (!nav.is(value, "call_expression") || RuleSupport.methodName(nav, value).filter(TAKES::contains).isEmpty()) {
            return false;
        }
        Node cur = RuleSupport.receiver(nav, value).orElse(null);
        while (cur != null && nav.is(cur, "field_expression")) {
            cur = nav.field(cur, "value").orElse(null);
        }
        return cur != null && nav.is(cur, "identifier") && nav.tree().text(cur).equals(guard);
    }

    /**
     * {@code if let Some(h) = self.handles.lock().unwrap().remove(&id)}: a take whose receiver is the scrutinee's own
     * lock temporary, alive through the whole {@code if let} (napi-rs 33d08424 reversed aborted the removed handle,
     * which wakes its task synchronously, under the registry's lock).
     */
    private static boolean takesFromTemporary(FileView view, Node value, Locks.Held h) {
        Nav nav = view.nav();
        if (!nav.is(value, "call_expression") || RuleSupport.methodName(nav, value).filter(TAKES::contains).isEmpty()) {
            return false;
        }
        Node cur = RuleSupport.receiver(nav, value).orElse(null);
        while (cur != null && nav.is(cur, "field_expression")) {
            cur = nav.field(cur, "value").orElse(null);
        }
        return cur != null && cur.getStartByte() == h.lock().outer().getStartByte()
                && cur.getEndByte() == h.lock().outer().getEndByte();
    }

    /** The name a {@code Some(x)} / {@code x} / {@code (x, y)} pattern binds first. */
    private static Optional<String> boundName(Nav nav, Node pattern) {
        for (Node id : nav.find(pattern, "identifier")) {
            String text = nav.tree().text(id);
            if (!text.equals("Some") && !text.equals("Ok") && !text.equals("mut") && !text.equals("_")) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** A method called on {@code name} (not a read), or {@code name} passed by value to a call that is not a collector. */
    private static boolean consumes(FileView view, Node call, String name) {
        Nav nav = view.nav();
        Optional<String> method = RuleSupport.methodName(nav, call);
        Optional<Node> recv = RuleSupport.receiver(nav, call);
        if (method.isPresent() && recv.isPresent() && nav.is(recv.get(), "identifier")
                && nav.tree().text(recv.get()).equals(name)) {
            return !method.get().matches(READS);
        }
        boolean byValue = RuleSupport.args(nav, call).stream()
                .anyMatch(a -> nav.is(a, "identifier") && nav.tree().text(a).equals(name));
        String callee = method.orElseGet(() -> RuleSupport.calleePath(nav, call).orElse(""));
        return byValue && !callee.matches(COLLECTS) && !RuleSupport.lastSegment(callee).matches(COLLECTS);
    }

    private static Finding consumed(RuleInfo info, ChangedFile file, Nav nav, Locks.Held h, Node pattern, Node call,
                                    int start, int end) {
        String what = RuleSupport.snippet(nav, call);
        String taken = RuleSupport.snippet(nav, pattern);
        return FindingBuilder.lines(info, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(h.lock().lock()).object(what)
                .title("`" + what + "` runs on a value taken out of `" + h.lock().lock() + "` while it is "
                        + held(h))
                .explanation("`" + taken + "` is moved out of the state " + LockFlow.describe(nav, h) + " guards, and `"
                        + what + "` (line " + RustTree.startLine(call) + ") consumes it while that guard is still "
                        + "alive: the value's own code (its `Drop`, a shutdown or wake that re-schedules a task) runs "
                        + "under the " + (DoubleLock.isRefCell(h.lock()) ? "borrow, and if it borrows `" + h.lock().lock()
                        + "` again it panics (already borrowed)." : "lock, and if it takes `" + h.lock().lock()
                        + "` again the thread deadlocks."))
                .check("Move the values out under the lock (into a local `Vec`), drop the guard, and only then "
                        + "consume them; or `drop(guard)` before the call as the loop's last use of the lock.")
                .build();
    }

    /** Whether the call takes the guard itself by value: the callee then decides when the lock is released. */
    private static boolean movesGuard(FileView view, Node call, Locks.Held h) {
        return view.movesGuard(h, call);
    }

    private static boolean isFnParameter(Nav nav, TypeFacts facts, Node fn, Node id) {
        Optional<TypeFacts.Binding> b = facts.binding(id);
        if (b.isEmpty() || !nav.is(b.get().declaration(), "parameter") || b.get().type() == null) {
            return false;
        }
        String type = b.get().type();
        if (type.matches(".*\\bFn(Mut|Once)?\\(.*")) {
            return true;
        }
        StringBuilder bounds = new StringBuilder();
        for (Node child : nav.children(fn)) {
            if (nav.is(child, "type_parameters", "where_clause")) {
                // compacted, `where F: FnOnce(..)` reads `whereF:`: the keyword would hide `F`
                bounds.append(' ').append(RuleSupport.compact(nav, child).replaceFirst("^where", " "));
            }
        }
        return type.matches("[A-Za-z_][A-Za-z0-9_]*")
                && bounds.toString().matches("(?s).*\\b" + type + ":[^,>]*Fn(Mut|Once)?\\(.*");
    }

    /** "locked", or "borrowed" for a {@code RefCell}. */
    private static String held(Locks.Held h) {
        return DoubleLock.isRefCell(h.lock()) ? "borrowed" : "locked";
    }

    private static Finding finding(RuleInfo info, ChangedFile file, Nav nav, Locks.Held h, Node node, String[] what,
                                   int start, int end) {
        int line = RustTree.startLine(node);
        String title = switch (what[0]) {
            case "callback" -> "Callback `" + what[1] + "` called while `" + h.lock().lock() + "` is " + held(h);
            case "waker" -> "Waker woken while `" + h.lock().lock() + "` is " + held(h);
            case "wakes" -> "`" + what[1] + "` wakes a waker while `" + h.lock().lock() + "` is " + held(h);
            case "foreign" -> "`" + what[1] + "` runs user-supplied code while `" + h.lock().lock() + "` is " + held(h);
            case "panic" -> "`" + what[1] + "` may panic while `" + h.lock().lock() + "` (std) is locked";
            default -> "`" + what[1] + "` takes another lock while `" + h.lock().lock() + "` is locked";
        };
        String effect = DoubleLock.isRefCell(h.lock())
                ? "; if that code borrows `" + h.lock().lock() + "` again (a callback or woken task that reaches the "
                        + "same `RefCell`), it panics with an already-borrowed error."
                : "; if that code locks `" + h.lock().lock() + "` it deadlocks (or panics), and if it takes other "
                        + "locks it creates a lock order nobody wrote down.";
        return FindingBuilder.lines(info, file, Side.NEW, start, end)
                // a waker woken inside a callee is seen through the crate's calls, not at the call site: medium
                // so is user code reached through a trait object field: the call site is all that is known
                .severity(what[0].equals("wakes") || what[0].equals("foreign") ? Severity.MEDIUM : info.severity())
                .object(h.lock().lock()).object(what[1])
                .title(title)
                .explanation("`" + what[1] + "` (line " + line + ") " + what[2] + " while " + LockFlow.describe(nav, h)
                        + " is alive" + effect)
                .check("Check what `" + what[1] + "` can run and which locks it takes; prefer collecting what is "
                        + "needed under the lock, dropping the guard, and only then calling out.")
                .build();
    }
}
