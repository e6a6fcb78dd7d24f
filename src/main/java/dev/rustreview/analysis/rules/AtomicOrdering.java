package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TreeCache;
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
 * CC4: atomics. A load whose result decides a later store/fetch on the same atomic (check-then-act) and
 * {@code compare_exchange_weak} outside a loop are high; a lone {@code Relaxed} store is medium and a lone
 * {@code Relaxed} load or counter {@code fetch_add} is low. A check-then-act is a race whatever its ordering:
 * {@code SeqCst} orders the operations but does not make the check and the act one step.
 */
public final class AtomicOrdering implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC4", RiskArea.CONCURRENCY, Severity.HIGH,
            "Atomic check-then-act and Relaxed ordering",
            "An atomic `load` whose result decides a later `store`/`swap`/`fetch_*` on the same atomic in one fn "
                    + "(directly, or through the file's one-statement accessors such as `fn load(&self) -> Snapshot { "
                    + "Snapshot(self.0.load(Acquire)) }` and `fn store(&self, v: Snapshot)`), "
                    + "whatever the ordering (`SeqCst` does not make the check and the act one step; use "
                    + "`compare_exchange`, `swap` or `fetch_update`) (high), a `fetch_add`/`fetch_sub`/`swap` whose "
                    + "result decides a `store` that takes the update back (high), `compare_exchange_weak` outside a loop (high), and other `Ordering::Relaxed` "
                    + "operations: a lone `store`/`swap` (medium) or a lone `load`/`fetch_*` counter (low); and (medium) "
                    + "an `Arc::strong_count`/`Arc::weak_count` that decides an `if`/`while`/`match` outside tests "
                    + "(\"am I the last owner\" read from a count other threads change), and (medium) an `if` whose "
                    + "condition loads an atomic (directly or through a fn of the file that does) and whose body alone "
                    + "notifies or wakes waiters (a fast path that may skip a needed notify); and (medium) an `if` on an "
                    + "atomic `swap`/`compare_exchange`/`compare_and_set`/`fetch_*`, or such a step before the free, "
                    + "that the change deletes from a fn that still frees memory (`Box::from_raw`, `dealloc`, "
                    + "`drop_in_place`, `defer_destroy`): the one-step handshake deciding who frees, or the step moving "
                    + "another pointer off the node; and (medium) a test on a fresh atomic `load` (`x.load(..) & MASK`) "
                    + "that the change replaces with the same test on a variable read earlier.",
            "It cannot see what data other threads read after the atomic (whether Relaxed is really enough), "
                    + "and matches atomics by their text within one fn.");

    private static final Set<String> ORDERINGS = Set.of("Relaxed", "Acquire", "Release", "AcqRel", "SeqCst");
    private static final Set<String> ACTS = Set.of("store", "swap", "fetch_add", "fetch_sub", "fetch_and",
            "fetch_or", "fetch_xor", "fetch_nand", "fetch_max", "fetch_min");
    /**
     * Read-modify-writes looked at per fn as possibly taken back: each pairs with every store of the fn, and a
     * real fn has a handful (a fuzzed one may have thousands).
     */
    private static final int MAX_UNDO_CHECKS = 64;
    /** Read-modify-writes whose result may decide to put the old value back with a store. */
    private static final Set<String> UNDONE = Set.of("fetch_add", "fetch_sub", "swap", "fetch_or", "fetch_and");
    private static final Set<String> OTHERS = Set.of("load", "compare_exchange", "compare_exchange_weak",
            "fetch_update", "compare_and_swap");

    /** One atomic operation with the orderings it passes. */
    record Op(Node call, String method, String atomic, List<String> orderings) {

        boolean relaxed() {
            return orderings.contains("Relaxed");
        }
    }

    private final TreeCache cache;

    public AtomicOrdering() {
        this(new TreeCache());
    }

    AtomicOrdering(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>(FreeHandshakeRemoved.check(file, INFO));
        out.addAll(StaleAtomicSnapshot.check(file, INFO));
        RuleSupport.tree(file).ifPresent(tree -> {
            Nav nav = cache.facts(tree).nav();
            Set<String> readers = atomicReaders(nav);
            java.util.Map<String, Wrapper> wrappers = wrappers(nav);
            for (Node fn : nav.code("function_item")) {
                refCountDecisions(nav, file, fn, out);
                notifyGatedByAtomic(nav, file, fn, readers, out);
                List<Op> ops = new ArrayList<>(ops(nav, fn));
                List<Op> wrapped = wrapperCalls(nav, fn, wrappers);
                ops.addAll(wrapped);
                Set<Node> done = new HashSet<>();
                int undoChecks = 0;
                for (Op load : ops) {
                    if (load.method().equals("load")) {
                        checkThenAct(nav, file, fn, load, ops, ACTS, done, out);
                    } else if (UNDONE.contains(load.method()) && undoChecks++ < MAX_UNDO_CHECKS) {
                        checkThenAct(nav, file, fn, load, ops, Set.of("store"), done, out);
                    }
                }
                for (Op op : ops) {
                    if (done.contains(op.call()) || wrapped.contains(op)) { // a wrapper's ordering is its own
                        continue;
                    }
                    int start = RustTree.startLine(op.call());
                    int end = RustTree.endLine(op.call());
                    if (op.method().equals("compare_exchange_weak") && !nav.inLoop(op.call())) {
                        done.add(op.call());
                        if (RuleSupport.touched(file, start, end)) {
                            out.add(weak(file, nav, op, start, end));
                        }
                    } else if (op.relaxed() && RuleSupport.touched(file, start, end)) {
                        out.add(relaxed(file, nav, op, start, end));
                    }
                }
            }
        });
        return out;
    }

    /**
     * {@code if Arc::strong_count(&x) == 1 { .. }}: a reference count is an atomic another thread may change right
     * after the load (a clone, a drop), so "I am the last owner" decided from it is a check-then-act. Test fns are
     * skipped (asserting a count is how tests check for leaks).
     */
    private static void refCountDecisions(Nav nav, ChangedFile file, Node fn, List<Finding> out) {
        if (RuleSupport.isTestFunction(nav, fn) || file.isTestCode(fn)) {
            return;
        }
        for (Node call : nav.findInFn(fn, "call_expression")) {
            Optional<String> path = RuleSupport.calleePath(nav, call);
            if (path.isEmpty() || !path.get().matches("(?:.*::)?Arc::(?:strong_count|weak_count)")
                    || !nav.enclosingFn(call).map(fn::equals).orElse(false)) {
                continue;
            }
            String var = boundName(nav, call);
            boolean decides = inCondition(nav, call)
                    || (var != null && usedInCondition(nav, fn, var, call, fn));
            int start = RustTree.startLine(call);
            if (decides && RuleSupport.touched(file, start, RustTree.endLine(call))) {
                out.add(refCount(file, nav, call, RuleSupport.lastSegment(path.get()), start));
            }
        }
    }

    private static Finding refCount(ChangedFile file, Nav nav, Node call, String method, int line) {
        String text = RuleSupport.snippet(nav, call);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, RustTree.endLine(call))
                .severity(Severity.MEDIUM)
                .object(text).object("decision from Arc::" + method)
                .title("Decision taken from `Arc::" + method + "`")
                .explanation("`" + text + "` (line " + line + ") reads a reference count that other threads change "
                        + "whenever they clone or drop their `Arc`; between this read and the branch it decides, "
                        + "another owner can appear or disappear, so two owners can both conclude they are the last "
                        + "one (or none does) and run the shutdown, flush or free twice or never.")
                .check("Make the last owner's action happen in `Drop` of the shared value itself (it runs exactly "
                        + "once), or decide with one atomic step (`Arc::try_unwrap`, `Arc::into_inner`, `get_mut`).")
                .build();
    }

    /** Names of this file's fns that load an atomic (one call deep is enough for a fast-path check helper). */
    private static Set<String> atomicReaders(Nav nav) {
        Set<String> out = new HashSet<>();
        for (Node fn : nav.code("function_item")) {
            if (ops(nav, fn).stream().anyMatch(op -> op.method().equals("load"))) {
                out.add(RuleSupport.fnName(nav, fn));
            }
        }
        return out;
    }

    /**
     * {@code if <atomic read> { .. notify .. }} with no notify on the other path: a fast path that skips the
     * notify when the atomic says nobody waits. A waiter that registers between the read and its own re-check
     * is never woken unless both sides order the two (SeqCst on both, or the check under the waiters' lock);
     * event-listener removed exactly such an early-out after loom found missed notifications.
     */
    private static void notifyGatedByAtomic(Nav nav, ChangedFile file, Node fn, Set<String> readers,
                                            List<Finding> out) {
        if (RuleSupport.isTestFunction(nav, fn) || file.isTestCode(fn)) {
            return;
        }
        String self = RuleSupport.fnName(nav, fn);
        for (Node branch : nav.findInFn(fn, "if_expression")) {
            Node condition = nav.field(branch, "condition").orElse(null);
            Node then = nav.field(branch, "consequence").orElse(null);
            if (condition == null || then == null || !nav.enclosingFn(branch).map(fn::equals).orElse(false)) {
                continue;
            }
            String read = atomicRead(nav, condition, readers, self);
            Node wake = read == null ? null : wakeCall(nav, then);
            Node otherwise = nav.field(branch, "alternative").orElse(null);
            if (wake == null || (otherwise != null && wakeCall(nav, otherwise) != null)) {
                continue;
            }
            int start = RustTree.startLine(branch);
            int end = RustTree.endLine(condition);
            if (RuleSupport.touched(file, start, end)) {
                out.add(gatedNotify(file, nav, read, wake, start, end));
            }
        }
    }

    /** How the condition reads an atomic (a {@code load} or a call to a file's fn that loads one), or null. */
    private static String atomicRead(Nav nav, Node condition, Set<String> readers, String self) {
        for (Node call : nav.find(condition, "call_expression")) {
            Optional<String> method = RuleSupport.methodName(nav, call);
            String name = method.orElseGet(() -> RuleSupport.calleePath(nav, call).map(RuleSupport::lastSegment).orElse(""));
            boolean load = method.isPresent() && name.equals("load") && RuleSupport.args(nav, call).stream()
                    .anyMatch(a -> ORDERINGS.contains(RuleSupport.lastSegment(RuleSupport.compact(nav, a))));
            if (load) {
                return "`" + RuleSupport.snippet(nav, call) + "`";
            }
            if (!name.equals(self) && readers.contains(name)) {
                return "`" + RuleSupport.snippet(nav, call) + "` (`" + name + "` loads an atomic)";
            }
        }
        return null;
    }

    private static Node wakeCall(Nav nav, Node scope) {
        for (Node call : nav.find(scope, "call_expression")) {
            Optional<String> m = RuleSupport.methodName(nav, call);
            if (m.isPresent() && m.get().matches("notify\\w*|wake(?:_\\w+)?|unpark\\w*")) {
                return call;
            }
        }
        return null;
    }

    private static Finding gatedNotify(ChangedFile file, Nav nav, String read, Node wake, int start, int end) {
        String wakeText = RuleSupport.snippet(nav, wake);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(read.replace("`", "")).object(wakeText).object("notify gated by atomic read")
                .title("Notify skipped on an atomic read: " + read)
                .explanation("The branch on line " + start + " runs `" + wakeText + "` only when " + read + " decides a "
                        + "notify is needed; otherwise nobody is notified. A waiter that registers right after that "
                        + "read, and checks the condition just before the state changes, is never woken (a lost "
                        + "wake-up) unless the waiter's registration and this read are ordered against each other.")
                .check("Check how waiters register: both sides need `SeqCst` (or a fence) around the flag and the "
                        + "waiter count, or the check must happen under the waiters' lock; otherwise notify "
                        + "unconditionally.")
                .build();
    }

    /** A method of the file whose body has one atomic operation, on a field of {@code self}. */
    private record Wrapper(String method, List<String> orderings, int params) {
    }

    /**
     * Methods such as {@code fn load(&self) -> Snapshot { Snapshot(self.0.load(Acquire)) }} and {@code fn store(&self,
     * v: Snapshot) { self.0.store(v.0, Release) }}: a state type's own accessors. A caller's {@code if *self.load() ==
     * X { self.store(Y) }} is the same check-then-act as on the atomic itself (monoio 5f33e2cdb reversed: a task's
     * state word overwritten between the check and the store). Only a one-statement body is a wrapper: a method that
     * does more around its store (tokio's {@code OnceCell::set_value} writes the value, closes the semaphore whose
     * permit made the caller exclusive, forgets the permit) is a protocol step, not a plain store. A method with
     * more than one atomic operation is no wrapper either; a name two types use for different operations is
     * trusted for neither.
     */
    private static java.util.Map<String, Wrapper> wrappers(Nav nav) {
        java.util.Map<String, Wrapper> out = new java.util.HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Node fn : nav.code("function_item")) {
            Node params = nav.field(fn, "parameters").orElse(null);
            Node body = nav.field(fn, "body").orElse(null);
            if (params == null || body == null || statements(nav, body) != 1
                    || nav.find(params, "self_parameter").isEmpty()) {
                continue;
            }
            List<Op> ops = ops(nav, fn);
            String name = RuleSupport.fnName(nav, fn);
            if (ops.size() != 1 || !ops.get(0).atomic().startsWith("self.") || !out.containsKey(name) && ambiguous.contains(name)) {
                continue;
            }
            Wrapper w = new Wrapper(ops.get(0).method(), ops.get(0).orderings(), nav.namedChildren(params).size() - 1);
            if (out.containsKey(name) && !out.get(name).method().equals(w.method())) {
                out.remove(name); // two types' `load`s that do different things: neither is trusted
                ambiguous.add(name);
            } else if (!ambiguous.contains(name)) {
                out.put(name, w);
            }
        }
        return out;
    }

    /** Statements and the tail expression of a block, comments left out. */
    private static int statements(Nav nav, Node block) {
        int n = 0;
        for (Node child : nav.namedChildren(block)) {
            if (!nav.is(child, "line_comment", "block_comment")) {
                n++;
            }
        }
        return n;
    }

    /** Calls in {@code fn} to the file's atomic wrappers, as the operation each wraps on the call's receiver. */
    private static List<Op> wrapperCalls(Nav nav, Node fn, java.util.Map<String, Wrapper> wrappers) {
        List<Op> out = new ArrayList<>();
        if (wrappers.isEmpty()) {
            return out;
        }
        String self = RuleSupport.fnName(nav, fn);
        for (Node call : nav.find(fn, "call_expression")) {
            Optional<String> method = RuleSupport.methodName(nav, call);
            Optional<Node> recv = RuleSupport.receiver(nav, call);
            Wrapper w = method.map(wrappers::get).orElse(null);
            if (w != null && recv.isPresent() && !method.get().equals(self)
                    && RuleSupport.args(nav, call).size() == w.params()
                    && nav.enclosingFn(call).map(fn::equals).orElse(false)) {
                out.add(new Op(call, w.method(), RuleSupport.compact(nav, recv.get()), w.orderings()));
            }
        }
        return out;
    }

    static List<Op> ops(Nav nav, Node fn) {
        List<Op> out = new ArrayList<>();
        for (Node call : nav.find(fn, "call_expression")) {
            Optional<String> method = RuleSupport.methodName(nav, call);
            Optional<Node> recv = RuleSupport.receiver(nav, call);
            if (method.isEmpty() || recv.isEmpty() || !(ACTS.contains(method.get()) || OTHERS.contains(method.get()))
                    || !nav.enclosingFn(call).map(fn::equals).orElse(false)) {
                continue;
            }
            List<String> orderings = new ArrayList<>();
            for (Node arg : RuleSupport.args(nav, call)) {
                if (nav.is(arg, "identifier", "scoped_identifier")) {
                    String last = RuleSupport.lastSegment(RuleSupport.compact(nav, arg));
                    if (ORDERINGS.contains(last)) {
                        orderings.add(last);
                    }
                }
            }
            if (!orderings.isEmpty()) {
                out.add(new Op(call, method.get(), RuleSupport.compact(nav, recv.get()), orderings));
            }
        }
        return out;
    }

    private static void checkThenAct(Nav nav, ChangedFile file, Node fn, Op load, List<Op> ops, Set<String> acts,
                                     Set<Node> done, List<Finding> out) {
        boolean checked = inCondition(nav, load.call());
        String var = boundName(nav, load.call());
        Node closure = innermostClosure(nav, load.call());
        for (Op act : ops) {
            if (act == load || !acts.contains(act.method()) || !act.atomic().equals(load.atomic()) || done.contains(act.call())) {
                continue;
            }
            if (closure != null && !RuleSupport.within(act.call(), closure)) {
                // The check runs in a closure (one thread of a test's `Parallel::new().add(|| ..)`, a spawned
                // task) and the update outside it, in another: no decision flows from one to the other.
                continue;
            }
            boolean nested = RuleSupport.within(load.call(), act.call());
            boolean after = act.call().getStartByte() >= load.call().getEndByte();
            boolean decides = nested || (after && (checked
                    || (var != null && (usedInCondition(nav, fn, var, load.call(), act.call())
                    || usedIn(nav, act.call(), var)))));
            if (!decides) {
                continue;
            }
            done.add(load.call());
            done.add(act.call());
            int start = Math.min(RustTree.startLine(load.call()), RustTree.startLine(act.call()));
            int end = Math.max(RustTree.endLine(load.call()), RustTree.endLine(act.call()));
            if (RuleSupport.touched(file, start, end)) {
                out.add(load.method().equals("load") ? pair(file, nav, load, act, start, end)
                        : undone(file, nav, load, act, start, end));
            }
            return;
        }
    }

    /** The closure {@code node} sits in, below its fn, or null. */
    private static Node innermostClosure(Nav nav, Node node) {
        for (Optional<Node> p = nav.parent(node); p.isPresent() && !nav.is(p.get(), "function_item");
             p = nav.parent(p.get())) {
            if (nav.is(p.get(), "closure_expression")) {
                return p.get();
            }
        }
        return null;
    }

    /** Whether the node sits in an {@code if}/{@code while} condition or a {@code match}/{@code if let} scrutinee. */
    private static boolean inCondition(Nav nav, Node node) {
        Node cur = node;
        while (true) {
            Optional<Node> p = nav.parent(cur);
            if (p.isEmpty() || nav.is(p.get(), "block", "function_item", "closure_expression", "expression_statement",
                    "let_declaration")) {
                return false;
            }
            Node parent = p.get();
            if (nav.is(parent, "if_expression", "while_expression")
                    && nav.field(parent, "condition").map(cur::equals).orElse(false)) {
                return true;
            }
            if (nav.is(parent, "match_expression", "let_condition")
                    && nav.field(parent, "value").map(cur::equals).orElse(false)) {
                return true;
            }
            cur = parent;
        }
    }

    private static String boundName(Nav nav, Node load) {
        RustTree tree = nav.tree();
        Optional<Node> p = nav.parent(load);
        if (p.isPresent() && nav.is(p.get(), "let_declaration")) {
            return nav.field(p.get(), "pattern").filter(n -> nav.is(n, "identifier")).map(tree::text).orElse(null);
        }
        return null;
    }

    private static boolean usedInCondition(Nav nav, Node fn, String var, Node load, Node act) {
        RustTree tree = nav.tree();
        for (Node id : nav.find(fn, "identifier")) {
            if (id.getStartByte() >= load.getEndByte() && (act == fn || id.getStartByte() < act.getStartByte())
                    && tree.text(id).equals(var) && inCondition(nav, id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean usedIn(Nav nav, Node node, String var) {
        RustTree tree = nav.tree();
        return tree.find(node, "identifier").stream().anyMatch(id -> tree.text(id).equals(var));
    }

    private static Finding pair(ChangedFile file, Nav nav, Op load, Op act, int start, int end) {
        String loadText = RuleSupport.snippet(nav, load.call());
        String actText = RuleSupport.snippet(nav, act.call());
        String relaxedNote = load.relaxed() || act.relaxed()
                ? " With `Relaxed`, the flag also orders no other memory, so data written before it may not be visible." : "";
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.HIGH)
                .object(load.atomic()).object(loadText).object(actText)
                .title("Check-then-act on atomic `" + load.atomic() + "`")
                .explanation("`" + loadText + "` (line " + RustTree.startLine(load.call()) + ") decides whether `"
                        + actText + "` (line " + RustTree.startLine(act.call()) + ") runs, but another thread can "
                        + "change `" + load.atomic() + "` between the two: two threads can both see the old value "
                        + "and both act (a double start or a lost update)." + relaxedNote)
                .check("Replace the pair with one read-modify-write: `swap`, `fetch_update` or "
                        + "`compare_exchange(old, new, AcqRel, Acquire)`, and act only when it returns the value you "
                        + "expected.")
                .build();
    }

    /**
     * {@code let old = n.fetch_add(1); if old == 0 { n.store(0) }}: the update was visible to every other thread
     * before the store took it back, and the store overwrites whatever they did meanwhile (async-channel's weak
     * sender upgrade raced the last sender's drop this way).
     */
    private static Finding undone(ChangedFile file, Nav nav, Op rmw, Op store, int start, int end) {
        String rmwText = RuleSupport.snippet(nav, rmw.call());
        String storeText = RuleSupport.snippet(nav, store.call());
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.HIGH)
                .object(rmw.atomic()).object(rmwText).object(storeText)
                .title("`" + rmw.atomic() + "` updated, then taken back by a store")
                .explanation("`" + rmwText + "` (line " + RustTree.startLine(rmw.call()) + ") changes `" + rmw.atomic()
                        + "` at once for every thread, and its result decides `" + storeText + "` (line "
                        + RustTree.startLine(store.call()) + "), which puts a value back. In between, other threads "
                        + "can see the changed value and act on it (an object revived, a count that looked non-zero), "
                        + "and the store overwrites whatever they wrote meanwhile.")
                .check("Decide before changing: `fetch_update` or a `compare_exchange` loop that only applies the "
                        + "update when the current value allows it.")
                .build();
    }

    private static Finding weak(ChangedFile file, Nav nav, Op op, int start, int end) {
        String text = RuleSupport.snippet(nav, op.call());
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.HIGH)
                .object(op.atomic()).object(text)
                .title("`compare_exchange_weak` on `" + op.atomic() + "` outside a loop")
                .explanation("`" + text + "` (line " + start + ") may fail spuriously even when `" + op.atomic()
                        + "` holds the expected value; outside a retry loop, that failure is taken as \"another "
                        + "thread won\" and the update is silently skipped.")
                .check("Use `compare_exchange` for a single attempt, or retry `compare_exchange_weak` in a loop.")
                .build();
    }

    private static Finding relaxed(ChangedFile file, Nav nav, Op op, int start, int end) {
        String text = RuleSupport.snippet(nav, op.call());
        boolean publish = op.method().equals("store") || op.method().equals("swap");
        String why = publish
                ? "a `Relaxed` " + op.method() + " publishes nothing: a thread that sees the new value of `"
                + op.atomic() + "` may still see stale versions of data written before it."
                : op.method().equals("load")
                ? "a `Relaxed` load orders nothing after it: fine for a statistic or a stop flag, wrong if the "
                + "value is used to decide that other data is ready."
                : "a `Relaxed` " + op.method() + " is atomic but orders no other memory: fine for counters and "
                + "statistics, wrong if other threads use the value to decide that other writes are visible.";
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(publish ? Severity.MEDIUM : Severity.LOW)
                .object(op.atomic()).object(text)
                .title("`Ordering::Relaxed` " + op.method() + " on `" + op.atomic() + "`")
                .explanation("`" + text + "` (line " + start + "): " + why)
                .check("Check what other threads conclude from `" + op.atomic() + "`; if it signals that data is "
                        + "ready, use `Release` for the store and `Acquire` for the load.")
                .build();
    }
}
