package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types a single file shows: struct fields, statics, type aliases, fn parameters and {@code let}
 * annotations or constructors. Enough to tell a {@code std::sync::Mutex} field from a {@code tokio::sync} one;
 * never a substitute for type inference (no cross-file knowledge, no trait resolution).
 */
public final class TypeFacts {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Set<String> LOCK_TYPES = Set.of("Mutex", "RwLock", "ReentrantMutex", "FairMutex");
    private static final Set<String> INTERIOR = Set.of("Mutex", "RwLock", "RefCell", "Cell", "UnsafeCell",
            "ReentrantMutex", "FairMutex", "DashMap", "DashSet", "ArcSwap");
    private static final Set<String> CONSTRUCTORS = Set.of("new", "from", "default", "with_capacity", "const_new");
    private static final int MAX_STEPS = 8;

    private final RustTree tree;
    private final Nav nav;
    private final Imports imports;
    private final Map<String, List<String>> fieldTypes = new HashMap<>();
    private final Map<String, List<String>> structFields = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, String> globals = new HashMap<>();
    private final Map<Node, List<Node>> letsByFn = new java.util.concurrent.ConcurrentHashMap<>();
    /** A fn's lets that bind a plain name, by that name in source order: one fn of 4,000 lets made binding() quadratic. */
    private final Map<Node, Map<String, List<Node>>> namedLetsByFn = new java.util.concurrent.ConcurrentHashMap<>();

    private TypeFacts(RustTree tree) {
        this.tree = tree;
        this.nav = new Nav(tree);
        this.imports = Imports.of(nav);
        for (Node item : nav.find(tree.root(), "struct_item", "type_item", "static_item", "const_item")) {
            String name = nav.field(item, "name").map(tree::text).orElse("");
            switch (item.getType()) {
                case "struct_item" -> {
                    List<String> types = new ArrayList<>();
                    for (Node f : nav.find(item, "field_declaration")) {
                        Optional<Node> type = nav.field(f, "type");
                        Optional<Node> field = nav.field(f, "name");
                        if (type.isPresent()) {
                            String text = Exprs.typeText(nav, type.get());
                            types.add(text);
                            field.ifPresent(n -> fieldTypes.computeIfAbsent(tree.text(n), k -> new ArrayList<>())
                                    .add(text));
                        }
                    }
                    nav.field(item, "body").filter(b -> nav.is(b, "ordered_field_declaration_list"))
                            .ifPresent(b -> nav.namedChildren(b).forEach(t -> types.add(Exprs.typeText(nav, t))));
                    structFields.computeIfAbsent(name, k -> new ArrayList<>()).addAll(types);
                }
                case "type_item" -> nav.field(item, "type").ifPresent(t -> aliases.put(name, Exprs.typeText(nav, t)));
                default -> nav.field(item, "type").ifPresent(t -> globals.put(name, Exprs.typeText(nav, t)));
            }
        }
    }

    public static TypeFacts of(RustTree tree) {
        return new TypeFacts(tree);
    }

    public Imports imports() {
        return imports;
    }

    public RustTree tree() {
        return tree;
    }

    /** The parent index of this file's tree. */
    public Nav nav() {
        return nav;
    }

    /** The declared type of struct field {@code name}, when every struct in the file that has it agrees. */
    public Optional<String> fieldType(String name) {
        List<String> types = fieldTypes.get(name);
        if (types == null || types.stream().distinct().count() != 1) {
            return Optional.empty();
        }
        return Optional.of(types.get(0));
    }

