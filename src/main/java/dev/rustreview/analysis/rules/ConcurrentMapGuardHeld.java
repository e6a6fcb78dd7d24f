package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.Exprs;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CC28: a write to a {@code DashMap} while a {@code Ref} from a {@code get} on a DashMap is alive. A DashMap
 * {@code Ref} holds its shard's read lock; a write to the same map on the same shard waits for that lock forever,
 * and a write to another map takes a second shard lock, whose order another thread may take the other way round.
 * Plain maps cannot do this (the borrow checker refuses it), so in a file that uses DashMap a {@code match
 * m.get(..) { Some(v) => other.insert(..) }} that compiles is one. tikv/yatp 9d3ccd00 reversed: get_elapsed held
 * the old map's entry while inserting into the new one, and the two maps swap roles, so two threads deadlocked.
 */
public final class ConcurrentMapGuardHeld implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC28", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "DashMap written while its Ref is alive",
            "In a file that uses `DashMap`, inside the `Some(..)` arm of a `match` on `m.get(..)`/`m.get_mut(..)` "
                    + "(or the block of an `if let Some(..) = m.get(..)`, or the body of `for e in m.iter()`/`m.iter_mut()`), or after a `let` that binds a guard "
                    + "(`m.get(..)` with `?`/`unwrap()`/`ok_or(..)`, `m.entry(..).or_*(..)`, a let-else `Some(r)`, or "
                    + "guards collected from `m.get(..)`) in the rest of its block, where the guard is alive, a line the "
                    + "change touches writes a map (`insert`, `remove`, `entry`, `get_mut`, `alter`, `retain`, `clear`): "
                    + "high when it is the same map `m` (the shard's own lock: a deadlock when the keys share a "
                    + "shard), medium when it is another map the fn also reads or writes (two shard locks, in an order "
                    + "another thread may reverse); medium too when the line calls a `self` method of the file that "
                    + "writes the same map `m`, itself or through `self` calls up to three deep. A `drop(..)` of the "
                    + "bound guard before the write, or a call handed the guard, clears it.",
            "It reads one file and names the maps as written: a map reached through another name, or a write made "
                    + "in a callee of another file or type, is not seen; whether the keys share a shard is not checked.");

    private static final Set<String> READS = Set.of("get", "get_mut");
    private static final Set<String> WRITES = Set.of("insert", "remove", "entry", "get_mut", "alter", "retain",
            "clear", "remove_if", "alter_all");
    /** Calls on an {@code Option<Ref>} that return the same guard. */
    private static final Set<String> PASS_THROUGH = Set.of("unwrap", "expect", "ok_or", "ok_or_else", "context",
            "with_context");
    private static final Set<String> MAP_CALLS = Set.of("get", "get_mut", "insert", "remove", "entry", "contains_key");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("DashMap")) {
            return out;
        }
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            Map<String, Node> byName = fnsByName(nav, view.fns());
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                List<MapCall> mapCalls = null; // found once per fn, only for a fn with a guard
                for (Node scope : nav.find(fn, "match_expression", "if_expression", "let_declaration", "for_expression")) {
                    Optional<Guard> g = nav.is(scope, "let_declaration") ? letGuard(nav, scope)
                            : nav.is(scope, "for_expression") ? iterated(nav, scope) : guarded(nav, scope);
                    if (g.isPresent()) {
                        mapCalls = mapCalls != null ? mapCalls : mapCalls(nav, fn);
                        if (!report(file, nav, fn, g.get(), mapsOutside(mapCalls, g.get().body()), out)) {
                            reportThroughCallee(file, nav, byName, g.get(), out);
                        }
                    }
                }
            }
        });
        return out;
    }

    /** A read guard's map, the name its value is bound to, and the block where it is alive. */
    record Guard(String map, String call, String binding, Node body, int from) {

        Guard(String map, String call, String binding, Node body) {
            this(map, call, binding, body, 0);
        }

        /** Whether {@code node} runs while the guard is alive as far as its start goes: inside the body, after the binding. */
        boolean after(Node node) {
            return node.getStartByte() >= from;
        }
    }

    static Optional<Guard> guarded(Nav nav, Node scope) {
        if (nav.is(scope, "match_expression")) {
            Optional<Node> value = nav.field(scope, "value");
            Optional<Node> block = nav.field(scope, "body");
            Optional<String[]> read = value.flatMap(v -> read(nav, v));
            if (read.isEmpty() || block.isEmpty()) {
                return Optional.empty();
            }
            for (Node arm : nav.namedChildren(block.get())) {
                Optional<Node> pattern = nav.field(arm, "pattern");
                Optional<Node> body = nav.field(arm, "value");
                if (nav.is(arm, "match_arm") && pattern.isPresent() && body.isPresent()
                        && Exprs.compact(nav, pattern.get()).startsWith("Some(")) {
                    return Optional.of(new Guard(read.get()[0], read.get()[1], binding(nav, pattern.get()), body.get()));
                }
            }
            return Optional.empty();
        }
        Optional<Node> condition = nav.field(scope, "condition").filter(c -> nav.is(c, "let_condition"));
        Optional<Node> value = condition.flatMap(c -> nav.field(c, "value"));
        Optional<Node> pattern = condition.flatMap(c -> nav.field(c, "pattern"));
        Optional<Node> then = nav.field(scope, "consequence");
        Optional<String[]> read = value.flatMap(v -> read(nav, v));
        if (read.isEmpty() || then.isEmpty() || pattern.isEmpty()
                || !Exprs.compact(nav, pattern.get()).startsWith("Some(")) {
            return Optional.empty();
        }
        return Optional.of(new Guard(read.get()[0], read.get()[1], binding(nav, pattern.get()), then.get()));
    }

    /**
     * {@code let r = m.get(..)?;}, {@code let mut e = m.entry(k).or_default();}, or refs collected into a value
     * ({@code let hits = names.iter().filter_map(|n| m.get(*n)).collect::<Vec<_>>();}): a DashMap guard bound to a
     * name, alive from the binding to the end of its block (a {@code Ref} has a {@code Drop}, so it is not released
     * at its last use). greptimedb 4c18d140 reversed: the collected refs were alive while the same map was written.
     */
    static Optional<Guard> letGuard(Nav nav, Node let) {
        Optional<Node> pattern = nav.field(let, "pattern");
        Optional<Node> value = nav.field(let, "value");
        Optional<Node> block = nav.parent(let).filter(b -> nav.is(b, "block"));
        if (pattern.isEmpty() || value.isEmpty() || block.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = bound(nav, pattern.get());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String binding = name.get();
        Node v = value.get();
        for (int i = 0; i < 4; i++) { // peel `?` and the calls that hand the guard through: `.unwrap()`, `.ok_or(..)`
            if (nav.is(v, "try_expression") && !nav.namedChildren(v).isEmpty()) {
                v = nav.namedChildren(v).get(0);
            } else if (Exprs.methodName(nav, v).filter(PASS_THROUGH::contains).isPresent()
                    && Exprs.receiver(nav, v).isPresent()) {
                v = Exprs.receiver(nav, v).get();
            } else {
                break;
            }
        }
        Node peeled = v;
        Optional<String[]> read = read(nav, peeled).or(() -> entry(nav, peeled)).or(() -> collected(nav, peeled));
        return read.map(r -> new Guard(r[0], r[1], binding, block.get(), let.getEndByte()));
    }

    /** The name a guard is bound to: {@code r}, {@code mut r}, or the {@code Some(r)} of a let-else. */
    private static Optional<String> bound(Nav nav, Node pattern) {
        Node p = pattern;
        if (nav.is(p, "tuple_struct_pattern") && nav.field(p, "type").map(t -> Exprs.compact(nav, t).equals("Some")).orElse(false)) {
            List<Node> inner = nav.namedChildren(p);
            p = inner.size() == 2 ? inner.get(1) : p;
        }
        if (nav.is(p, "mut_pattern") && !nav.namedChildren(p).isEmpty()) {
            p = nav.namedChildren(p).get(0);
        }
        return nav.is(p, "identifier") ? Optional.of(Exprs.compact(nav, p)) : Optional.empty();
    }

    /**
     * A call on {@code m.entry(k)}: {@code or_default()} and the other {@code or_*} forms give a {@code RefMut},
     * {@code and_modify(..)} the entry, and both hold the shard's write lock.
     */
    private static Optional<String[]> entry(Nav nav, Node value) {
        return Exprs.receiver(nav, value).filter(r -> Exprs.methodName(nav, r).filter("entry"::equals).isPresent())
                .flatMap(r -> Exprs.receiver(nav, r)).filter(m -> m.getEndByte() - m.getStartByte() <= 200)
                .map(m -> new String[] {Exprs.compact(nav, m), "entry"});
    }

    /**
     * {@code for mut e in m.iter_mut() { .. }}: each item is a guard of its shard (read for {@code iter}, write for
     * {@code iter_mut}), alive over the loop body. Writing {@code m} there compiles only because the map locks inside
     * (a plain map's borrow would refuse it). quilkin 5eaf096d reversed: removing a locality's last endpoint removed
     * the locality from the map being iterated, and the shard deadlocked on itself.
     */
    private static Optional<Guard> iterated(Nav nav, Node loop) {
        Optional<Node> value = nav.field(loop, "value");
        Optional<Node> body = nav.field(loop, "body");
        Optional<Node> pattern = nav.field(loop, "pattern");
        if (value.isEmpty() || body.isEmpty() || pattern.isEmpty() || !nav.is(value.get(), "call_expression")
                || !Exprs.args(nav, value.get()).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> method = Exprs.methodName(nav, value.get()).filter(m -> m.equals("iter") || m.equals("iter_mut"));
        Optional<Node> receiver = Exprs.receiver(nav, value.get());
        if (method.isEmpty() || receiver.isEmpty() || receiver.get().getEndByte() - receiver.get().getStartByte() > 200) {
            return Optional.empty();
        }
        String binding = Exprs.compact(nav, pattern.get()).replaceFirst("^(?:ref)?mut", "");
        return Optional.of(new Guard(Exprs.compact(nav, receiver.get()), method.get(), binding, body.get()));
    }

    /** {@code ...filter_map(|n| m.get(n))...collect()}: guards collected into a value. */
    private static Optional<String[]> collected(Nav nav, Node value) {
        if (!Exprs.methodName(nav, value).filter(m -> m.equals("collect")).isPresent()) {
            return Optional.empty();
        }
        Node cur = value;
        for (int i = 0; i < 8 && nav.is(cur, "call_expression"); i++) {
            if (Exprs.methodName(nav, cur).filter(m -> m.equals("filter_map") || m.equals("map")).isPresent()
                    && Exprs.args(nav, cur).size() == 1 && nav.is(Exprs.args(nav, cur).get(0), "closure_expression")) {
                Optional<Node> body = nav.field(Exprs.args(nav, cur).get(0), "body");
                Optional<String[]> read = body.flatMap(b -> read(nav, b));
                if (read.isPresent()) {
                    return read;
                }
            }
            Optional<Node> receiver = Exprs.receiver(nav, cur);
            if (receiver.isEmpty()) {
                break;
            }
            cur = receiver.get();
        }
        return Optional.empty();
    }

    /** {@code m.get(..)}: the map's text and the call's. */
    private static Optional<String[]> read(Nav nav, Node value) {
        if (!nav.is(value, "call_expression")) {
            return Optional.empty();
        }
        Optional<String> method = Exprs.methodName(nav, value);
        Optional<Node> receiver = Exprs.receiver(nav, value);
        if (method.isEmpty() || !READS.contains(method.get()) || receiver.isEmpty()
                || receiver.get().getEndByte() - receiver.get().getStartByte() > 200) {
            return Optional.empty();
        }
        return Optional.of(new String[] {Exprs.compact(nav, receiver.get()), method.get()});
    }

    private static String binding(Nav nav, Node pattern) {
        String text = Exprs.compact(nav, pattern);
        String inner = text.substring("Some(".length(), Math.max("Some(".length(), text.length() - 1));
        return inner.replaceFirst("^(?:ref)?mut", "");
    }

    /** A map-like call ({@code m.get(..)}, {@code m.insert(..)}) and its receiver's text. */
    private record MapCall(Node call, String receiver) {
    }

    private static List<MapCall> mapCalls(Nav nav, Node fn) {
        List<MapCall> out = new ArrayList<>();
        for (Node call : nav.find(fn, "call_expression")) {
            Optional<Node> receiver = Exprs.receiver(nav, call);
            if (receiver.isPresent() && Exprs.methodName(nav, call).map(MAP_CALLS::contains).orElse(false)
                    && receiver.get().getEndByte() - receiver.get().getStartByte() <= 200) {
                out.add(new MapCall(call, Exprs.compact(nav, receiver.get())));
            }
        }
        return out;
    }

    /**
     * The maps the fn reads or writes outside the guard's block (a set filled only inside the block, such as a
     * local {@code seen}, is not one of them).
     */
    private static Set<String> mapsOutside(List<MapCall> calls, Node body) {
        Set<String> out = new HashSet<>();
        for (MapCall c : calls) {
            if (!RuleSupport.within(c.call(), body)) {
                out.add(c.receiver());
            }
        }
        return out;
    }

    /** Whether it reported a write in the guard's block. */
    private static boolean report(ChangedFile file, Nav nav, Node fn, Guard g, Set<String> maps, List<Finding> out) {
        int droppedAt = droppedAt(nav, g);
        for (Node call : nav.find(g.body(), "call_expression")) {
            Optional<String> method = Exprs.methodName(nav, call);
            Optional<Node> receiver = Exprs.receiver(nav, call);
            if (method.isEmpty() || !WRITES.contains(method.get()) || receiver.isEmpty() || !g.after(call)
                    || call.getStartByte() > droppedAt || !nav.enclosingFn(call).map(fn::equals).orElse(false)) {
                continue;
            }
            String map = Exprs.compact(nav, receiver.get());
            boolean same = map.equals(g.map());
            int line = RustTree.startLine(call);
            if ((!same && (!maps.contains(map) || map.equals(g.binding()) || map.startsWith(g.binding() + ".")))
                    || !file.added(line)) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .severity(same ? Severity.HIGH : Severity.MEDIUM)
                    .object(g.map()).object(map + "." + method.get())
                    .title("`" + map + "." + method.get() + "(..)` while the `Ref` from `" + g.map() + "." + g.call()
                            + "(..)` is alive")
                    .explanation(held(g) + " " + (same
                            ? "Writing the same map here takes that shard's write lock: when the key lands on the "
                            + "same shard (always, for the same key) the thread waits for itself and deadlocks."
                            : "Writing `" + map + "` here takes a second shard lock while the first is held; a "
                            + "thread that does the same with the two maps the other way round (maps that swap "
                            + "roles, a cleanup pass) deadlocks with this one."))
                    .check("Copy what you need out of the guard (`let v = " + g.binding() + ".clone();`) and "
                            + "`drop(" + g.binding() + ")` before writing, or use `entry(..)` on one map.")
                    .build());
            return true;
        }
        return false;
    }

    /** What holds the shard lock, and for how long. */
    private static String held(Guard g) {
        return g.from() == 0
                ? "The `Some(" + g.binding() + ")` from `" + g.map() + "." + g.call() + "(..)` is a DashMap guard "
                + "holding its shard's lock until the end of this block."
                : "`" + g.binding() + "` holds the DashMap guard from `"
                + g.map() + "." + g.call() + "(..)`, and with it the shard's lock, until the end of its block: a "
                + "guard is released when it is dropped, not at its last use.";
    }

    /** Where the block drops the guard's binding ({@code drop(v)}) after it is bound, or the largest offset when it does not. */
    private static int droppedAt(Nav nav, Guard g) {
        return BindingLife.droppedAt(nav, g.body(), g.binding(), g.from());
    }

    private static Map<String, Node> fnsByName(Nav nav, List<Node> fns) {
        Map<String, Node> out = new HashMap<>();
        for (Node fn : fns) {
            out.merge(RuleSupport.fnName(nav, fn), fn, (a, b) -> a); // a name defined twice: the first one
        }
        return out;
    }

    /**
     * A call on an added line of the guard's block to a {@code self.method(..)} of this file whose body, or the body of
     * a {@code self} method it calls (three calls deep at most), writes the guard's own map: iroh c650ea83 reversed,
     * where {@code send_packet} held the client's {@code Ref} while {@code process_result} went on to
     * {@code unregister}, which removed that client from the same map. A call handed the guard itself (which it may
     * drop first) is left alone. Medium: the write may sit behind a condition the callee rarely meets.
     */
    private static void reportThroughCallee(ChangedFile file, Nav nav, Map<String, Node> fns, Guard g, List<Finding> out) {
        int droppedAt = droppedAt(nav, g);
        for (Node call : nav.find(g.body(), "call_expression")) {
            int line = RustTree.startLine(call);
            Optional<String> method = Exprs.methodName(nav, call);
            boolean onSelf = Exprs.receiver(nav, call).map(r -> Exprs.compact(nav, r).equals("self")).orElse(false);
            boolean handsGuard = Exprs.args(nav, call).stream().anyMatch(a -> Exprs.compact(nav, a).equals(g.binding()));
            if (method.isEmpty() || !onSelf || handsGuard || !g.after(call) || call.getStartByte() > droppedAt
                    || !file.added(line)) {
                continue;
            }
            List<String> path = writePath(nav, fns, method.get(), g.map(), new HashSet<>(), 0);
            if (path.isEmpty()) {
                continue;
            }
            String chain = String.join("` → `", path);
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(g.map()).object("through " + method.get())
                    .title("`self." + method.get() + "(..)` writes `" + g.map() + "` while the `Ref` from `" + g.map()
                            + "." + g.call() + "(..)` is alive")
                    .explanation(held(g).replaceFirst("\\.$", ",") + " and the call goes on to write the same map (`" + chain + "`). When the key lands on the guard's shard "
                            + "(always, for the same key) that write waits for a lock this thread holds: a deadlock.")
                    .check("Copy what you need out of the guard and `drop(" + g.binding() + ")` before the call, or "
                            + "hand the guard to the callee so it can drop it before writing.")
                    .build());
            return;
        }
    }

    /** The fns from {@code name} down to the one writing {@code map} through {@code self} calls, or empty. */
    private static List<String> writePath(Nav nav, Map<String, Node> fns, String name, String map, Set<String> seen, int depth) {
        Node fn = fns.get(name);
        if (fn == null || depth > 2 || !seen.add(name)) {
            return List.of();
        }
        List<Node> calls = nav.find(fn, "call_expression");
        for (Node call : calls) {
            Optional<String> method = Exprs.methodName(nav, call);
            if (method.isPresent() && WRITES.contains(method.get())
                    && Exprs.receiver(nav, call).map(r -> Exprs.compact(nav, r).equals(map)).orElse(false)) {
                return List.of(name, map + "." + method.get());
            }
        }
        for (Node call : calls) {
            Optional<String> method = Exprs.methodName(nav, call);
            if (method.isPresent() && Exprs.receiver(nav, call).map(r -> Exprs.compact(nav, r).equals("self")).orElse(false)) {
                List<String> rest = writePath(nav, fns, method.get(), map, seen, depth + 1);
                if (!rest.isEmpty()) {
                    List<String> path = new ArrayList<>();
                    path.add(name);
                    path.addAll(rest);
                    return path;
                }
            }
        }
        return List.of();
    }
}
