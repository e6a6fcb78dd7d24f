package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lock acquisitions and the regions where their guards are alive, per fn. A guard bound by {@code let} lives
 * from its statement to the end of the enclosing block unless {@code drop(name)} runs first on every path to
 * the point in question; a guard created in a {@code match}/{@code if let}/{@code while let}/{@code for}
 * scrutinee lives for the whole body. A lock temporary in any other statement dies at its end.
 */
public final class Locks {

    private static final Set<String> METHODS = Set.of("lock", "read", "write", "try_lock", "try_read", "try_write",
            "borrow_mut", "borrow", "try_borrow_mut", "try_borrow", "lock_arc", "read_arc", "write_arc",
            "upgradable_read_arc");
    /**
     * lock_api's owned-guard methods: only parking_lot (and other lock_api locks) have them, so the name alone
     * says what kind of lock the receiver is even when its type is out of sight (gitbutler 368f3247 took a
     * per-repo lock with {@code map.entry(dir).or_default().write_arc()} under the global map's guard).
     */
    private static final Set<String> ARC_METHODS = Set.of("lock_arc", "read_arc", "write_arc", "upgradable_read_arc");
    private static final Set<String> UNWRAPS = Set.of("unwrap", "expect", "unwrap_or_else", "map_err");
    private static final Set<String> STATEMENT_LEVEL = Set.of("block", "expression_statement", "let_declaration",
            "closure_expression", "async_block", "function_item", "source_file", "declaration_list", "match_arm");

    /**
     * One acquisition: {@code call} is {@code recv.lock()}, {@code outer} the whole acquisition expression with
     * {@code .unwrap()}, {@code ?} and {@code .await} peeled on, {@code lock} the receiver without whitespace.
     */
    public record LockCall(Node call, Node receiver, String method, String lock, Node outer, boolean awaited,
                    LockOrigin origin) {

        public boolean exclusive() {
            return !method.equals("read") && !method.equals("try_read") && !method.equals("borrow")
                    && !method.equals("try_borrow") && !method.equals("read_arc")
                    && !method.equals("upgradable_read_arc");
        }
    }

    /**
     * A guard that outlives its statement. {@code name} is null for a scrutinee temporary; {@code how} says
     * where it came from ({@code let}, {@code match}, {@code if let}, {@code while let}, {@code for}).
     */
    public record Held(LockCall lock, String name, Node anchor, Node scope, int aliveFrom, Node boundary,
                String how) {

        /** The guard's name for explanations: {@code guard `state`} or {@code the temporary guard}. */
        public String label() {
            if (name != null) {
                return "guard `" + name + "`";
            }
            if (how.startsWith("borrow ")) {
                return "the guard that `" + how.substring("borrow ".length()) + "` borrows (its lifetime is "
                        + "extended to the end of the block)";
            }
            if (how.equals("statement")) {
                return "the temporary guard (alive to the end of its statement)";
            }
            if (how.equals("closure")) {
                return "the guard `" + lock.lock() + "` holds while this closure runs";
            }
            return "the temporary guard of the `" + how + "` scrutinee";
        }

        /** Whether the guard is bound by a {@code let} statement (by name or through a borrow of it). */
        public boolean letBound() {
            return how.equals("let") || how.startsWith("borrow ");
        }
    }

    /**
     * How an accessor takes its lock: the method ({@code lock}, {@code read}, ..) and the lock family; {@code scoped}
     * when it runs the caller's closure under the lock instead of returning the guard.
     */
    public record Accessor(String method, LockOrigin origin, boolean scoped) {
    }