    /** The type text of an expression when the file shows it ({@code Arc<Mutex<_>>} for a constructor). */
    public Optional<String> typeOf(Node expr) {
        String prefix = "";
        String suffix = "";
        Node cur = expr;
        for (int step = 0; step < MAX_STEPS; step++) {
            switch (nav.type(cur)) {
                case "parenthesized_expression", "unary_expression", "try_expression" -> {
                    if (cur.getNamedChildCount() == 0) {
                        return Optional.empty();
                    }
                    cur = cur.getNamedChild(cur.getNamedChildCount() - 1);
                }
                case "reference_expression" -> {
                    Optional<Node> v = nav.field(cur, "value");
                    if (v.isEmpty()) {
                        return Optional.empty();
                    }
                    cur = v.get();
                }
                case "field_expression" -> {
                    String field = nav.field(cur, "field").map(tree::text).orElse("");
                    String p = prefix;
                    String s = suffix;
                    return fieldType(field).map(t -> p + t + s);
                }
                case "identifier" -> {
                    Optional<Binding> b = binding(cur);
                    if (b.isEmpty()) {
                        String g = globals.get(tree.text(cur));
                        return g == null ? Optional.empty() : Optional.of(prefix + g + suffix);
                    }
                    if (b.get().type() != null) {
                        return Optional.of(prefix + b.get().type() + suffix);
                    }
                    cur = b.get().value();
                }
                case "call_expression" -> {
                    Optional<String> method = Exprs.methodName(nav, cur);
                    if (method.isPresent()) {
                        if (!method.get().equals("clone")) {
                            return Optional.empty();
                        }
                        Optional<Node> recv = Exprs.receiver(nav, cur);
                        if (recv.isEmpty()) {
                            return Optional.empty();
                        }
                        cur = recv.get();
                        continue;
                    }
                    Optional<String> path = Exprs.calleePath(nav, cur);
                    List<Node> args = Exprs.args(nav, cur);
                    if (path.isEmpty() || !path.get().contains("::")) {
                        return Optional.empty();
                    }
                    String name = Exprs.lastSegment(path.get());
                    String head = path.get().substring(0, path.get().length() - name.length() - 2);
                    String headName = Exprs.lastSegment(head);
                    if (name.equals("clone") && args.size() == 1) {
                        cur = args.get(0);
                    } else if (CONSTRUCTORS.contains(name) && (headName.equals("Arc") || headName.equals("Rc"))
                            && args.size() == 1) {
                        prefix = prefix + head + "<";
                        suffix = ">" + suffix;
                        cur = args.get(0);
                    } else if (CONSTRUCTORS.contains(name) && !head.isEmpty()
                            && Character.isUpperCase(headName.charAt(0))) {
                        String generic = INTERIOR.contains(headName) || headName.equals("Arc")
                                || headName.equals("Rc") ? "<_>" : "";
                        return Optional.of(prefix + head + generic + suffix);
                    } else {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A local binding: its annotated type, or the expression it was bound to. */
    public record Binding(Node declaration, String type, Node value) {
    }

    /** The {@code let} or parameter that binds identifier {@code use} in its fn, the latest one before it. */
    public Optional<Binding> binding(Node use) {
        String name = tree.text(use);
        Optional<Node> fn = nav.enclosingFn(use);
        if (fn.isEmpty()) {
            return Optional.empty();
        }
        Node best = null;
        for (Node let : namedLets(fn.get()).getOrDefault(name, List.of())) {
            if (let.getEndByte() <= use.getStartByte()) {
                best = let;
            }
        }
        if (best != null) {
            String type = nav.field(best, "type").map(t -> Exprs.typeText(nav, t)).orElse(null);
            Node value = nav.field(best, "value").orElse(null);
            if (type == null && value == null) {
                return Optional.empty();
            }
            return Optional.of(new Binding(best, type, value));
        }
        for (Node param : nav.field(fn.get(), "parameters").map(nav::namedChildren).orElse(List.of())) {
            if (nav.is(param, "parameter")) {
                Optional<Node> pattern = nav.field(param, "pattern");
                Optional<Node> type = nav.field(param, "type");
                if (pattern.isPresent() && type.isPresent() && tree.text(pattern.get()).equals(name)) {
                    return Optional.of(new Binding(param, Exprs.typeText(nav, type.get()), null));
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code let} declarations of a fn, in document order (nested closures included, nested fns not). */
    private Map<String, List<Node>> namedLets(Node fn) {
        return namedLetsByFn.computeIfAbsent(fn, f -> {
            Map<String, List<Node>> out = new java.util.HashMap<>();
            for (Node let : lets(f)) {
                Optional<Node> pattern = nav.field(let, "pattern");
                if (pattern.isPresent() && nav.is(pattern.get(), "identifier")) {
                    out.computeIfAbsent(tree.text(pattern.get()), k -> new ArrayList<>()).add(let);
                }
            }
            return out;
        });
    }

    public List<Node> lets(Node fn) {
        return letsByFn.computeIfAbsent(fn, f -> nav.find(f, "let_declaration").stream()
                .filter(l -> nav.enclosingFn(l).map(f::equals).orElse(false)).toList());
    }

    /** Which lock the first lock type in {@code typeText} is ({@code Arc<tokio::sync::Mutex<T>>} is ASYNC). */
    public LockOrigin lockOrigin(String typeText) {
        Deque<String> work = new ArrayDeque<>();
        work.add(typeText);
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty() && seen.size() < MAX_STEPS) {
            String text = work.poll();
            if (!seen.add(text)) {
                continue;
            }
            Matcher m = PATH.matcher(text);
            while (m.find()) {
                String token = m.group();
                String full = imports.resolve(token);
                String last = Exprs.lastSegment(full);
                if (LOCK_TYPES.contains(last)) {
                    return classify(full);
                }
                if (last.equals("RefCell")) {
                    return LockOrigin.REFCELL;
                }
                String alias = aliases.get(token);
                if (alias != null) {
                    work.add(alias);
                }
            }
        }
        return LockOrigin.NONE;
    }

    static LockOrigin classify(String full) {
        if (full.startsWith("std::sync::")) {
            return LockOrigin.STD;
        }
        if (full.startsWith("parking_lot::") || full.startsWith("lock_api::")) {
            return LockOrigin.PARKING_LOT;
        }
        if (full.startsWith("tokio::sync::") || full.startsWith("futures::lock::")
                || full.startsWith("futures_util::lock::") || full.startsWith("async_std::sync::")
                || full.startsWith("async_lock::")) {
            return LockOrigin.ASYNC;
        }
        if (full.startsWith("spin::")) {
            return LockOrigin.SPIN;
        }
        return LockOrigin.UNKNOWN;
    }

    /** Whether the head of {@code typeText} (its first path) is an {@code Arc}. */
    public boolean isArc(String typeText) {
        Matcher m = PATH.matcher(typeText);
        return m.find() && Exprs.lastSegment(imports.resolve(m.group())).equals("Arc");
    }

    /**
     * Whether a type holds state that can be changed through a shared reference: a lock, a cell, an atomic,
     * or (one level deep) a struct of this file with such a field.
     */
    public boolean interiorMutable(String typeText) {
        Deque<String> work = new ArrayDeque<>();
        work.add(typeText);
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty() && seen.size() < 3 * MAX_STEPS) {
            String text = work.poll();
            if (!seen.add(text)) {
                continue;
            }
            Matcher m = PATH.matcher(text);
            while (m.find()) {
                String token = m.group();
                String last = Exprs.lastSegment(imports.resolve(token));
                if (INTERIOR.contains(last) || last.startsWith("Atomic")) {
                    return true;
                }
                if (aliases.containsKey(token)) {
                    work.add(aliases.get(token));
                }
                if (seen.size() < MAX_STEPS && structFields.containsKey(token)) {
                    work.addAll(structFields.get(token));
                }
            }
        }
        return false;
    }

    /** The resolved path of every type named in {@code typeText}, in order. */
    public List<String> typePaths(String typeText) {
        List<String> out = new ArrayList<>();
        Matcher m = PATH.matcher(typeText);
        while (m.find()) {
            out.add(imports.resolve(m.group()));
        }
        return out;
    }
}
