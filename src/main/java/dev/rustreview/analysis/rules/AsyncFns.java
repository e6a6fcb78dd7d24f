package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The async fns a file defines, by owner: free fns by name, methods by the impl or trait they belong to. A name
 * that is also defined as a sync fn for the same owner is never treated as async.
 */
final class AsyncFns {

    private static final String FREE = "";

    private final Nav nav;
    private final TypeFacts facts;
    private final Map<String, Set<String>> async = new HashMap<>();
    private final Map<String, Set<String>> sync = new HashMap<>();

    /** Each fn's owner (impl type or trait; {@link #FREE} for none), found in one walk down the tree. */
    private final Map<Node, String> owners = new java.util.IdentityHashMap<>();

    AsyncFns(TypeFacts facts) {
        this.facts = facts;
        this.nav = facts.nav();
        // Down the tree with the nearest impl/trait/fn on a stack: asking each fn for its enclosing impl walked to
        // the root, quadratic for thousands of nested modules.
        java.util.Deque<Node[]> stack = new java.util.ArrayDeque<>();
        stack.push(new Node[] {nav.tree().root(), null});
        while (!stack.isEmpty()) {
            Node[] top = stack.pop();
            Node node = top[0];
            Node scope = top[1];
            if (nav.is(node, "function_item", "function_signature_item")) {
                String owner = ownerName(scope).orElse(FREE);
                owners.put(node, owner);
                (nav.isAsyncFn(node) ? async : sync).computeIfAbsent(owner, k -> new HashSet<>())
                        .add(RuleSupport.fnName(nav, node));
            }
            Node inner = nav.is(node, "impl_item", "trait_item", "function_item") ? node : scope;
            for (Node child : nav.children(node)) {
                stack.push(new Node[] {child, inner});
            }
        }
    }

    /** The impl type or trait a node belongs to ({@code Executor} for {@code impl<T> Executor<T>}). */
    Optional<String> owner(Node node) {
        Node fn = nav.is(node, "function_item", "function_signature_item") ? node
                : nav.enclosingFn(node).orElse(node);
        String known = owners.get(fn);
        if (known != null) {
            return known.equals(FREE) ? Optional.empty() : Optional.of(known);
        }
        return ownerName(nav.enclosing(fn, "impl_item", "trait_item", "function_item").orElse(null));
    }

    /** The type or trait an impl or trait item names; empty for a fn or nothing (a free fn). */
    private Optional<String> ownerName(Node scope) {
        return Optional.ofNullable(scope)
                .filter(n -> !nav.is(n, "function_item"))
                .flatMap(n -> nav.is(n, "trait_item") ? nav.field(n, "name") : nav.field(n, "type"))
                .map(t -> nav.is(t, "generic_type") ? nav.field(t, "type").orElse(t) : t)
                .map(t -> RuleSupport.lastSegment(RuleSupport.compact(nav, t)));
    }

    boolean isAsync(String owner, String name) {
        return async.getOrDefault(owner, Set.of()).contains(name) && !sync.getOrDefault(owner, Set.of()).contains(name);
    }

    /**
     * The async fn of this file a call invokes, when the file shows which one: {@code f()} for a free async fn,
     * {@code self.f()} / {@code Self::f()} / {@code Type::f()} for an async method of the enclosing or named
     * type, {@code x.f()} when the file shows the type of {@code x}.
     */
    Optional<String> called(Node call) {
        RustTree tree = nav.tree();
        Optional<Node> callee = RuleSupport.callee(nav, call);
        if (callee.isEmpty()) {
            return Optional.empty();
        }
        Node f = callee.get();
        if (nav.is(f, "identifier")) {
            String name = tree.text(f);
            return isAsync(FREE, name) ? Optional.of(name) : Optional.empty();
        }
        if (nav.is(f, "scoped_identifier")) {
            String name = nav.field(f, "name").map(tree::text).orElse("");
            String path = nav.field(f, "path").map(p -> RuleSupport.compact(nav, p)).orElse("");
            String type = path.equals("Self") ? owner(call).orElse("?") : RuleSupport.lastSegment(path);
            return isAsync(type, name) ? Optional.of(type + "::" + name) : Optional.empty();
        }
        if (!nav.is(f, "field_expression")) {
            return Optional.empty();
        }
        String name = nav.field(f, "field").map(tree::text).orElse("");
        Optional<Node> recv = nav.field(f, "value");
        if (recv.isEmpty()) {
            return Optional.empty();
        }
        if (nav.is(recv.get(), "self")) {
            return owner(call).filter(o -> isAsync(o, name)).map(o -> name);
        }
        Optional<String> type = facts.typeOf(recv.get());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<String> paths = facts.typePaths(type.get());
        for (String p : paths) {
            if (isAsync(RuleSupport.lastSegment(p), name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
