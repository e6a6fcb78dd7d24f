package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
import dev.rustreview.analysis.crate.TreeCache;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** AL2: explicit lifetimes and {@code 'static} bounds around futures, where agents fight the borrow checker. */
public final class AsyncLifetimes implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL2", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "Explicit lifetimes on futures",
            "A new or changed signature that ties a future to a lifetime: an `async fn` with explicit lifetimes, "
                    + "`impl Future + 'a`, `BoxFuture<'a, _>`, `Pin<Box<dyn Future + 'a>>` (also in type aliases), "
                    + "`-> Pin<&'static mut T>`, or `'static` bounds on generics of a fn that spawns or takes futures.",
            "It cannot tell whether the lifetime is needed or merely silences a borrow error, whether the "
                    + "future is actually `Send`, or how large it is; it only reads signatures, not how callers use them.",
            "future_not_send", "large_futures");

    private static final Set<String> FUTURES = Set.of("Future", "BoxFuture", "LocalBoxFuture");

    private final TreeCache cache;

    public AsyncLifetimes() {
        this(new TreeCache());
    }

    AsyncLifetimes(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            for (Node fn : nav.code("function_item", "function_signature_item")) {
                Optional<Node> body = nav.field(fn, "body");
                int start = RustTree.startLine(fn);
                int end = body.map(RustTree::startLine).orElse(RustTree.endLine(fn));
                if (RuleSupport.touched(file, start, end)) {
                    checkFn(file, nav, facts, fn, start, end).ifPresent(out::add);
                }
            }
            for (Node alias : nav.code("type_item")) {
                Optional<Node> type = nav.field(alias, "type");
                if (type.isPresent() && file.touches(alias) && isFuture(facts, type.get())
                        && !namedLifetimes(nav, type.get()).isEmpty()) {
                    String name = nav.field(alias, "name").map(tree::text).orElse("?");
                    String text = RuleSupport.snippet(nav, type.get());
                    out.add(FindingBuilder.at(INFO, file, alias)
                            .object(name).object(text)
                            .title("Future type alias `" + name + "` tied to a lifetime")
                            .explanation("`type " + name + "` = `" + text + "` (" + RuleSupport.lines(
                                    RustTree.startLine(alias), RustTree.endLine(alias)) + ") makes every future of "
                                    + "this type borrow for " + String.join(", ", namedLifetimes(nav, type.get()))
                                    + "; such futures cannot be spawned while the borrow lives, and a `'static` here "
                                    + "forces callers to own (clone) everything they capture.")
                            .check("Check that the lifetime matches what the futures really borrow and that the "
                                    + "futures are `Send` where they are spawned.")
                            .build());
                }
            }
        });
        return out;
    }

    private Optional<Finding> checkFn(ChangedFile file, Nav nav, TypeFacts facts, Node fn, int start, int end) {
        RustTree tree = nav.tree();
        String name = RuleSupport.fnName(nav, fn);
        List<String> reasons = new ArrayList<>();
        Set<String> objects = new LinkedHashSet<>();
        Optional<Node> ret = nav.field(fn, "return_type");
        List<Node> signature = new ArrayList<>();
        Optional<Node> where = Optional.empty();
        for (Node child : nav.children(fn)) {
            if (nav.is(child, "type_parameters", "parameters")) {
                signature.add(child);
            } else if (nav.is(child, "where_clause")) {
                where = Optional.of(child);
            }
        }
        ret.ifPresent(signature::add);
        if (nav.isAsyncFn(fn)) {
            Set<String> lifetimes = new LinkedHashSet<>();
            signature.forEach(n -> lifetimes.addAll(namedLifetimes(nav, n)));
            if (!lifetimes.isEmpty()) {
                objects.addAll(lifetimes);
                reasons.add("the async fn names lifetime(s) " + String.join(", ", lifetimes)
                        + ": the future it returns borrows for that long, so it cannot be spawned or stored "
                        + "beyond it");
            }
        }
        if (ret.isPresent() && isFuture(facts, ret.get())) {
            Set<String> lifetimes = namedLifetimes(nav, ret.get());
            if (!lifetimes.isEmpty()) {
                objects.add(RuleSupport.snippet(nav, ret.get()));
                reasons.add("it returns `" + RuleSupport.snippet(nav, ret.get()) + "`, a future tied to "
                        + String.join(", ", lifetimes)
                        + (lifetimes.contains("'static") ? " (every captured value must be owned)" : ""));
            }
        }
        if (ret.isPresent() && RuleSupport.compact(nav, ret.get()).contains("Pin<&'static")
                && RuleSupport.typeText(nav, ret.get()).matches(".*Pin<\\s*&\\s*'static\\s+mut\\b.*")) {
            objects.add(RuleSupport.snippet(nav, ret.get()));
            reasons.add("it returns a `Pin<&'static mut ..>`, a pinned reference that must stay valid forever "
                    + "(usually leaked or static memory)");
        }
        List<Node> bounds = new ArrayList<>();
        signature.stream().filter(n -> nav.is(n, "type_parameters")).forEach(bounds::add);
        where.ifPresent(bounds::add);
        boolean staticBound = bounds.stream().anyMatch(b -> tree.find(b, "trait_bounds").stream()
                .anyMatch(tb -> namedLifetimes(nav, tb).contains("'static")));
        if (staticBound && (spawns(nav, fn) || bounds.stream().anyMatch(b -> isFuture(facts, b)
                || RuleSupport.compact(nav, b).matches(".*Fn(Once|Mut)?\\(.*")))) {
            objects.add("'static");
            reasons.add("its generics gain `'static` bounds so their values can be spawned or stored: callers "
                    + "can no longer pass borrowed data and must clone or `Arc` it");
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(name).object(String.join(" ", objects))
                .title("Lifetime-bound future in `" + name + "`")
                .explanation("`" + name + "` (" + RuleSupport.lines(start, end) + "): " + String.join("; ", reasons)
                        + ". Agents often add lifetimes or `'static` until the borrow checker is quiet rather than "
                        + "because the ownership is right.")
                .check("Check that the lifetime reflects what the future really borrows, that the future is "
                        + "`Send` where it is spawned, and that callers are not forced into needless clones.")
                .build());
    }

    private static boolean isFuture(TypeFacts facts, Node type) {
        return facts.typePaths(RuleSupport.typeText(facts.nav(), type)).stream()
                .anyMatch(p -> FUTURES.contains(RuleSupport.lastSegment(p)));
    }

    private static Set<String> namedLifetimes(Nav nav, Node node) {
        RustTree tree = nav.tree();
        Set<String> out = new LinkedHashSet<>();
        for (Node l : tree.find(node, "lifetime")) {
            String text = RuleSupport.compact(nav, l);
            if (!text.equals("'_")) {
                out.add(text);
            }
        }
        return out;
    }

    private static boolean spawns(Nav nav, Node fn) {
        return nav.field(fn, "body").map(b -> nav.find(b, "call_expression").stream()
                .anyMatch(c -> RuleSupport.isSpawn(nav, c))).orElse(false);
    }
}
