package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AL34: {@code return} inside an {@code async { .. }} block that a loop awaits and whose value it discards. The
 * {@code return} leaves the block, not the fn: the loop goes round again. volo 4ef10a83 reversed: the ping-pong
 * server's connection loop returned on shutdown, end of stream and errors, and kept polling a closed connection.
 */
public final class ReturnLeavesOnlyAsyncBlock implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL34", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "return leaves only the async block",
            "In non-test code, an `async { .. }` block awaited as a statement of a `loop`, `while` or `for` body (its "
                    + "value discarded; `.instrument(..)` and other calls between the block and `.await` allowed) "
                    + "holds a `return` of its own (not one of a closure or fn inside it), and the change adds that "
                    + "`return` or the block's first line.",
            "It reads `return`s written in the block itself: one inside a macro's body (`select!`) is not seen, and "
                    + "a block whose `return` really means \"skip to the next round\" is reported too.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("return") || !file.newText().contains("async")) {
            return out;
        }
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node block : nav.code("async_block")) {
                if (view.isTest(block)) {
                    continue;
                }
                Optional<Node> loop = discardedInLoop(nav, block);
                if (loop.isEmpty()) {
                    continue;
                }
                boolean opened = file.added(RustTree.startLine(block));
                for (Node ret : nav.find(block, "return_expression")) {
                    if (!owner(nav, ret).map(block::equals).orElse(false)
                            || !opened && !file.added(RustTree.startLine(ret))) {
                        continue;
                    }
                    out.add(finding(file, ret, RustTree.startLine(loop.get())));
                    break;
                }
            }
        });
        return out;
    }

    /**
     * The loop whose body awaits {@code block} as a statement: the block, then only receiver calls and field reads
     * ({@code .instrument(span)}), an {@code .await}, and a {@code ;} in a loop's body.
     */
    private static Optional<Node> discardedInLoop(Nav nav, Node block) {
        Node n = block;
        boolean awaited = false;
        while (true) {
            Optional<Node> p = nav.parent(n);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            Node parent = p.get();
            if (nav.is(parent, "await_expression")) {
                awaited = true;
            } else if (nav.is(parent, "field_expression") && nav.field(parent, "value").map(n::equals).orElse(false)
                    || nav.is(parent, "call_expression") && nav.field(parent, "function").map(n::equals).orElse(false)) {
                if (awaited) {
                    return Optional.empty(); // `async {}.await.unwrap()`: the value is used
                }
            } else if (nav.is(parent, "expression_statement") && awaited) {
                return nav.parent(parent).filter(b -> nav.is(b, "block")).flatMap(nav::parent)
                        .filter(l -> nav.is(l, "loop_expression", "while_expression", "for_expression"));
            } else {
                return Optional.empty();
            }
            n = parent;
        }
    }

    /** The closure, async block or fn a {@code return} leaves. */
    private static Optional<Node> owner(Nav nav, Node ret) {
        return nav.enclosing(ret, "closure_expression", "async_block", "function_item");
    }

    private static Finding finding(ChangedFile file, Node ret, int loopLine) {
        int line = RustTree.startLine(ret);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("return leaves the async block")
                .title("`return` leaves only the `async` block; the loop (line " + loopLine + ") goes on")
                .explanation("This `return` is inside an `async { .. }` block that the loop awaits and throws the "
                        + "value of. In an async block `return` ends the block's future, not the fn around it, so "
                        + "the loop runs its next round: a connection that was closed or failed is read again, and "
                        + "the task never ends.")
                .check("Have the block evaluate to a value (`Result`, `ControlFlow`) and `break` the loop on it, or "
                        + "move the body into an `async fn` the loop calls.")
                .build();
    }
}
