package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.crate.TreeCache;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CC2: a second, different lock taken while a guard is alive. Every nesting in the file is collected so that a
 * reported order can be compared with the opposite order elsewhere (which is graded critical).
 */
public final class NestedLocks implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC2", RiskArea.CONCURRENCY, Severity.HIGH,
            "Nested locks (lock order)",
            "One fn takes a second, different lock while a guard of the first is alive; the finding names the "
                    + "order (`self.a` then `self.b`) and is critical when another fn of the same file takes the "
                    + "same two locks in the opposite order.",
            "It compares lock orders only within one file and by receiver text, so orders taken in other files, "
                    + "through helper methods, or under different names for the same lock are not compared.");

    private final TreeCache cache;

    public NestedLocks() {
        this(new TreeCache());
    }

    NestedLocks(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    private record Site(String fn, int first, int second) {
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            Locks locks = new Locks(facts);
            Map<Node, List<LockFlow.Overlap>> byFn = new HashMap<>();
            Map<String, List<Site>> orders = new HashMap<>();
            for (Node fn : nav.code("function_item")) {
                List<LockFlow.Overlap> nested = new ArrayList<>();
                for (LockFlow.Overlap o : LockFlow.overlaps(locks, fn)) {
                    if (o.first().lock().lock().equals(o.second().lock())
                            || o.first().lock().origin() == LockOrigin.REFCELL || o.second().origin() == LockOrigin.REFCELL) {
                        continue;
                    }
                    nested.add(o);
                    orders.computeIfAbsent(key(o.first().lock().lock(), o.second().lock()), k -> new ArrayList<>())
                            .add(new Site(RuleSupport.fnName(nav, fn), LockFlow.startLine(o.first()),
                                    RustTree.startLine(o.second().call())));
                }
                byFn.put(fn, nested);
            }
            for (Map.Entry<Node, List<LockFlow.Overlap>> e : byFn.entrySet()) {
                Set<Node> reported = new HashSet<>();
                for (LockFlow.Overlap o : e.getValue()) {
                    int start = LockFlow.startLine(o.first());
                    int end = RustTree.endLine(o.second().call());
                    if (reported.add(o.second().call()) && RuleSupport.touched(file, start, end)) {
                        List<Site> reverse = orders.getOrDefault(key(o.second().lock(), o.first().lock().lock()), List.of());
                        out.add(finding(file, nav, e.getKey(), o, reverse, start, end));
                    }
                }
            }
            out.sort(java.util.Comparator.comparingInt(Finding::startLine));
        });
        return out;
    }

    private static String key(String a, String b) {
        return a + "\u0000" + b;
    }

    private static Finding finding(ChangedFile file, Nav nav, Node fn, LockFlow.Overlap o, List<Site> reverse,
                                   int start, int end) {
        String a = o.first().lock().lock();
        String b = o.second().lock();
        String name = RuleSupport.fnName(nav, fn);
        String order = "`" + a + "` → `" + b + "`";
        String why = "`" + name + "` takes `" + RuleSupport.snippet(nav, o.second().call()) + "` on line "
                + RustTree.startLine(o.second().call()) + " while " + LockFlow.describe(nav, o.first())
                + " is alive: lock order " + order + ".";
        Severity severity = Severity.HIGH;
        if (!reverse.isEmpty()) {
            Site s = reverse.get(0);
            severity = Severity.CRITICAL;
            why += " `" + s.fn() + "` (lines " + s.first() + "-" + s.second() + ") takes the same locks in the "
                    + "opposite order (`" + b + "` → `" + a + "`): two threads or tasks running both can each hold "
                    + "one lock and wait forever for the other.";
        } else {
            why += " Any other path, in this file or elsewhere, that takes them in the opposite order can deadlock "
                    + "with this one.";
        }
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(severity)
                .object(a).object(b).object(a + " -> " + b)
                .title("Nested locks in `" + name + "`: " + order)
                .explanation(why)
                .check("Check that every code path takes " + order + " in this order (search for other uses of `"
                        + b + "`), or release the first guard before taking the second.")
                .build();
    }
}
