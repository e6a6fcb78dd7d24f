package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Snapshots;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CC9: a value copied out under a lock ({@code let n = self.m.lock().unwrap().len();}) decides, after the
 * guard is gone, code that acts (calls) without taking the lock again: time of check to time of use.
 */
public final class SnapshotThenAct implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC9", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "Snapshot under a lock acted on after release",
            "A `let` whose value is read through a temporary lock guard (the guard dies at the end of the "
                    + "statement) and whose variable then decides an `if`/`while`/`match` whose body makes calls "
                    + "without taking that lock again (taking it again is CC8); and a `let` aggregating "
                    + "(`min`/`max`/`sum`/`fold`..) parts each locked inside the iterator's closure (directly or by a "
                    + "crate method returning a guard) whose value a later call then acts on; not in test code.",
            "It cannot tell whether the snapshot only needs to be roughly current (a metric, a log line, a "
                    + "best-effort hint) or must still hold when the body runs.");

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
                if (view.isTest(fn)) {
                    continue;
                }
                aggregate(view, fn, file).ifPresent(out::add);
                for (Snapshots.Decision d : Snapshots.in(view, fn)) {
                    if (d.name() == null || relocks(view, fn, d)) {
                        continue;
                    }
                    List<Node> calls = nav.find(d.body(), "call_expression", "macro_invocation").stream()
                            .filter(c -> nav.is(c, "macro_invocation") ? isAction(nav, c) : isActingCall(nav, c))
                            .toList();
                    if (calls.isEmpty()) {
                        continue;
                    }
                    int start = RustTree.startLine(d.let());
                    int end = RustTree.endLine(d.condition());
                    if (RuleSupport.touched(file, start, RustTree.endLine(calls.get(0)))) {
                        out.add(finding(file, nav, view.lock(d.read()).id(), d, calls.get(0), start, end));
                    }
                }
            }
        });
        return out;
    }

    /**
     * {@code let next = (0..n).filter_map(|id| { let w = self.lock_wheel(id); w.next() }).min();} then
     * {@code self.next_wake.store(next)}: an aggregate over parts each locked and released in turn is a
     * combination of moments no thread saw, acted on after every lock is gone (a part changed after it was read
     * is lost).
     */
    private static Optional<Finding> aggregate(FileView view, Node fn, ChangedFile file) {
        Nav nav = view.nav();
        for (Node let : nav.find(fn, "let_declaration")) {
            Optional<Node> pattern = nav.field(let, "pattern").filter(p -> nav.is(p, "identifier"));
            Optional<Node> value = nav.field(let, "value");
            Optional<Node> block = nav.parent(let);
            if (pattern.isEmpty() || value.isEmpty() || block.isEmpty()
                    || !nav.enclosingFn(let).map(fn::equals).orElse(false)
                    || RuleSupport.methodName(nav, value.get()).filter(m -> m.matches(AGGREGATES)).isEmpty()) {
                continue;
            }
            Optional<Node> perPart = nav.find(value.get(), "closure_expression").stream()
                    .flatMap(c -> nav.find(c, "call_expression").stream())
                    .filter(c -> locksOnePart(view, fn, c)).findFirst();
            if (perPart.isEmpty()) {
                continue;
            }
            String name = nav.tree().text(pattern.get());
            for (Node call : nav.find(block.get(), "call_expression")) {
                if (call.getStartByte() <= let.getEndByte() || !isActingCall(nav, call)
                        || nav.find(call, "identifier").stream().noneMatch(id -> nav.tree().text(id).equals(name))) {
                    continue;
                }
                int start = RustTree.startLine(let);
                int end = RustTree.endLine(call);
                if (!RuleSupport.touched(file, start, end)) {
                    return Optional.empty();
                }
                String part = RuleSupport.snippet(nav, perPart.get());
                String act = RuleSupport.snippet(nav, call);
                return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                        .object(name).object(part).object(act)
                        .title("`" + name + "` aggregates parts locked one at a time, then `" + act + "` acts on it")
                        .explanation("`" + name + "` (line " + start + ") is computed from `" + part + "`, which locks "
                                + "one part per iteration and releases it before the next: the result combines "
                                + "states from different moments, and `" + act + "` (line " + RustTree.startLine(call)
                                + ") acts on it after every lock is gone, so a part that changed after it was read "
                                + "(a timer added to a shard already visited) is missed.")
                        .check("Hold the parts' locks together while computing and publishing the aggregate (collect "
                                + "the guards, then release them after the act), or re-check afterwards.")
                        .build());
            }
        }
        return Optional.empty();
    }

    private static final String AGGREGATES = "min|max|sum|product|fold|min_by_key|max_by_key|min_by|max_by|reduce";

    /** A lock acquisition, or a call to the crate method that returns a guard ({@code lock_sharded_wheel(id)}). */
    private static boolean locksOnePart(FileView view, Node fn, Node call) {
        if (view.lockCall(call).filter(lc -> lc.origin() != dev.rustreview.analysis.crate.LockOrigin.REFCELL).isPresent()) {
            return true;
        }
        Optional<String> method = RuleSupport.methodName(view.nav(), call);
        if (method.isEmpty()) {
            return false;
        }
        List<dev.rustreview.analysis.crate.FnFacts> callees = view.call(fn, call).map(view.crate()::callees)
                .orElse(List.of());
        if (!callees.isEmpty()) {
            return callees.stream().anyMatch(dev.rustreview.analysis.crate.FnFacts::returnsGuard);
        }
        return view.crate().uniqueMethod(method.get()).map(dev.rustreview.analysis.crate.FnFacts::returnsGuard)
                .orElse(false);
    }

    private static boolean relocks(FileView view, Node fn, Snapshots.Decision d) {
        String id = view.lock(d.read()).id();
        for (Locks.LockCall lc : view.acquisitions(fn)) {
            if (RuleSupport.within(lc.call(), d.body()) && view.lock(lc).id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Conversions, accessors, timers and sleeps (backpressure) do not act on shared state. */
    private static boolean isActingCall(Nav nav, Node call) {
        String name = RuleSupport.methodName(nav, call)
                .orElseGet(() -> RuleSupport.calleePath(nav, call).map(RuleSupport::lastSegment).orElse(""));
        return !name.isEmpty() && !name.matches("(clone|to_string|to_owned|into|from|len|is_empty|as_\\w+|unwrap\\w*|expect|"
                + "map\\w*|ok|err|sleep|yield_now|from_\\w+|new|min|max|saturating_\\w+|checked_\\w+|get|contains\\w*)");
    }

    /** Logging and formatting macros do not act on the state. */
    private static boolean isAction(Nav nav, Node macro) {
        String name = nav.field(macro, "macro").map(m -> RuleSupport.lastSegment(RuleSupport.compact(nav, m)))
                .orElse("");
        return !name.matches("(trace|debug|info|warn|error|println|eprintln|print|eprint|format|write|writeln|"
                + "assert\\w*|debug_assert\\w*|vec)");
    }

    private static Finding finding(ChangedFile file, Nav nav, String id, Snapshots.Decision d, Node act,
                                   int start, int end) {
        String read = RuleSupport.snippet(nav, d.read().call());
        String action = RuleSupport.snippet(nav, act);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(id).object(d.name()).object(action)
                .title("`" + d.name() + "` is a snapshot of `" + id + "` acted on after the lock is released")
                .explanation("`" + d.name() + "` is read through `" + read + "` on line " + start + ", whose guard "
                        + "is dropped at the end of that statement; the condition on line "
                        + RustTree.startLine(d.condition()) + " then runs `" + action + "` (line "
                        + RustTree.startLine(act) + ") on that value without the lock, so another thread may have "
                        + "changed `" + id + "` in between (time of check to time of use).")
                .check("Keep the guard for the check and the action, or re-check under the lock before acting; "
                        + "if a stale value is acceptable here, say so in a comment.")
                .build();
    }
}
