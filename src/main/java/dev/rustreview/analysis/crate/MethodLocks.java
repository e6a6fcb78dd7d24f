package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which locks each method of a file takes, directly or through other {@code self.*()} calls of the same impl
 * type, so a call made while a guard is alive can be checked for re-locking (CC1) or nested locking (CC3).
 */
public final class MethodLocks {

    private final Locks locks;
    private final Nav nav;
    private final RustTree tree;
    private Map<String, Set<String>> methodLocks;

    public MethodLocks(Locks locks) {
        this.locks = locks;
        this.nav = locks.facts().nav();
        this.tree = nav.tree();
    }

    /** The impl type a fn belongs to ({@code Executor} for {@code impl<T> Executor<T>}), or empty. */
    public Optional<String> implType(Node fn) {
        return nav.enclosing(fn, "impl_item").flatMap(impl -> nav.field(impl, "type")).map(t -> {
            Node head = nav.is(t, "generic_type") ? nav.field(t, "type").orElse(t) : t;
            return Exprs.compact(nav, head);
        });
    }

    /**
     * The locks (receiver texts such as {@code self.log}) that method {@code name} of the impl type around
     * {@code caller} takes, directly or through other {@code self.*()} calls of this file; empty when the
     * method is not defined in this file.
     */
    public Optional<Set<String>> locksOfMethod(Node caller, String name) {
        Optional<String> type = implType(caller);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(methodLocks().get(type.get() + "::" + name));
    }

    private Map<String, Set<String>> methodLocks() {
        if (methodLocks != null) {
            return methodLocks;
        }
        Map<String, Set<String>> taken = new HashMap<>();
        Map<String, Set<String>> calls = new HashMap<>();
        for (Node fn : nav.find(tree.root(), "function_item")) {
            Optional<String> type = implType(fn);
            if (type.isEmpty()) {
                continue;
            }
            String key = type.get() + "::" + Exprs.fnName(nav, fn);
            Set<String> own = taken.computeIfAbsent(key, k -> new LinkedHashSet<>());
            locks.acquisitions(fn).forEach(lc -> own.add(lc.lock()));
            Set<String> callees = calls.computeIfAbsent(key, k -> new HashSet<>());
            for (Node call : nav.find(fn, "call_expression")) {
                selfMethod(call).ifPresent(m -> callees.add(type.get() + "::" + m));
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round < taken.size() + 1; round++) {
            changed = false;
            for (Map.Entry<String, Set<String>> e : calls.entrySet()) {
                Set<String> mine = taken.get(e.getKey());
                for (String callee : e.getValue()) {
                    Set<String> theirs = taken.get(callee);
                    if (theirs != null && !callee.equals(e.getKey()) && mine.addAll(theirs)) {
                        changed = true;
                    }
                }
            }
        }
        methodLocks = taken;
        return taken;
    }

    /** The method name of {@code self.name(..)}, or empty. */
    public Optional<String> selfMethod(Node call) {
        Optional<Node> recv = Exprs.receiver(nav, call);
        if (recv.isEmpty() || !nav.is(recv.get(), "self")) {
            return Optional.empty();
        }
        return Exprs.methodName(nav, call);
    }
}