    /** Receivers longer than this are not read as a lock (see {@link #classify}). */
    private static final int MAX_RECEIVER_BYTES = 1_024;
    /** Acquisitions read per fn (see {@link #acquisitions}); hand-written fns take a handful. */
    private static final int MAX_ACQUISITIONS = 200;
    /**
     * How far up from an acquisition its statement is looked for. Real statements nest a few dozen levels; a
     * fuzzed chain of 20,000 {@code .lock()} calls put the only acquisitions 20,000 levels down, and every rule
     * walking up from each of them took seconds. A guard deeper than this is taken to have no statement scope.
     * 1,000 still let 606 fns of 460-call chains cost CC1 30 s of a 67 s pass (fuzz run 52); a 100-call builder
     * chain is 200 levels.
     */
    public static final int MAX_STATEMENT_DEPTH = 256;

    private final Edition edition;
    private final java.util.function.Function<Node, Optional<LockOrigin>> crateOrigin;
    private final java.util.function.Function<Node, Optional<Accessor>> accessor;
    private final RustTree tree;
    private final Nav nav;
    private final TypeFacts facts;
    private final Map<Node, Optional<LockCall>> calls = new HashMap<>();
    private final Map<Held, List<Node>> dropsByGuard = new java.util.IdentityHashMap<>();
    private final Map<Held, Integer> shadowByGuard = new java.util.IdentityHashMap<>();
    private final Map<Node, List<Held>> heldByFn = new HashMap<>();
    private final Map<Node, List<LockCall>> acquisitionsByFn = new HashMap<>();
    private final Map<Node, List<Held>> temporariesByFn = new HashMap<>();
    /** Calls to scoped accessors: their guard is alive in the closures they are passed, not after them. */
    private final Set<Node> scopedCalls = new HashSet<>();

    public Locks(TypeFacts facts) {
        this(facts, Edition.E2021);
    }

    /** Guard lifetimes under {@code edition}'s temporary rules (2024 drops an {@code if let} scrutinee before {@code else}). */
    public Locks(TypeFacts facts, Edition edition) {
        this(facts, edition, recv -> Optional.empty());
    }

    /**
     * With {@code crateOrigin}: the lock family the crate declares for a receiver the file's own types do not
     * show (an element of a locked collection field, a field of a struct in another file).
     */
    public Locks(TypeFacts facts, Edition edition, java.util.function.Function<Node, Optional<LockOrigin>> crateOrigin) {
        this(facts, edition, crateOrigin, call -> Optional.empty());
    }

    /**
     * With {@code accessor}: for a call to a crate fn that returns the guard of the one lock it takes, that
     * acquisition's method and family (see {@link #accessorCall}).
     */
    public Locks(TypeFacts facts, Edition edition, java.util.function.Function<Node, Optional<LockOrigin>> crateOrigin,
                 java.util.function.Function<Node, Optional<Accessor>> accessor) {
        this.accessor = accessor;
        this.crateOrigin = crateOrigin;
        this.edition = edition;
        this.facts = facts;
        this.tree = facts.tree();
        this.nav = facts.nav();
    }

    public TypeFacts facts() {
        return facts;
    }

    /** The acquisition a call expression makes, if it is one. */
    public Optional<LockCall> lockCall(Node call) {
        return calls.computeIfAbsent(call, this::classify);
    }

