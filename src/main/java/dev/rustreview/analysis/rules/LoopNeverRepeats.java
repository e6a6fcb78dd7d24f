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

/**
 * ER43: a {@code loop} that ends in an unconditional {@code break} and has no {@code continue}: it runs once. When
 * the loop was written to retry (an interrupted system call, a busy resource), the case it should retry falls
 * through to the final {@code break} and is reported as success or passed on untried. fish-shell 38671631
 * reversed: the history file's {@code flock} loop broke with {@code (true, ..)} after an {@code EINTR} instead of
 * locking again, and the file was rewritten without the lock.
 */
public final class LoopNeverRepeats implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER43", RiskArea.ERRORS, Severity.MEDIUM, "loop that never repeats",
            "In a non-test fn, a `loop { .. }` whose body ends in an unconditional `break` (with or without a value) and "
                    + "holds no `continue`, where the change adds or edits a line of the loop.",
            "It reads the loop's own body: a loop left on purpose after one pass (a block to break out of early) is "
                    + "reported too; clippy's `never_loop` says the same.",
            "never_loop");

    private static final int MAX_LOOPS = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || file.isTestPath() || !text.contains("loop") || !text.contains("break")) {
            return out;
        }
        FileView view = FileView.of(file).orElse(null);
        if (view == null) {
            return out;
        }
        Nav nav = view.nav();
        int looked = 0;
        for (Node fn : view.fns()) {
            if (!file.touches(fn) || view.isTest(fn)) {
                continue;
            }
            for (Node loop : nav.findInFn(fn, "loop_expression")) {
                if (looked++ >= MAX_LOOPS || out.size() >= 8) {
                    return out;
                }
                Node body = nav.field(loop, "body").orElse(null);
                if (body == null || !file.touches(loop)) {
                    continue;
                }
                List<Node> statements = nav.namedChildren(body).stream()
                        .filter(c -> !nav.is(c, "line_comment", "block_comment")).toList();
                if (statements.size() < 2) {
                    continue;
                }
                Node last = statements.get(statements.size() - 1);
                List<Node> inner = nav.is(last, "expression_statement") ? nav.namedChildren(last) : List.of();
                Node brk = inner.isEmpty() ? last : inner.get(0);
                if (nav.is(brk, "call_expression")) {
                    // tree-sitter reads `break (true, start)` as a call of a bare `break` with a tuple of arguments
                    brk = nav.field(brk, "function").filter(b -> nav.is(b, "break_expression")).map(b -> last).orElse(brk);
                }
                if (!nav.is(brk, "break_expression", "expression_statement") || hasLabel(nav, brk)
                        || !nav.find(body, "continue_expression").isEmpty()) {
                    continue;
                }
                String fnName = RuleSupport.fnName(nav, fn);
                int line = RustTree.startLine(brk);
                String shown = RuleSupport.shorten(nav.tree().text(brk).replaceAll("\\s+", " ").replaceAll(";$", ""));
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fnName).object(shown)
                        .title("The `loop` in `" + fnName + "` never repeats: it ends in `" + shown + "`")
                        .explanation("Every pass through this loop reaches `" + shown + "` and nothing in it says "
                                + "`continue`, so its body runs once. If the loop is there to retry (an interrupted "
                                + "call, `EINTR`, a busy resource), the case that should go round again falls through to "
                                + "this `break` and leaves the loop as if it had succeeded.")
                        .check("Make the retry case `continue` (or break only on success), or drop the loop if one pass "
                                + "is meant.")
                        .build());
            }
        }
        return out;
    }

    /** {@code break 'outer}: leaves an enclosing loop, not this one; its pass count is another loop's business. */
    private static boolean hasLabel(Nav nav, Node brk) {
        return nav.namedChildren(brk).stream().anyMatch(c -> nav.is(c, "label", "loop_label"));
    }
}
