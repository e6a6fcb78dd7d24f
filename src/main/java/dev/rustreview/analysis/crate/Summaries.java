package dev.rustreview.analysis.crate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Call summaries within a crate: what a fn may do itself or through the crate fns it calls. Computed for the
 * whole crate at once, as a fixed point over the call graph bounded to {@link #MAX_DEPTH} rounds (a fact
 * travels one call per round, so chains longer than that are cut, and so are cycles: a recursive call adds
 * nothing new). Each fact keeps the call chain that leads to it, so a finding can say
 * {@code `helper` → `Pool::refresh`} takes {@code Pool::shared}.
 */
public final class Summaries {

    /** Calls followed from one fn; deeper chains are rare and cost more than they find. */
    static final int MAX_DEPTH = 6;

    /**
     * What a fn may do. {@code locks} maps a lock id to the chain of fns that takes it and the lock;
     * {@code panics}, {@code blocks}, {@code wakes}, {@code atomic} the chain to the first panicking / blocking
     * call / woken waker / atomic operation, {@code localLock} to a lock reached only through a local or parameter
     * (null when none).
     */
    public record Summary(Map<String, Taken> locks, String panics, String blocks, boolean awaits,
                          String notifies, String wakes, String atomic, String localLock, String foreign) {

        static final Summary NONE = new Summary(Map.of(), null, null, false, null, null, null, null, null);

        /** What the fn reads or writes that other threads share (a lock it takes, an atomic), or null. */
        public String sharedState() {
            if (!locks.isEmpty()) {
                Taken t = locks.values().iterator().next();
                return t.chain() + " locks `" + t.lock().id() + "`";
            }
            return localLock != null ? localLock : atomic;
        }
    }

    /** A lock a summary takes, with the chain of fns that leads to it. */
    public record Taken(CrateModel.Lock lock, FnFacts.Acquire acquire, String chain) {
    }

    private final CrateModel model;
    private volatile Map<FnFacts, Summary> all;

    Summaries(CrateModel model) {
        this.model = model;
    }

    /** The union of what every callee of {@code call} may do (nothing when it leaves the crate). */
    Summary ofCall(Refs.CallRef call) {
        List<FnFacts> callees = model.callees(call);
        if (callees.isEmpty()) {
            return Summary.NONE;
        }
        if (callees.size() == 1) {
            return of(callees.get(0));
        }
        Builder b = new Builder();
        for (FnFacts f : callees) {
            b.add(of(f), "");
        }
        return b.build();
    }

    Summary of(FnFacts fn) {
        return computed().getOrDefault(fn, Summary.NONE);
    }