    private Optional<LockCall> classify(Node call) {
        if (nav.is(call, "macro_invocation")) {
            return macroCall(call);
        }
        if (!nav.is(call, "call_expression")) {
            return Optional.empty();
        }
        Optional<String> method = Exprs.methodName(nav, call);
        if (method.isEmpty() || !METHODS.contains(method.get())) {
            return accessorCall(call);
        }
        Optional<Node> recv = Exprs.receiver(nav, call);
        if (!Exprs.args(nav, call).isEmpty() || recv.isEmpty()) {
            return Optional.empty();
        }
        if (recv.get().getEndByte() - recv.get().getStartByte() > MAX_RECEIVER_BYTES) {
            // No lock is named by kilobytes of source; reading the text of every call of a generated chain of
            // thousands (each receiver holding all the calls before it) was quadratic.
            return Optional.empty();
        }
        String lock = Exprs.compact(nav, recv.get());
        if (lock.matches(".*(stdout|stdin|stderr)\\(\\)")) {
            return Optional.empty();
        }
        Peeled peeled = peel(call);
        Node outer = peeled.outer();
        boolean awaited = peeled.awaited();
        boolean wrapped = peeled.wrapped();
        String m = method.get();
        Optional<String> type = facts.typeOf(recv.get());
        LockOrigin known = type.map(facts::lockOrigin).orElse(null);
        if (known == null && !m.contains("borrow")) {
            known = crateOrigin.apply(recv.get()).orElse(null);
        }
        LockOrigin origin;
        if (ARC_METHODS.contains(m)) {
            origin = LockOrigin.PARKING_LOT;
        } else if (m.contains("borrow")) {
            if (known == LockOrigin.REFCELL || (known == null && m.endsWith("borrow_mut"))) {
                origin = LockOrigin.REFCELL;
            } else {
                return Optional.empty();
            }
        } else if (awaited) {
            origin = LockOrigin.ASYNC;
        } else if (known != null && known != LockOrigin.NONE && known != LockOrigin.REFCELL) {
            origin = known;
        } else if (known != null && !m.endsWith("lock")) {
            // `system.read()` on a crate type that is no lock: its own `read` may be a guard accessor (iggy's
            // `SharedSystem::read` returns the guard of the `keepcalm::SharedMut` it wraps)
            return accessorCall(call);
        } else {
            origin = importedOrigin(m.endsWith("lock") ? "Mutex" : "RwLock", wrapped);
            if (!m.endsWith("lock") && !wrapped && origin == LockOrigin.UNKNOWN) {
                return Optional.empty();
            }
        }
        return Optional.of(new LockCall(call, recv.get(), m, lock, outer, awaited, origin));
    }

    /** An acquisition expression with {@code .unwrap()}, {@code ?} and {@code .await} peeled on. */
    private record Peeled(Node outer, boolean awaited, boolean wrapped) {
    }

    private Peeled peel(Node call) {
        Node outer = call;
        boolean awaited = false;
        boolean wrapped = false;
        while (true) {
            Optional<Node> p = nav.parent(outer);
            if (p.isEmpty()) {
                break;
            }
            if (nav.is(p.get(), "await_expression")) {
                awaited = true;
                outer = p.get();
            } else if (nav.is(p.get(), "try_expression")) {
                outer = p.get();
            } else if (nav.is(p.get(), "field_expression")
                    && nav.field(p.get(), "field").map(f -> UNWRAPS.contains(tree.text(f))).orElse(false)
                    && nav.parent(p.get()).filter(c -> nav.is(c, "call_expression")).isPresent()) {
                wrapped = true;
                outer = nav.parent(p.get()).get();
            } else {
                break;
            }
        }
        return new Peeled(outer, awaited, wrapped);
    }

    /**
     * A call to a crate fn that takes one lock and returns its guard ({@code vm.resource_allocator()}): the
     * caller holds that lock for as long as it keeps the result, as if it had called {@code .lock()} itself
     * (firecracker 753a817a held the allocator's guard across a call that takes the bus lock). The lock family
     * and method are the accessor's own acquisition's; its identity is resolved by the crate (see FileView).
     */
    private Optional<LockCall> accessorCall(Node call) {
        Optional<Accessor> found = accessor.apply(call);
        // The callee's text, not the whole call: a scoped accessor's closure argument is often longer than that.
        Node callee = nav.field(call, "function").orElse(call);
        Node sized = found.map(Accessor::scoped).orElse(false) ? callee : call;
        if (found.isEmpty() || sized.getEndByte() - sized.getStartByte() > MAX_RECEIVER_BYTES) {
            return Optional.empty();
        }
        Node recv = Exprs.receiver(nav, call).or(() -> nav.field(call, "function")).orElse(call);
        Peeled peeled = peel(call);
        LockOrigin origin = peeled.awaited() ? LockOrigin.ASYNC : found.get().origin();
        String text = Exprs.compact(nav, call);
        if (found.get().scoped()) {
            scopedCalls.add(call);
            text = nav.field(call, "function").map(f -> Exprs.compact(nav, f)).orElse(text) + "(..)";
        }
        return Optional.of(new LockCall(call, recv, found.get().method(), text, peeled.outer(), peeled.awaited(), origin));
    }

