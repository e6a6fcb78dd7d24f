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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AL5: futures created and dropped without being polled, and tasks cancelled with {@code abort()}. A
 * {@code JoinHandle} that is merely dropped is a detached task, which is not reported.
 */
public final class DroppedFuture implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL5", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "Future created and dropped",
            "`let _ = f()`, `let _unused = f()` or a bare `f();` where `f` is an async fn or method defined in "
                    + "this file and the result is never awaited, `let _ = async { .. }`, and `abort()` on a "
                    + "handle bound from a spawn call or typed `JoinHandle`/`AbortHandle`.",
            "It knows which calls return futures only for async fns defined in the same file (not library "
                    + "calls such as a tokio channel's `send`); a spawned task whose `JoinHandle` is dropped is "
                    + "deliberately not reported, because detaching a task is legitimate.",
            "let_underscore_future");

    private final TreeCache cache;

    public DroppedFuture() {
        this(new TreeCache());
    }

    DroppedFuture(TreeCache cache) {
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
            AsyncFns asyncFns = new AsyncFns(facts);
            for (Node let : nav.code("let_declaration")) {
                Optional<Node> pattern = nav.field(let, "pattern");
                Optional<Node> value = nav.field(let, "value");
                if (pattern.isEmpty() || value.isEmpty() || !file.touches(let)) {
                    continue;
                }
                String name = tree.text(pattern.get());
                boolean discarded = name.equals("_")
                        || (name.startsWith("_") && nav.is(pattern.get(), "identifier") && unusedAfter(nav, let, name));
                if (!discarded) {
                    continue;
                }
                if (nav.is(value.get(), "async_block")) {
                    out.add(dropped(file, nav, let, "async block", RuleSupport.snippet(nav, value.get())));
                } else {
                    futureCall(nav, value.get(), asyncFns)
                            .ifPresent(fn -> out.add(dropped(file, nav, let, "`" + fn + "`", RuleSupport.snippet(nav, value.get()))));
                }
            }
            for (Node stmt : nav.code("expression_statement")) {
                if (stmt.getNamedChildCount() == 0 || !file.touches(stmt)) {
                    continue;
                }
                Node expr = stmt.getNamedChild(0);
                futureCall(nav, expr, asyncFns)
                        .ifPresent(fn -> out.add(dropped(file, nav, stmt, "`" + fn + "`", RuleSupport.snippet(nav, expr))));
            }
            for (Node call : nav.code("call_expression")) {
                if (RuleSupport.methodName(nav, call).filter("abort"::equals).isPresent()
                        && RuleSupport.args(nav, call).isEmpty() && file.touches(call)) {
                    RuleSupport.receiver(nav, call).filter(r -> isTaskHandle(nav, facts, r))
                            .ifPresent(r -> out.add(abort(file, nav, call, r)));
                }
            }
        });
        return out;
    }

    /** The async fn a call invokes, when the call is not awaited and the fn is defined in this file. */
    private static Optional<String> futureCall(Nav nav, Node expr, AsyncFns asyncFns) {
        return nav.is(expr, "call_expression") ? asyncFns.called(expr) : Optional.empty();
    }

    private static boolean unusedAfter(Nav nav, Node let, String name) {
        RustTree tree = nav.tree();
        Optional<Node> scope = nav.parent(let);
        if (scope.isEmpty()) {
            return false;
        }
        for (Node id : nav.find(scope.get(), "identifier")) {
            if (id.getStartByte() >= let.getEndByte() && tree.text(id).equals(name)) {
                return false;
            }
        }
        return true;
    }

    private static Finding dropped(ChangedFile file, Nav nav, Node stmt, String what, String text) {
        RustTree tree = nav.tree();
        int line = RustTree.startLine(stmt);
        return FindingBuilder.at(INFO, file, stmt)
                .object(what.replace("`", "")).object(text)
                .title("Future from " + what + " is never awaited")
                .explanation("`" + RuleSupport.shorten(tree.text(stmt)) + "` (line " + line + ") creates the future of "
                        + what + " and drops it without polling it: none of its body runs, so whatever it was meant "
                        + "to do (write, notify, clean up) silently never happens.")
                .check("Check whether the call should be `.await`ed, spawned (`tokio::spawn`), or removed; if "
                        + "dropping it is intended, say why in a comment.")
                .build();
    }

    private static boolean isTaskHandle(Nav nav, TypeFacts facts, Node recv) {
        Optional<String> type = facts.typeOf(recv);
        if (type.isPresent() && (type.get().contains("JoinHandle") || type.get().contains("AbortHandle"))) {
            return true;
        }
        if (!nav.is(recv, "identifier")) {
            return false;
        }
        return facts.binding(recv).map(TypeFacts.Binding::value)
                .filter(v -> nav.is(v, "call_expression") && RuleSupport.isSpawn(nav, v)).isPresent();
    }

    private static Finding abort(ChangedFile file, Nav nav, Node call, Node recv) {
        String handle = RuleSupport.snippet(nav, recv);
        int line = RustTree.startLine(call);
        return FindingBuilder.at(INFO, file, call)
                .object(handle).object(RuleSupport.snippet(nav, call))
                .title("Task `" + handle + "` is aborted")
                .explanation("`" + RuleSupport.snippet(nav, call) + "` (line " + line + ") cancels the task at "
                        + "its next `.await`: work in progress there (a half-written file, a message taken from a "
                        + "queue, a lock-protected update) is abandoned, and destructors run at an arbitrary point.")
                .check("Check that the task can be cancelled at every `.await` without losing or corrupting "
                        + "state, or signal it to stop (a cancellation token or channel) and await the handle.")
                .build();
    }
}
