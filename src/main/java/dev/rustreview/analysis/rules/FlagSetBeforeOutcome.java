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
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SS18: a flag that a branch set on one outcome now set before the outcome is known. tarpc's {@code DispatchResponse}
 * set {@code self.complete = true} in the {@code Ok} arm (and where the dispatch task was gone); the change sets it
 * before the {@code match}, so a deadline that expired also counts as complete, the cancellation is not sent, and the
 * request's id stays in the in-flight map (tarpc fe164ca3 reversed).
 */
public final class FlagSetBeforeOutcome implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS18", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "flag set before the outcome is known",
            "In a non-test fn that stays, the change removes `self.f = true` (or `false`) from a `match` arm or an "
                    + "`if`/`else` branch and adds the same assignment where no arm or branch encloses it, while a "
                    + "`match` or `if` still follows it in the fn: the flag is now set on every outcome.",
            "It matches the assignment by its text: a flag that is right on every path (the other arms set it "
                    + "too) is reported when no old copy sat outside a branch.");

    /** Assignments read per side: hand-written fns have a few. */
    private static final int MAX = 64;

    private record Flag(String fn, String text, Node node) {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RustTree before = file.oldTree();
        RustTree after = file.newTree();
        if (before == null || after == null || !file.isRust() || file.isTestPath()
                || !file.oldText().contains("= true") && !file.oldText().contains("= false")) {
            return out;
        }
        Nav was = TreeCache.of(before).nav();
        Nav now = TreeCache.of(after).nav();
        // per fn and assignment: {every old copy sat in a branch, one was removed from a branch}
        Map<String, boolean[]> old = new HashMap<>();
        for (Flag f : flags(was, l -> true)) {
            boolean[] seen = old.computeIfAbsent(f.fn() + "\u0000" + f.text(), k -> new boolean[] {true, false});
            boolean inBranch = branch(was, f.node()).isPresent();
            seen[0] &= inBranch;
            seen[1] |= inBranch && file.removed(RustTree.startLine(f.node()));
        }
        for (Flag f : flags(now, file::added)) {
            boolean[] seen = old.get(f.fn() + "\u0000" + f.text());
            if (seen == null || !seen[0] || !seen[1] || branch(now, f.node()).isPresent()
                    || file.isTestCode(f.node()) || !followedByDecision(now, f.node())) {
                continue;
            }
            int line = RustTree.startLine(f.node());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(f.fn()).object(f.text())
                    .title("`" + f.text() + "` in `" + f.fn() + "` is now set before the outcome is known")
                    .explanation("Before the change `" + f.fn() + "` set `" + f.text() + "` only in the arm or branch "
                            + "of the outcome it stands for. It is now set before the `match`/`if` that tells the "
                            + "outcomes apart, so it is also set on the paths that used to leave it alone (a timeout, "
                            + "an error, a cancellation): whatever reads it (a `Drop` that cancels unless complete, "
                            + "a retry that skips finished work) now takes the wrong path for them.")
                    .check("Set the flag in the arms where it holds, as before, or show that every outcome means it.")
                    .build());
        }
        return out;
    }

    /** The assignments of a literal {@code true}/{@code false} to a field of {@code self} on lines {@code changed} holds. */
    private static List<Flag> flags(Nav nav, java.util.function.IntPredicate changed) {
        List<Flag> out = new ArrayList<>();
        for (Node n : nav.code("assignment_expression")) {
            if (out.size() >= MAX) {
                break;
            }
            String text = RuleSupport.compact(nav, n);
            Optional<Node> fn = nav.enclosingFn(n);
            if (fn.isPresent() && text.matches("self\\.[A-Za-z_]\\w*=(?:true|false)") && changed.test(RustTree.startLine(n))) {
                out.add(new Flag(RuleSupport.fnName(nav, fn.get()), text.replace("=", " = "), n));
            }
        }
        return out;
    }

    /** The nearest match arm or if/else branch between the node and its fn. */
    private static Optional<Node> branch(Nav nav, Node node) {
        for (Node up : nav.ancestors(node)) {
            if (nav.is(up, "function_item", "closure_expression")) {
                return Optional.empty();
            }
            if (nav.is(up, "match_arm", "else_clause", "if_expression")) {
                return Optional.of(up);
            }
        }
        return Optional.empty();
    }

    /** Whether a later statement of the same block holds a {@code match} or an {@code if}. */
    private static boolean followedByDecision(Nav nav, Node assignment) {
        Node statement = assignment;
        Optional<Node> parent = nav.parent(statement);
        while (parent.isPresent() && !nav.is(parent.get(), "block")) {
            statement = parent.get();
            parent = nav.parent(statement);
        }
        if (parent.isEmpty()) {
            return false;
        }
        boolean after = false;
        for (int i = 0; i < parent.get().getNamedChildCount(); i++) {
            Node s = parent.get().getNamedChild(i);
            if (s.getStartByte() == statement.getStartByte() && s.getEndByte() == statement.getEndByte()) {
                after = true;
            } else if (after && !nav.find(s, "match_expression", "if_expression").isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