    /**
     * {@code zread!(self.links)}: an invocation of a lock macro of the crate or its workspace (the accessor
     * function answers for macros from the crate model) whose argument is a place, parsed into the tree by
     * MacroBodies. It acquires like {@code self.links.read().unwrap()}: the receiver is the place, the family
     * is what its type says (a macro that awaits takes an async lock).
     */
    private Optional<LockCall> macroCall(Node macro) {
        Optional<Accessor> found = accessor.apply(macro);
        Optional<Node> tokens = nav.namedChildren(macro).stream().filter(c -> nav.is(c, "token_tree")).findFirst();
        List<Node> parsed = tokens.map(nav::namedChildren).orElse(List.of());
        if (found.isEmpty() || parsed.size() != 1) {
            return Optional.empty();
        }
        Node recv = parsed.get(0);
        if (nav.is(recv, "reference_expression")) {
            recv = nav.field(recv, "value").orElse(recv);
        }
        if (!nav.is(recv, "identifier", "field_expression", "scoped_identifier", "self")) {
            return Optional.empty();
        }
        Peeled peeled = peel(macro);
        LockOrigin origin = found.get().origin();
        if (origin == LockOrigin.UNKNOWN) {
            LockOrigin known = facts.typeOf(recv).map(facts::lockOrigin).orElse(null);
            if (known == null) {
                known = crateOrigin.apply(recv).orElse(null);
            }
            origin = known == null || known == LockOrigin.NONE ? LockOrigin.UNKNOWN : known;
        }
        return Optional.of(new LockCall(macro, recv, found.get().method(), Exprs.compact(nav, recv), peeled.outer(),
                peeled.awaited() || origin == LockOrigin.ASYNC, origin));
    }

    /** The single lock family the file imports under {@code typeName}; an unwrapped guard is never async. */
    private LockOrigin importedOrigin(String typeName, boolean wrapped) {
        Set<LockOrigin> found = new HashSet<>();
        for (String path : facts.imports().allPaths()) {
            if (Exprs.lastSegment(path).equals(typeName)) {
                LockOrigin o = facts.lockOrigin(path);
                if (!(wrapped && o == LockOrigin.ASYNC)) {
                    found.add(o);
                }
            }
        }
        return found.size() == 1 ? found.iterator().next() : LockOrigin.UNKNOWN;
    }

    /**
     * Every acquisition directly in {@code fn} (closures and async blocks included, nested fns not), the first
     * {@link #MAX_ACQUISITIONS} of them: the rules walk up from each acquisition to its statement, so a generated
     * fn with a chain of thousands of lock calls in one expression made them quadratic.
     */
    public List<LockCall> acquisitions(Node fn) {
        // Every lock rule asks for them, several times a fn: finding them walks each call up to its fn.
        return acquisitionsByFn.computeIfAbsent(fn, this::findAcquisitions);
    }

