package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TreeCache;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AL26: a tracing span entered with {@code let _guard = span.enter();} in async code, and an {@code .await} while the
 * guard lives. While the task is suspended at the await, the worker thread runs other tasks with the span still
 * entered, so their events are recorded inside it, and the span's exit can happen on another thread than its entry
 * (tracing's documentation warns against exactly this). lance dff098a5 reversed: {@code put_part} entered its write
 * span in a boxed {@code async move} block and awaited the upload under it; the fix is {@code fut.instrument(span)}.
 */
public final class SpanGuardAcrossAwait implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL26", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "tracing span entered across .await",
            "In non-test async code the change touches, `let NAME = SPAN.enter();` (the receiver names a span: "
                    + "`span`, `Span::current()`, an `info_span!`-like macro) and an `.await` later in the same "
                    + "block, in the same async fn or block, with no `drop(NAME)` in between.",
            "It knows a span by its name or the macro that makes it: a span in a variable named otherwise is not "
                    + "seen, and nor is a guard moved into a struct.",
            "await_holding_invalid_type");

    private final TreeCache cache;

    public SpanGuardAcrossAwait() {
        this(new TreeCache());
    }

    SpanGuardAcrossAwait(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains(".enter()") || !text.contains("await")) {
            return out;
        }
        RuleSupport.tree(file).ifPresent(tree -> {
            Nav nav = cache.facts(tree).nav();
            for (Node let : nav.code("let_declaration")) {
                Optional<String> guard = spanGuard(nav, let);
                if (guard.isEmpty() || nav.isTestCode(file, let)) {
                    continue;
                }
                awaitUnder(nav, let, guard.get())
                        .filter(await -> file.touches(let) || file.touches(await))
                        .ifPresent(await -> out.add(finding(nav, file, let, await, guard.get())));
            }
        });
        return out;
    }

    /** The guard's name when {@code let} binds {@code SPAN.enter()} of something that names a span. */
    private static Optional<String> spanGuard(Nav nav, Node let) {
        Optional<Node> pattern = nav.field(let, "pattern").filter(p -> nav.is(p, "identifier"));
        Optional<Node> value = nav.field(let, "value").filter(v -> nav.is(v, "call_expression"));
        if (pattern.isEmpty() || value.isEmpty() || !RuleSupport.args(nav, value.get()).isEmpty()
                || !RuleSupport.methodName(nav, value.get()).filter("enter"::equals).isPresent()) {
            return Optional.empty();
        }
        String receiver = RuleSupport.receiver(nav, value.get()).map(r -> RuleSupport.compact(nav, r)).orElse("");
        return receiver.toLowerCase(java.util.Locale.ROOT).contains("span")
                ? Optional.of(RuleSupport.compact(nav, pattern.get())) : Optional.empty();
    }

    /** The first {@code .await} of the same async context after {@code let} in its block, before any {@code drop(guard)}. */
    private static Optional<Node> awaitUnder(Nav nav, Node let, String guard) {
        Optional<Node> block = nav.parent(let).filter(b -> nav.is(b, "block"));
        Optional<Node> home = nav.asyncBoundary(let);
        if (block.isEmpty() || home.isEmpty()) {
            return Optional.empty();
        }
        return BindingLife.firstAwait(nav, block.get(), guard, let.getEndByte(), home.get());
    }

    private static Finding finding(Nav nav, ChangedFile file, Node let, Node await, String guard) {
        String where = nav.asyncBoundary(let).filter(b -> nav.is(b, "function_item"))
                .map(b -> "async fn `" + RuleSupport.fnName(nav, b) + "`").orElse("an async block");
        int line = RustTree.startLine(let);
        int awaitLine = RustTree.startLine(await);
        return FindingBuilder.at(INFO, file, let)
                .object(guard).object(where.replaceAll(".*`(.*)`", "$1"))
                .title("Span guard `" + guard + "` held across `.await` in " + where)
                .explanation("`" + RuleSupport.snippet(nav, let) + "` (line " + line + ") enters the span until `"
                        + guard + "` is dropped, and the `.await` on line " + awaitLine + " suspends the task while "
                        + "it is still entered. The worker thread then polls other tasks inside this span, so their "
                        + "events and timings are recorded under it, and the span may be exited on another thread "
                        + "than the one that entered it.")
                .check("Attach the span to the future instead (`fut.instrument(span).await`, or `#[instrument]` on "
                        + "the fn), or drop the guard before awaiting.")
                .build();
    }
}
