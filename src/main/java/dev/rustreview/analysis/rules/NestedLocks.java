package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.LockOrders;
import dev.rustreview.analysis.crate.Summaries;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CC2: a second, different lock taken while a guard is alive. Every nesting in the file is collected so that a
 * reported order can be compared with the opposite order elsewhere (which is graded critical).
 */
public final class NestedLocks implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC2", RiskArea.CONCURRENCY, Severity.HIGH,
            "Nested locks (lock order)",
            "One fn takes a second, different lock while a guard of the first is alive, directly or through a "
                    + "call to a crate fn that takes it; the finding names the order (`Pool::a` then `Pool::b`) and is "
                    + "critical when any fn of the crate takes the same two locks in the opposite order (directly or "
                    + "through its calls).",
            "Lock identity is owner type and field, so two locks reached only through untyped values keep their "
                    + "text and are compared by it; calls through trait objects, closures and other crates are not "
                    + "followed, and test fns' orders are not compared.");

    /**
     * Nestings reported per fn. Hand-written fns nest a few locks; a generated chain of 200 acquisitions made 11,067
     * findings in one fn (fuzz run 17), each then keyed and graded, and no reviewer reads past the first dozen.
     */
    static final int MAX_PER_FN = 32;

    public NestedLocks() {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** One nesting in a changed fn: the guard, the second lock's id, where it is taken, and how (direct or a call). */
    private record Nesting(Locks.Held first, String a, String b, Node site, String how) {
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                List<Nesting> nested = new ArrayList<>();
                for (LockFlow.Overlap o : view.overlaps(fn)) {
                    String a = view.lock(o.first().lock()).id();
                    String b = view.lock(o.second()).id();
                    if (!a.equals(b) && o.first().lock().origin() != LockOrigin.REFCELL
                            && o.second().origin() != LockOrigin.REFCELL) {
                        nested.add(new Nesting(o.first(), a, b, o.second().call(),
                                "`" + RuleSupport.snippet(nav, o.second().call()) + "`"));
                    }
                }
                List<Node> calls = nav.find(fn, "call_expression");
                for (Locks.Held h : view.held(fn)) {
                    if (h.lock().origin() == LockOrigin.REFCELL) {
                        continue;
                    }
                    String a = view.lock(h.lock()).id();
                    for (Node call : calls) {
                        if (view.lockCall(call).isPresent() || !view.alive(h, call, true)) {
                            continue;
                        }
                        for (Summaries.Taken t : view.summary(fn, call).locks().values()) {
                            // A call that takes another lock is CC3's; it is an order here only when reversed somewhere.
                            if (!t.lock().id().equals(a) && !view.crate().ordered(t.lock().id(), a).isEmpty()) {
                                nested.add(new Nesting(h, a, t.lock().id(), call, "`"
                                        + RuleSupport.snippet(nav, call) + "` (through " + t.chain() + ")"));
                            }
                        }
                    }
                }
                // One finding per guard and order: sccache's heartbeat handler took `jobs` three times under one
                // `servers` guard, and three findings with one title on one line read as a duplicate.
                Map<String, List<Nesting>> byOrder = new LinkedHashMap<>();
                Set<String> sites = new HashSet<>();
                for (Nesting n : nested) {
                    if (sites.add(n.a() + "\u0000" + n.b() + "\u0000" + n.site().getStartByte())) {
                        byOrder.computeIfAbsent(n.a() + "\u0000" + n.b() + "\u0000" + n.first().lock().call().getStartByte(),
                                k -> new ArrayList<>()).add(n);
                    }
                }
                int inFn = 0;
                for (List<Nesting> group : byOrder.values()) {
                    if (inFn >= MAX_PER_FN) {
                        break;
                    }
                    Nesting n = group.get(0);
                    int start = LockFlow.startLine(n.first());
                    int end = group.stream().mapToInt(g -> RustTree.endLine(g.site())).max().orElse(start);
                    if (group.stream().anyMatch(g -> RuleSupport.touched(file, start, RustTree.endLine(g.site())))) {
                        out.add(finding(file, nav, view.crate(), fn, group, start, end));
                        inFn++;
                    }
                }
            }
            out.sort(java.util.Comparator.comparingInt(Finding::startLine));
        });
        return out;
    }

    private static Finding finding(ChangedFile file, Nav nav, CrateModel crate, Node fn, List<Nesting> group,
                                   int start, int end) {
        Nesting n = group.get(0);
        String name = RuleSupport.fnName(nav, fn);
        String order = "`" + n.a() + "` → `" + n.b() + "`";
        String again = group.size() == 1 ? "" : " (and again on line" + (group.size() > 2 ? "s " : " ")
                + group.stream().skip(1).map(g -> String.valueOf(RustTree.startLine(g.site())))
                        .collect(Collectors.joining(", ")) + ")";
        String why = "`" + name + "` takes `" + n.b() + "` with " + n.how() + " on line "
                + RustTree.startLine(n.site()) + again + " while " + LockFlow.describe(nav, n.first())
                + " is alive: lock order " + order + ".";
        Severity severity = Severity.HIGH;
        List<LockOrders.Site> reverse = crate.ordered(n.b(), n.a());
        if (!reverse.isEmpty()) {
            LockOrders.Site s = reverse.get(0);
            boolean element = n.a().endsWith(dev.rustreview.analysis.crate.Refs.ELEMENT)
                    || n.b().endsWith(dev.rustreview.analysis.crate.Refs.ELEMENT);
            // an element of a collection of locks may be another element in the other path: likely, not definite
            severity = element ? Severity.HIGH : Severity.CRITICAL;
            why += " `" + s.fn() + "` (" + s.path() + ", lines " + s.firstLine() + "-" + s.secondLine() + ") takes "
                    + "the same locks in the opposite order (`" + n.b() + "` → `" + n.a() + "`"
                    + (s.via() == null ? "" : ", through " + s.via()) + "): two threads or tasks running both can "
                    + "each hold one lock and wait forever for the other"
                    + (element ? " (a `[]` lock stands for every element of its collection: the two paths deadlock "
                    + "when they reach the same element)." : ".");
        } else {
            why += " No path of this crate takes them in the opposite order today; any later one would deadlock "
                    + "with this one.";
        }
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(severity)
                .object(n.a()).object(n.b()).object(n.a() + " -> " + n.b())
                .title("Nested locks in `" + name + "`: " + order)
                .explanation(why)
                .check("Check that every code path takes " + order + " in this order (search for other uses of `"
                        + n.b() + "`), or release the first guard before taking the second.")
                .build();
    }
}