    private Map<FnFacts, Summary> computed() {
        Map<FnFacts, Summary> known = all;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (all == null) {
                all = compute();
            }
            return all;
        }
    }

    private Map<FnFacts, Summary> compute() {
        Map<FnFacts, Builder> builders = new IdentityHashMap<>();
        Map<FnFacts, List<FnFacts>> callees = new IdentityHashMap<>();
        for (FnFacts fn : model.fns()) {
            Builder b = new Builder();
            for (FnFacts.Acquire a : fn.acquires()) {
                CrateModel.Lock lock = model.lock(a.place());
                if (!model.isLock(lock, a)) {
                    continue;
                }
                if (!lock.resolved() && a.place().fields().isEmpty() && !lock.id().startsWith("static ")) {
                    // a bare local or parameter (`lock.lock()` in `fn wait_lock(lock: &Mutex<T>)`): its name means
                    // nothing in a caller, so it is not a lock id callers compare; it still is shared state
                    if (b.localLock == null) {
                        b.localLock = "`" + fn.key() + "` (`" + a.place().text() + "." + a.method() + "()`)";
                    }
                    continue;
                }
                b.locks.putIfAbsent(lock.id(), new Taken(lock, a, "`" + fn.key() + "`"));
            }
            b.panics = fn.panics() == null ? null : "`" + fn.key() + "` (`" + fn.panics() + "`)";
            b.blocks = fn.blocks() == null ? null : "`" + fn.key() + "` (`" + fn.blocks() + "`)";
            b.awaits = fn.awaits();
            b.notifies = fn.notifies() ? "`" + fn.key() + "`" : null;
            b.wakes = fn.wakes() == null ? null : "`" + fn.key() + "` (`" + fn.wakes() + "`)";
            b.atomic = fn.atomic() == null ? null : "`" + fn.key() + "` (`" + fn.atomic() + "`)";
            b.foreign = foreignCall(fn);
            builders.put(fn, b);
            // by identity: facts are records, and two same-looking fns (a file of pasted copies) compared field by
            // field, callee against callee, took 20 s of CPU on one fuzzed file; the list keeps call order, so the
            // chain a finding names does not depend on hashing
            Set<FnFacts> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            seen.add(fn);
            List<FnFacts> out = new ArrayList<>();
            for (Refs.CallRef call : fn.calls()) {
                for (FnFacts c : model.callees(call)) {
                    if (seen.add(c)) {
                        out.add(c);
                    }
                }
            }
            callees.put(fn, out);
        }
        for (int round = 0; round < MAX_DEPTH; round++) {
            Map<FnFacts, Summary> snapshot = new IdentityHashMap<>();
            builders.forEach((fn, b) -> snapshot.put(fn, b.build()));
            boolean changed = false;
            for (FnFacts fn : model.fns()) {
                Builder b = builders.get(fn);
                for (FnFacts c : callees.get(fn)) {
                    changed |= b.add(snapshot.get(c), "`" + fn.key() + "` → ");
                }
            }
            if (!changed) {
                break;
            }
        }
        Map<FnFacts, Summary> out = new IdentityHashMap<>();
        builders.forEach((fn, b) -> out.put(fn, b.build()));
        return out;
    }

    /** Calls of a fn read for a {@code dyn} receiver at most (each resolves a field path). */
    private static final int MAX_FOREIGN_CALLS = 64;

    /**
     * The first method call of {@code fn} on a field the crate declares as a trait object ({@code Arc<dyn GaugeFn>},
     * {@code Box<dyn Listener>}): code the crate's user supplied (a metrics recorder, a listener), which can block
     * or call back into the crate. slatedb bc34de68 reversed updated its stats gauges, user-registered recorders,
     * from a fn it called under the db state's write lock.
     */
    private String foreignCall(FnFacts fn) {
        int n = 0;
        for (Refs.CallRef call : fn.calls()) {
            if (n++ >= MAX_FOREIGN_CALLS) {
                break;
            }
            if (!call.isMethod() || call.receiver().fields().isEmpty() || !model.callees(call).isEmpty()) {
                continue;
            }
            String declared = model.declaredType(call.receiver());
            if (declared != null && declared.matches("(?s).*\\bdyn\\s+[A-Za-z_].*")) {
                return "`" + fn.key() + "` (`" + call.receiver().text() + "." + call.name() + "(..)` on `" + declared.replaceAll("\\s+", " ") + "`)";
            }
        }
        return null;
    }

    private static final class Builder {
        final Map<String, Taken> locks = new LinkedHashMap<>();
        String panics;
        String blocks;
        boolean awaits;
        String notifies;
        String wakes;
        String atomic;
        String localLock;
        String foreign;

        /** Adds what {@code s} may do, its chains prefixed; whether anything was new. */
        boolean add(Summary s, String prefix) {
            boolean changed = false;
            for (Map.Entry<String, Taken> e : s.locks().entrySet()) {
                if (!locks.containsKey(e.getKey())) {
                    Taken t = e.getValue();
                    locks.put(e.getKey(), new Taken(t.lock(), t.acquire(), prefix + t.chain()));
                    changed = true;
                }
            }
            if (panics == null && s.panics() != null) {
                panics = prefix + s.panics();
                changed = true;
            }
            if (blocks == null && s.blocks() != null) {
                blocks = prefix + s.blocks();
                changed = true;
            }
            if (!awaits && s.awaits()) {
                awaits = true;
                changed = true;
            }
            if (notifies == null && s.notifies() != null) {
                notifies = prefix + s.notifies();
                changed = true;
            }
            if (wakes == null && s.wakes() != null) {
                wakes = prefix + s.wakes();
                changed = true;
            }
            if (atomic == null && s.atomic() != null) {
                atomic = prefix + s.atomic();
                changed = true;
            }
            if (localLock == null && s.localLock() != null) {
                localLock = prefix + s.localLock();
                changed = true;
            }
            if (foreign == null && s.foreign() != null) {
                foreign = prefix + s.foreign();
                changed = true;
            }
            return changed;
        }

        Summary build() {
            // Insertion order, not Map.copyOf: its iteration order is salted per JVM, and rules that name the
            // first lock two calls share (CC8) named a different lock from one run to the next.
            return new Summary(Collections.unmodifiableMap(new LinkedHashMap<>(locks)), panics, blocks, awaits,
                    notifies, wakes, atomic, localLock, foreign);
        }
    }
}
