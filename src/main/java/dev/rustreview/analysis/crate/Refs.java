package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an expression names in terms the crate index can resolve: a base type (the impl type for
 * {@code self}, a parameter's or {@code let}'s declared type, a path's type) and a chain of fields.
 * {@code self.inner.state} in {@code impl Pool} is {@code (Pool, [inner, state])}.
 */
public final class Refs {

    /** A place: {@code base} is a type's simple name or null when unknown; {@code text} is the source text. */
    public record Place(String base, List<String> fields, String text) {

        /** This place followed by {@code more} fields. */
        public Place withFields(List<String> more) {
            List<String> all = new ArrayList<>(fields);
            all.addAll(more);
            return new Place(base, all, text);
        }
    }

    /** A call: method {@code name} on {@code receiver}, or a path call ({@code receiver} null, {@code path} set). */
    public record CallRef(Place receiver, String path, String name, String text) {

        public boolean isMethod() {
            return receiver != null;
        }
    }

    /** A place field: one element of the collection before it ({@code s} in {@code self.shards.iter().map(|s| ..)}). */
    public static final String ELEMENT = "[]";

    /** A place field: the value the lock guard before it gives access to ({@code g} in {@code let g = m.lock()}). */
    public static final String DEREF = "*";

    /**
     * A place field prefix: the value a method of the type before it returns ({@code ()lock_mutate} in
     * {@code self.lock_mutate(hash).await}). The model reads it only for the crate's guard accessors, whose value is
     * what their lock guards; no lock is identified through it.
     */
    public static final String CALL = "()";

    /** Iterator adapters whose closure's single parameter is one element of the iterated collection. */
    static final java.util.Set<String> ELEMENT_ADAPTERS = java.util.Set.of("map", "for_each", "filter_map", "filter",
            "any", "all", "find", "flat_map", "find_map", "try_for_each", "inspect", "position");

    /** Methods that iterate a collection's elements by reference or value. */
    static final java.util.Set<String> ITERATORS = java.util.Set.of("iter", "iter_mut", "into_iter", "values",
            "values_mut");

    /** Zero-argument methods that return a lock guard. */
    static final java.util.Set<String> GUARD_METHODS = java.util.Set.of("lock", "read", "write", "borrow_mut",
            "borrow", "blocking_lock");

    private Refs() {
    }

    /**
     * The first type argument of the wrapper or collection a type text names, shared-pointer wrappers looked
     * through: {@code Mutex<Tail>} gives {@code Tail}, {@code Box<[CachePadded<RwLock<M>>]>} gives
     * {@code CachePadded<RwLock<M>>}, {@code Vec<Worker>} gives {@code Worker}; null when there is none.
     */
    public static String typeArgument(String typeText) {
        String t = withoutLifetimes(typeText);
        for (int step = 0; step < 8; step++) {
            t = t.replaceFirst("^&('\\w+)?(mut)?", "");
            if (t.startsWith("[")) {
                int end = t.lastIndexOf(']');
                int semi = topLevel(t, ';');
                String inner = t.substring(1, semi > 0 ? semi : Math.max(1, end));
                return inner.isEmpty() ? null : inner;
            }
            int lt = t.indexOf('<');
            if (lt < 0 || !t.endsWith(">")) {
                return null;
            }
            String head = Exprs.lastSegment(t.substring(0, lt));
            String args = t.substring(lt + 1, t.length() - 1);
            int comma = topLevel(args, ',');
            String first = comma < 0 ? args : args.substring(0, comma);
            if (first.startsWith("'")) {
                first = comma < 0 ? null : args.substring(comma + 1);
                if (first == null) {
                    return null;
                }
                int c2 = topLevel(first, ',');
                first = c2 < 0 ? first : first.substring(0, c2);
            }
            if (head.equals("Arc") || head.equals("Rc") || head.equals("Box") || head.equals("CachePadded")) {
                t = first;
                continue;
            }
            return first;
        }
        return null;
    }

    /**
     * A type text without whitespace and lifetimes: removing the spaces first would glue {@code &'a Receiver}
     * into {@code &'aReceiver}.
     */
    private static String withoutLifetimes(String typeText) {
        return typeText.replaceAll("'\\w+\\s*,?", "").replaceAll("\\s+", "");
    }

    /** The index of the first {@code c} outside brackets in {@code s}, or -1. */
    private static int topLevel(String s, char c) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '<' || x == '(' || x == '[') {
                depth++;
            } else if (x == '>' || x == ')' || x == ']') {
                depth--;
            } else if (x == c && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The impl type a fn belongs to ({@code Executor} for {@code impl<T> Executor<T>}), or empty. */
    public static Optional<String> implType(Nav nav, Node fn) {
        return nav.enclosing(fn, "impl_item").flatMap(impl -> nav.field(impl, "type")).map(t -> headName(nav, t));
    }

    /** The trait an impl block around {@code fn} implements, or empty. */
    public static Optional<String> implTrait(Nav nav, Node fn) {
        return nav.enclosing(fn, "impl_item").flatMap(impl -> nav.field(impl, "trait")).map(t -> headName(nav, t));
    }

    static String headName(Nav nav, Node type) {
        Node head = nav.is(type, "generic_type") ? nav.field(type, "type").orElse(type) : type;
        return Exprs.lastSegment(Exprs.compact(nav, head));
    }

    /** Receivers longer than this denote no place (as in {@code Locks}, receivers over 1 KB are not locks). */
    static final int MAX_PLACE_BYTES = 1_024;

    /** Calls that give the same place back: a clone, a reference to the inside of an Option or an Arc. */
    static final java.util.Set<String> PLACE_ADAPTERS = java.util.Set.of("clone", "as_ref", "deref", "as_deref",
            "as_mut", "unwrap", "expect");

    /**
     * The place an expression denotes, looking through {@code &}, {@code *}, {@code ?}, parentheses and the
     * {@link #PLACE_ADAPTERS}.
     */
    public static Place place(TypeFacts facts, Node fn, Node expr) {
        return place(facts, fn, expr, 0);
    }

    private static Place place(TypeFacts facts, Node fn, Node expr, int depth) {
        Nav nav = facts.nav();
        if (expr.getEndByte() - expr.getStartByte() > MAX_PLACE_BYTES) {
            // No lock or field is named by kilobytes of expression (a fuzzed chain of calls); copying its text for
            // every call on it made the rules quadratic.
            return new Place(null, List.of(), "…");
        }
        String text = Exprs.compact(nav, expr);
        List<String> fields = new ArrayList<>();
        Node cur = expr;
        for (int step = 0; step < 16; step++) {
            switch (nav.type(cur)) {
                case "field_expression" -> {
                    fields.add(0, nav.field(cur, "field").map(f -> nav.tree().text(f)).orElse("?"));
                    Optional<Node> v = nav.field(cur, "value");
                    if (v.isEmpty()) {
                        return new Place(null, fields, text);
                    }
                    cur = v.get();
                }
                case "parenthesized_expression", "unary_expression", "reference_expression", "try_expression",
                        "await_expression" -> {
                    if (cur.getNamedChildCount() == 0) {
                        return new Place(null, fields, text);
                    }
                    cur = cur.getNamedChild(cur.getNamedChildCount() - 1);
                }
                case "index_expression" -> {
                    // `self.sessions[i % N]`: one element of the collection, whichever index picks it
                    if (cur.getNamedChildCount() == 0) {
                        return new Place(null, fields, text);
                    }
                    fields.add(0, ELEMENT);
                    cur = cur.getNamedChild(0);
                }
                case "self" -> {
                    return new Place(fn == null ? null : implType(nav, fn).orElse(null), fields, text);
                }
                case "identifier" -> {
                    Optional<String> type = facts.typeOf(cur);
                    if (type.isEmpty() && depth < 4) {
                        Optional<Place> derived = derived(facts, fn, cur, depth + 1);
                        if (derived.isPresent()) {
                            return new Place(derived.get().base(), derived.get().withFields(fields).fields(), text);
                        }
                    }
                    return new Place(type.map(Refs::typeHead).orElse(null), fields, text);
                }
                case "call_expression" -> {
                    // Option<Arc<Mutex<_>>> reached with `.as_ref()?`, `.as_ref().expect(..)`: the same field.
                    Optional<String> method = Exprs.methodName(nav, cur);
                    Optional<Node> recv = Exprs.receiver(nav, cur);
                    if (method.isEmpty() || recv.isEmpty()) {
                        return new Place(null, fields, text);
                    }
                    if (GUARD_METHODS.contains(method.get()) && Exprs.args(nav, cur).isEmpty()) {
                        fields.add(0, DEREF); // `self.locked.lock().await.fix(..)`: the value the guard gives
                    } else if (!PLACE_ADAPTERS.contains(method.get())) {
                        // `self.lock_mutate(hash).await.fix_block_location(..)`: what the method returns
                        fields.add(0, CALL + method.get());
                    }
                    cur = recv.get();
                }
                default -> {
                    return new Place(null, fields, text);
                }
            }
        }
        return new Place(null, fields, text);
    }

    /**
     * Syntax levels looked up from an identifier for the closure or {@code for} that binds it. Real code binds an
     * element a few dozen levels up at most; a fuzzed file nested thousands deep made the walk, done for every
     * identifier of every call, quadratic (78 s of CPU for one 1.2 MB input).
     */
    private static final int MAX_BINDER_LEVELS = 256;

    /**
     * The place an untyped local stands for: a guard ({@code let g = self.m.lock().unwrap()} is
     * {@code self.m} followed by {@link #DEREF}), or one element of a collection (a closure parameter of an
     * iterator adapter over {@code self.shards.iter()}, or a {@code for} pattern over it).
     */
    private static Optional<Place> derived(TypeFacts facts, Node fn, Node id, int depth) {
        Nav nav = facts.nav();
        String name = nav.tree().text(id);
        Optional<TypeFacts.Binding> b = facts.binding(id);
        if (b.isPresent() && b.get().value() != null && nav.is(b.get().declaration(), "let_declaration")) {
            Node v = b.get().value();
            for (int step = 0; step < 6; step++) {
                if (nav.is(v, "try_expression", "await_expression") && v.getNamedChildCount() > 0) {
                    v = v.getNamedChild(0);
                } else if (nav.is(v, "call_expression") && Exprs.methodName(nav, v)
                        .filter(m -> m.equals("unwrap") || m.equals("expect")).isPresent()
                        && Exprs.receiver(nav, v).isPresent()) {
                    v = Exprs.receiver(nav, v).get();
                } else {
                    break;
                }
            }
            Node value = v;
            if (nav.is(value, "call_expression") && Exprs.args(nav, value).isEmpty()
                    && Exprs.methodName(nav, value).filter(GUARD_METHODS::contains).isPresent()) {
                return Exprs.receiver(nav, value).map(r -> place(facts, fn, r, depth))
                        .filter(p -> p.base() != null).map(p -> p.withFields(List.of(DEREF)));
            }
            Optional<String> method = nav.is(value, "call_expression") ? Exprs.methodName(nav, value) : Optional.empty();
            if (method.isPresent() && !PLACE_ADAPTERS.contains(method.get())) {
                // `let g = self.lock_mutate(hash).await`: the value a guard accessor returns (garage e4c9a8cd)
                return Exprs.receiver(nav, value).map(r -> place(facts, fn, r, depth))
                        .filter(p -> p.base() != null).map(p -> p.withFields(List.of(CALL + method.get())));
            }
            return Optional.empty();
        }
        int levels = 0;
        for (Optional<Node> up = nav.parent(id); up.isPresent() && levels++ < MAX_BINDER_LEVELS; up = nav.parent(up.get())) {
            Node n = up.get();
            if (nav.is(n, "function_item")) {
                return Optional.empty();
            }
            if (nav.is(n, "closure_expression") && singleParameter(nav, n).equals(name)) {
                Optional<Node> call = nav.parent(n).filter(a -> nav.is(a, "arguments")).flatMap(nav::parent)
                        .filter(c -> nav.is(c, "call_expression"));
                if (call.isEmpty() || Exprs.methodName(nav, call.get()).filter(ELEMENT_ADAPTERS::contains).isEmpty()) {
                    return Optional.empty();
                }
                return Exprs.receiver(nav, call.get()).flatMap(r -> iterated(facts, fn, r, depth));
            }
            if (nav.is(n, "for_expression") && nav.field(n, "pattern").filter(p -> nav.is(p, "identifier"))
                    .map(p -> nav.tree().text(p).equals(name)).orElse(false)) {
                return nav.field(n, "value").flatMap(v -> iterated(facts, fn, v, depth));
            }
        }
        return Optional.empty();
    }

    private static String singleParameter(Nav nav, Node closure) {
        List<Node> params = nav.field(closure, "parameters").map(nav::namedChildren).orElse(List.of());
        if (params.size() != 1) {
            return "";
        }
        Node p = params.get(0);
        if (nav.is(p, "parameter")) {
            p = nav.field(p, "pattern").orElse(p);
        }
        return nav.is(p, "identifier") ? nav.tree().text(p) : "";
    }

    /** An element of the collection an iterator expression walks ({@code self.shards.iter()}, {@code &self.shards}). */
    private static Optional<Place> iterated(TypeFacts facts, Node fn, Node expr, int depth) {
        Nav nav = facts.nav();
        Node cur = expr;
        for (int step = 0; step < 6; step++) {
            if (nav.is(cur, "reference_expression") && cur.getNamedChildCount() > 0) {
                cur = cur.getNamedChild(cur.getNamedChildCount() - 1);
                break;
            }
            Optional<String> m = nav.is(cur, "call_expression") ? Exprs.methodName(nav, cur) : Optional.empty();
            Optional<Node> recv = Exprs.receiver(nav, cur);
            if (m.isEmpty() || recv.isEmpty()) {
                break;
            }
            if (ITERATORS.contains(m.get())) {
                cur = recv.get();
                break;
            }
            if (!m.get().matches("filter|skip|take|rev|skip_while|take_while|step_by|by_ref")) {
                return Optional.empty();
            }
            cur = recv.get();
        }
        if (!nav.is(cur, "field_expression", "identifier", "self")) {
            return Optional.empty();
        }
        Place p = place(facts, fn, cur, depth);
        return p.base() == null ? Optional.empty() : Optional.of(p.withFields(List.of(ELEMENT)));
    }

    /** The call a {@code call_expression} makes, in resolvable terms. */
    public static Optional<CallRef> call(TypeFacts facts, Node fn, Node call) {
        Nav nav = facts.nav();
        String text = Exprs.snippet(nav, call);
        Optional<String> method = Exprs.methodName(nav, call);
        if (method.isPresent()) {
            Optional<Node> recv = Exprs.receiver(nav, call);
            return recv.map(r -> new CallRef(place(facts, fn, r), null, method.get(), text));
        }
        Optional<String> path = Exprs.calleePath(nav, call);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String p = path.get();
        if (p.startsWith("Self::") && fn != null) {
            p = implType(nav, fn).map(t -> t + "::") .orElse("") + p.substring("Self::".length());
        }
        return Optional.of(new CallRef(null, facts.imports().resolve(p), Exprs.lastSegment(p), text));
    }

    /**
     * The name of the type that matters in a type text: wrappers that only share or box a value are looked
     * through ({@code Arc<Pool>}, {@code &mut Pool}, {@code Box<Pool>} are all {@code Pool}).
     */
    public static String typeHead(String typeText) {
        return peeled(typeText, false);
    }

    /** {@link #typeHead}'s type with its path ({@code minijinja::Environment} of {@code Arc<minijinja::Environment>}). */
    public static String typePath(String typeText) {
        return peeled(typeText, true);
    }

    private static String peeled(String typeText, boolean withPath) {
        String t = withoutLifetimes(typeText);
        for (int step = 0; step < 8; step++) {
            t = t.replaceFirst("^&('\\w+)?(mut)?", "").replaceFirst("^(dyn|impl)", "");
            int lt = t.indexOf('<');
            String head = lt < 0 ? t : t.substring(0, lt);
            String last = Exprs.lastSegment(head);
            if (lt > 0 && t.endsWith(">") && (last.equals("Arc") || last.equals("Rc") || last.equals("Box")
                    || last.equals("Pin") || last.equals("Weak"))) {
                t = t.substring(lt + 1, t.length() - 1);
                continue;
            }
            return withPath ? head : last;
        }
        return t;
    }
}
