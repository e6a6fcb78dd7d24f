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

/** SS4: a clone of an {@code Arc} around mutable state moved into a spawned task or thread. */
public final class ArcIntoSpawn implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("SS4", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "Shared state crosses a task boundary",
            "An `Arc` clone (`Arc::clone(&x)` or `x.clone()` where the file shows `x` is an `Arc` around a lock, "
                    + "cell or atomic) that is moved into `tokio::spawn`, `thread::spawn`, `spawn_blocking`, "
                    + "`rayon::spawn`, `scope.spawn`, `JoinSet::spawn` or passed to the spawned future; low in test code.",
            "It follows types only within the file, so an `Arc` whose type is declared elsewhere, or an `Arc` of "
                    + "immutable data, is not reported, and it cannot see what the task does with the state after "
                    + "the spawn line.");

    private final TreeCache cache;

    public ArcIntoSpawn() {
        this(new TreeCache());
    }

    ArcIntoSpawn(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** One shared value reaching a spawn: the variable, its clone site, its type. */
    private record Moved(String name, Node cloneSite, String type, List<Node> uses) {
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            for (Node spawn : nav.code("call_expression")) {
                if (!RuleSupport.isSpawn(nav, spawn)) {
                    continue;
                }
                for (Moved m : moved(nav, facts, spawn)) {
                    int line = RustTree.startLine(spawn);
                    boolean touched = file.added(line) || file.touches(m.cloneSite())
                            || m.uses().stream().anyMatch(file::touches);
                    if (touched) {
                        out.add(finding(nav, file, spawn, m));
                    }
                }
            }
        });
        return out;
    }

    private static List<Moved> moved(Nav nav, TypeFacts facts, Node spawn) {
        RustTree tree = nav.tree();
        List<Moved> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Node arg : RuleSupport.args(nav, spawn)) {
            List<Node> bodies = nav.find(arg, "closure_expression", "async_block");
            if (bodies.isEmpty()) {
                for (Node call : nav.find(arg, "call_expression")) {
                    sharedArc(facts, call).ifPresent(type -> {
                        String name = RuleSupport.snippet(nav, call);
                        if (seen.add(name)) {
                            out.add(new Moved(name, call, type, List.of()));
                        }
                    });
                }
                continue;
            }
            Node body = bodies.get(0);
            for (Node id : nav.find(body, "identifier")) {
                String name = tree.text(id);
                if (seen.contains(name)) {
                    continue;
                }
                Optional<TypeFacts.Binding> b = facts.binding(id);
                if (b.isEmpty() || b.get().value() == null || RuleSupport.within(b.get().declaration(), body)
                        || !nav.is(b.get().declaration(), "let_declaration")) {
                    continue;
                }
                Optional<String> type = sharedArc(facts, b.get().value());
                if (type.isPresent()) {
                    seen.add(name);
                    List<Node> uses = nav.find(body, "identifier").stream()
                            .filter(u -> tree.text(u).equals(name)).toList();
                    out.add(new Moved(name, b.get().declaration(), type.get(), uses));
                }
            }
        }
        return out;
    }

    /** The Arc type of {@code expr} when it is an Arc clone around interior-mutable state. */
    private static Optional<String> sharedArc(TypeFacts facts, Node expr) {
        Nav nav = facts.nav();
        if (!nav.is(expr, "call_expression")) {
            return Optional.empty();
        }
        RustTree tree = facts.tree();
        boolean clone = RuleSupport.methodName(nav, expr).filter("clone"::equals).isPresent()
                || RuleSupport.calleePath(nav, expr).filter(p -> p.endsWith("Arc::clone")).isPresent();
        if (!clone) {
            return Optional.empty();
        }
        return facts.typeOf(expr).filter(t -> facts.isArc(t) && facts.interiorMutable(t));
    }

    private static Finding finding(Nav nav, ChangedFile file, Node spawn, Moved m) {
        int line = RustTree.startLine(spawn);
        String spawner = RuleSupport.callee(nav, spawn).map(f -> RuleSupport.snippet(nav, f)).orElse("spawn");
        String where = nav.enclosingFn(spawn).map(f -> "`" + RuleSupport.fnName(nav, f) + "`").orElse("the caller");
        String source = nav.is(m.cloneSite(), "let_declaration")
                ? "`" + m.name() + "`, a clone of `" + cloned(nav, m.cloneSite()) + "` (line "
                + RustTree.startLine(m.cloneSite()) + ")"
                : "`" + m.name() + "`";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .severity(nav.isTestCode(file, spawn) ? Severity.LOW : Severity.MEDIUM)
                .object(m.name()).object(RuleSupport.shorten(m.type())).object(spawner)
                .title("`" + m.name() + "` (`" + RuleSupport.shorten(m.type()) + "`) moved into `" + spawner + "`")
                .explanation(source + ", of type `" + RuleSupport.shorten(m.type()) + "`, is moved into the task "
                        + "started by `" + spawner + "` on line " + line + ": from then on the task and every other "
                        + "holder of the `Arc` change the same state concurrently, and the task may outlive " + where
                        + ", the fn that spawned it.")
                .check("Check every lock of `" + m.name() + "` inside the task (no guard across `.await`, the same "
                        + "lock order as elsewhere), what happens to the state if the task fails or is cancelled, and "
                        + "whether a channel to the task would be simpler.")
                .build();
    }

    /** What a clone site copies: {@code self.state} for {@code self.state.clone()} or {@code Arc::clone(&self.state)}. */
    private static String cloned(Nav nav, Node let) {
        Optional<Node> value = nav.field(let, "value");
        if (value.isEmpty() || !nav.is(value.get(), "call_expression")) {
            return value.map(v -> RuleSupport.snippet(nav, v)).orElse("?");
        }
        Optional<Node> source = RuleSupport.receiver(nav, value.get());
        if (source.isEmpty()) {
            source = RuleSupport.args(nav, value.get()).stream().findFirst()
                    .map(a -> nav.is(a, "reference_expression") ? nav.field(a, "value").orElse(a) : a);
        }
        return source.map(s -> RuleSupport.snippet(nav, s)).orElse("?");
    }
}