    private List<LockCall> findAcquisitions(Node fn) {
        List<LockCall> out = new ArrayList<>();
        for (Node call : nav.findInFn(fn, "call_expression", "macro_invocation")) {
            if (out.size() >= MAX_ACQUISITIONS) {
                break;
            }
            if (nav.enclosingFn(call).map(fn::equals).orElse(false)) {
                if (nearFn(call, fn)) {
                    lockCall(call).ifPresent(out::add);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The guards of {@code fn} that die with their statement but are alive for the rest of it: Rust drops a
     * temporary at the end of the enclosing statement (or {@code if}/{@code while} condition), so in
     * {@code s.write().shrink_to(self.len(), ..)} the write guard is alive while {@code self.len()} runs.
     * Separate from {@link #held} so rules about code after the statement (snapshots, awaits) are unchanged.
     */
    public List<Held> temporaries(Node fn) {
        return temporariesByFn.computeIfAbsent(fn, this::findTemporaries);
    }

    /** {@link #held} and {@link #temporaries} together: every guard and where it is alive. */
    public List<Held> guards(Node fn) {
        List<Held> all = new ArrayList<>(held(fn));
        all.addAll(temporaries(fn));
        return all;
    }

    private List<Held> findTemporaries(Node fn) {
        List<Held> out = new ArrayList<>();
        List<Held> held = held(fn);
        for (LockCall lc : acquisitions(fn)) {
            if (held.stream().anyMatch(h -> h.lock() == lc)) {
                continue;
            }
            Node cur = lc.outer();
            Node scope = null;
            for (int up = 0; up < MAX_STATEMENT_DEPTH; up++) {
                Optional<Node> p = nav.parent(cur);
                if (p.isEmpty()) {
                    break;
                }
                Node parent = p.get();
                if (STATEMENT_LEVEL.contains(nav.type(parent))) {
                    scope = cur;
                    break;
                }
                boolean condition = nav.field(parent, "condition").map(cur::equals).orElse(false);
                if (nav.is(parent, "if_expression", "while_expression") && condition) {
                    scope = cur;
                    break;
                }
                if (nav.is(parent, "let_condition", "match_expression", "for_expression")
                        || nav.is(parent, "if_expression", "while_expression")) {
                    break;
                }
                cur = parent;
            }
            if (scope != null && scope.getEndByte() > lc.outer().getEndByte()) {
                out.add(new Held(lc, null, lc.outer(), scope, lc.outer().getEndByte(),
                        nav.asyncBoundary(lc.outer()).orElse(null), "statement"));
            }
        }
        return out;
    }

    /**
     * Whether {@code call} is at most {@link #MAX_STATEMENT_DEPTH} levels below {@code fn}. Every rule walks up from
     * each acquisition (to its statement, condition, let or await boundary); deeper ones exist only in generated
     * input, where those walks made each rule quadratic, so they are not acquisitions.
     */
    private boolean nearFn(Node call, Node fn) {
        // Callers pass the fn that encloses the call, so only the distance is left to check (walking up from each
        // call of a generated chain thousands deep was itself quadratic: fuzz run 52).
        return nav.depth(call) - nav.depth(fn) <= MAX_STATEMENT_DEPTH;
    }

    /** Every guard in {@code fn} that outlives its statement. */
    public List<Held> held(Node fn) {
        return heldByFn.computeIfAbsent(fn, this::findHeld);
    }

    private List<Held> findHeld(Node fn) {
        List<Held> out = new ArrayList<>();
        for (LockCall lc : acquisitions(fn)) {
            if (scopedCalls.contains(lc.call())) {
                for (Node arg : Exprs.args(nav, lc.call())) {
                    Optional<Node> body = nav.field(arg, "body");
                    if (nav.is(arg, "closure_expression") && body.isPresent()) {
                        out.add(new Held(lc, null, arg, body.get(), body.get().getStartByte(), arg, "closure"));
                    }
                }
                continue;
            }
            Optional<Node> parent = nav.parent(lc.outer());
            if (parent.isPresent() && nav.is(parent.get(), "let_declaration")
                    && nav.field(parent.get(), "value").map(lc.outer()::equals).orElse(false)) {
                Node let = parent.get();
                String name = nav.field(let, "pattern").map(this::bindingName).orElse(null);
                Optional<Node> scope = nav.parent(let);
                if (name != null && scope.isPresent()) {
                    out.add(new Held(lc, name, let, scope.get(), let.getEndByte(),
                            nav.asyncBoundary(let).orElse(null), "let"));
                }
                continue;
            }
            Optional<Held> matched = matchedIntoLet(lc);
            if (matched.isPresent()) {
                out.add(matched.get());
                continue;
            }
            Optional<Held> borrowed = extendedBorrow(lc);
            if (borrowed.isPresent()) {
                out.add(borrowed.get());
                continue;
            }
            scrutinee(lc).ifPresent(out::add);
        }
        return out;
    }

    /**
     * {@code let g = match m.lock() { Ok(g) => g, Err(_) => return };}: the guard comes out of the match into
     * {@code g}, so it lives like a {@code let} guard.
     */
    private Optional<Held> matchedIntoLet(LockCall lc) {
        Optional<Node> match = nav.parent(lc.outer()).filter(m -> nav.is(m, "match_expression")
                && nav.field(m, "value").map(lc.outer()::equals).orElse(false));
        Optional<Node> let = match.flatMap(nav::parent).filter(l -> nav.is(l, "let_declaration")
                && nav.field(l, "value").map(match.get()::equals).orElse(false));
        if (let.isEmpty()) {
            return Optional.empty();
        }
        String name = nav.field(let.get(), "pattern").map(this::bindingName).orElse(null);
        Optional<Node> scope = nav.parent(let.get());
        if (name == null || scope.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Held(lc, name, let.get(), scope.get(), let.get().getEndByte(),
                nav.asyncBoundary(let.get()).orElse(null), "let"));
    }

    /**
     * {@code let x = &*m.lock().unwrap();} or {@code let n = &m.lock().unwrap().field;}: temporary lifetime
     * extension keeps the guard alive until the end of the block, although no name holds it.
     */
    private Optional<Held> extendedBorrow(LockCall lc) {
        Node node = lc.outer();
        boolean borrowed = false;
        while (true) {
            Optional<Node> p = nav.parent(node);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            Node parent = p.get();
            if (nav.is(parent, "reference_expression")) {
                borrowed = true;
            } else if (nav.is(parent, "let_declaration")) {
                if (!borrowed || !nav.field(parent, "value").map(node::equals).orElse(false)) {
                    return Optional.empty();
                }
                String name = nav.field(parent, "pattern").map(tree::text).orElse("_");
                Optional<Node> scope = nav.parent(parent);
                return scope.map(sc -> new Held(lc, null, parent, sc, parent.getEndByte(),
                        nav.asyncBoundary(parent).orElse(null), "borrow " + name));
            } else if (nav.is(parent, "field_expression", "index_expression")) {
                if (!nav.namedChildren(parent).stream().findFirst().map(node::equals).orElse(false)) {
                    return Optional.empty();
                }
            } else if (!(nav.is(parent, "parenthesized_expression")
                    || (nav.is(parent, "unary_expression") && tree.text(parent).startsWith("*")))) {
                return Optional.empty();
            }
            node = parent;
        }
    }

    private Optional<Held> scrutinee(LockCall lc) {
        Node node = lc.outer();
        while (true) {
            Optional<Node> p = nav.parent(node);
            if (p.isEmpty() || STATEMENT_LEVEL.contains(nav.type(p.get()))) {
                return Optional.empty();
            }
            Node parent = p.get();
            boolean isValue = nav.field(parent, "value").map(node::equals).orElse(false);
            Node boundaryAnchor = parent;
            if (nav.is(parent, "let_condition") && isValue) {
                Node owner = nav.parent(parent).orElse(parent);
                if (nav.is(owner, "let_chain")) {
                    owner = nav.parent(owner).orElse(owner);
                }
                String name = node.equals(lc.outer())
                        ? nav.field(parent, "pattern").map(this::bindingName).orElse(null) : null;
                if (nav.is(owner, "if_expression")) {
                    Optional<Node> then = nav.field(owner, "consequence");
                    if (then.isPresent()) {
                        Node scope = edition.dropsIfLetScrutineeBeforeElse() ? then.get() : owner;
                        return Optional.of(new Held(lc, name, owner, scope, then.get().getStartByte(),
                                nav.asyncBoundary(owner).orElse(null), "if let"));
                    }
                } else if (nav.is(owner, "while_expression")) {
                    Optional<Node> body = nav.field(owner, "body");
                    if (body.isPresent()) {
                        return Optional.of(new Held(lc, name, owner, body.get(), body.get().getStartByte(),
                                nav.asyncBoundary(owner).orElse(null), "while let"));
                    }
                }
                return Optional.empty();
            }
            if (nav.is(parent, "match_expression", "for_expression") && isValue) {
                Optional<Node> body = nav.field(parent, "body");
                if (body.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Held(lc, null, boundaryAnchor, body.get(), body.get().getStartByte(),
                        nav.asyncBoundary(parent).orElse(null),
                        nav.is(parent, "match_expression") ? "match" : "for"));
            }
            if (nav.is(parent, "if_expression", "while_expression")) {
                return Optional.empty();
            }
            node = parent;
        }
    }

    /** The name a pattern binds the whole value to: {@code g}, {@code mut g}, {@code Ok(g)}; null otherwise. */
    private String bindingName(Node pattern) {
        Node p = pattern;
        if (nav.is(p, "tuple_struct_pattern")) {
            List<Node> parts = nav.namedChildren(p);
            String type = nav.field(p, "type").map(tree::text).orElse("");
            if (parts.size() != 2 || !(type.equals("Ok") || type.equals("Some"))) {
                return null;
            }
            p = parts.get(1);
        }
        if (nav.is(p, "mut_pattern") && p.getNamedChildCount() > 0) {
            p = p.getNamedChild(p.getNamedChildCount() - 1);
        }
        if (!nav.is(p, "identifier")) {
            return null;
        }
        String name = tree.text(p);
        return name.equals("_") ? null : name;
    }

    /**
     * Whether {@code h}'s guard is alive at {@code node}: inside its region, in the same async boundary
     * (or, with {@code throughClosures}, in a plain closure inside it), and not dropped before on the way.
     */
    public boolean alive(Held h, Node node, boolean throughClosures) {
        if (node.getStartByte() < h.aliveFrom() || node.getEndByte() > h.scope().getEndByte()
                || node.getStartByte() < h.scope().getStartByte()) {
            return false;
        }
        if (!sameBoundary(h.boundary(), node, throughClosures)) {
            return false;
        }
        return h.name() == null || !droppedBefore(h, node);
    }

    private boolean sameBoundary(Node target, Node node, boolean throughClosures) {
        Optional<Node> b = nav.asyncBoundary(node);
        while (b.isPresent()) {
            if (b.get().equals(target)) {
                return true;
            }
            if (!throughClosures || !nav.is(b.get(), "closure_expression") || nav.hasToken(b.get(), "async")
                    || spawned(b.get())) {
                return false;
            }
            b = nav.asyncBoundary(b.get());
        }
        return target == null;
    }

    private static final java.util.regex.Pattern SPAWN = java.util.regex.Pattern.compile("(?:^|[.:])spawn(?:_\\w+)?$");

    /**
     * Whether the closure is handed to a spawn ({@code thread::spawn(move || ..)}, {@code scope.spawn(..)}): it runs
     * on another thread or later, not while the guard it was written under is held (shuttle c1661f1a's test blocks
     * two spawned threads on a mutex its own thread holds, on purpose).
     */
    private boolean spawned(Node closure) {
        Optional<Node> args = nav.parent(closure).filter(p -> nav.is(p, "arguments"));
        Optional<Node> call = args.flatMap(nav::parent).filter(c -> nav.is(c, "call_expression"));
        return call.flatMap(c -> nav.field(c, "function"))
                .map(f -> SPAWN.matcher(Exprs.compact(nav, f)).find()).orElse(false);
    }

    /** Whether {@code drop(name)} runs after the guard is made and before {@code node} on every path to it. */
    private boolean droppedBefore(Held h, Node node) {
        List<Node> drops = dropsByGuard.computeIfAbsent(h, k -> {
            int shadowed = shadowedAt(k);
            return nav.find(k.scope(), "call_expression").stream()
                    .filter(c -> c.getStartByte() >= k.aliveFrom() && c.getStartByte() < shadowed && isDropOf(c, k.name()))
                    .toList();
        });
        for (Node call : drops) {
            if (call.getEndByte() > node.getStartByte()) {
                break;
            }
            Optional<Node> block = nav.enclosing(call, "block");
            if (block.isPresent() && Exprs.within(node, block.get())
                    && nav.asyncBoundary(call).equals(nav.asyncBoundary(h.anchor()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the guard's name stops naming it: a later {@code let} of the same name in the guard's block that
     * borrows from it ({@code let runtime = runtime.as_ref().expect(..)}). The guard lives on to the end of the
     * block, and a call taking the new {@code runtime} by value ({@code f(runtime)}) does not take the guard. rspack
     * b1ce25cb reversed: the runtime's read guard, shadowed by the runtime it guards, stayed alive while the closure
     * ran {@code block_on}. Integer.MAX_VALUE when no such {@code let} follows.
     */
    private int shadowedAt(Held h) {
        return shadowByGuard.computeIfAbsent(h, this::findShadow);
    }

    /**
     * Whether {@code call} takes guard {@code h} by value ({@link #movesInto}) while its name still names it: after a
     * shadowing borrow ({@link #shadowedAt}) the name is the borrow's.
     */
    public boolean movesGuard(Held h, Node call) {
        return call.getStartByte() < shadowedAt(h) && movesInto(call, h.name());
    }

    private int findShadow(Held h) {
        if (h.name() == null || !nav.is(h.scope(), "block")) {
            return Integer.MAX_VALUE;
        }
        java.util.regex.Pattern borrow = java.util.regex.Pattern.compile("^&\\s*(?:mut\\s+)?\\**\\s*"
                + java.util.regex.Pattern.quote(h.name()) + "\\b|^" + java.util.regex.Pattern.quote(h.name()) + "\\s*\\.\\s*[a-z_]");
        for (Node let : nav.namedChildren(h.scope())) {
            if (let.getStartByte() < h.aliveFrom() || !nav.is(let, "let_declaration")) {
                continue;
            }
            boolean same = nav.field(let, "pattern").filter(p -> nav.is(p, "identifier"))
                    .map(p -> tree.text(p).equals(h.name())).orElse(false);
            if (same && nav.field(let, "value").map(v -> borrow.matcher(tree.text(v)).find()).orElse(false)) {
                return let.getEndByte();
            }
        }
        return Integer.MAX_VALUE;
    }

    private boolean isDropOf(Node call, String name) {
        return isExplicitDrop(call, name) || movesInto(call, name);
    }

    /**
     * Whether {@code call} takes guard {@code name} by value into a fn that releases it
     * ({@code self.shared.notify_rx(tail)}): from there on the callee owns the guard. Storing it
     * ({@code Some(g)}, {@code v.push(g)}, a constructor) keeps it alive, so those are not moves that end it.
     */
    public boolean movesInto(Node call, String name) {
        if (name == null || !nav.is(call, "call_expression")) {
            return false;
        }
        boolean byValue = Exprs.args(nav, call).stream()
                .anyMatch(a -> nav.is(a, "identifier") && tree.text(a).equals(name));
        if (!byValue) {
            return false;
        }
        String callee = Exprs.methodName(nav, call).orElseGet(() -> Exprs.calleePath(nav, call)
                .map(Exprs::lastSegment).orElse(""));
        return !callee.isEmpty() && !Character.isUpperCase(callee.charAt(0))
                && !callee.matches("push\\w*|insert|extend|append|add|new|from|replace|set|send|store");
    }

    private boolean isExplicitDrop(Node call, String name) {
        Optional<String> path = Exprs.calleePath(nav, call);
        List<Node> args = Exprs.args(nav, call);
        return path.isPresent()
                && (path.get().equals("drop") || path.get().equals("mem::drop") || path.get().endsWith("::mem::drop"))
                && args.size() == 1 && nav.is(args.get(0), "identifier") && tree.text(args.get(0)).equals(name);
    }
}
