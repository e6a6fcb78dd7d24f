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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SS14: a count or balance update moved out of the branch of the check that allowed it. A token bucket that took
 * {@code it.current_capacity -= amount} only in the branch where {@code amount <= it.current_capacity} now takes it
 * after the {@code if}, on both paths: the refusal path spends capacity it did not have, and concurrent callers
 * drive it negative (smithy-rs 777c24bb reversed: cascading, ever longer retry sleeps).
 */
public final class UpdateMadeUnconditional implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS14", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "update moved out of the check that allowed it",
            "In a non-test fn that stays, the change removes `x -= a` or `x += a` from inside an `if`/`else` whose "
                    + "condition compares `x` with `a` (`if a > x`, `if x >= a`), and adds the same update in the fn "
                    + "where no enclosing condition mentions `x`, while the fn still makes the comparison: the update "
                    + "now runs also on the path the check refused.",
            "It matches the update and the condition by their text: an update that is right on both paths (the "
                    + "refusal consumes too, by design) is reported, and one moved into a helper is not seen.");

    /** The identifiers of an operand that name it ({@code it.current_capacity}: {@code current_capacity}). */
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_]\\w*");
    private static final Set<String> NEUTRAL = Set.of("self", "it", "this", "as", "u64", "u32", "usize", "i64",
            "f64", "f32", "inner", "state", "guard", "lock", "unwrap");
    /** Updates read per file side: hand-written code has a few in a changed fn. */
    private static final int MAX_UPDATES = 64;

    private record Update(String fn, String text, Node node) {
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
        if (before == null || after == null || !file.isRust() || file.isTestPath()) {
            return out;
        }
        Nav was = TreeCache.of(before).nav();
        Nav now = TreeCache.of(after).nav();
        Map<String, Update> guarded = new HashMap<>();
        for (Update u : updates(was, file::removed)) {
            if (guardingCondition(was, u, true).isPresent()) {
                guarded.putIfAbsent(u.fn() + "\u0000" + u.text(), u);
            }
        }
        if (guarded.isEmpty()) {
            return out;
        }
        for (Update u : updates(now, file::added)) {
            Update old = guarded.get(u.fn() + "\u0000" + u.text());
            if (old == null || guardingCondition(now, u, false).isPresent() || file.isTestCode(u.node())) {
                continue;
            }
            Optional<Node> fn = now.enclosingFn(u.node());
            Optional<Node> check = fn.flatMap(f -> comparison(now, f, u));
            if (check.isEmpty()) {
                continue;
            }
            Node oldCondition = guardingCondition(was, old, true).orElseThrow();
            int line = RustTree.startLine(u.node());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(u.fn()).object(u.text())
                    .title("`" + u.text() + "` now runs whether or not `" + RuleSupport.shorten(compact(was, oldCondition))
                            + "` allowed it")
                    .explanation("Before the change `" + u.fn() + "` made `" + u.text() + "` only inside the branch "
                            + "the condition `" + RuleSupport.shorten(compact(was, oldCondition)) + "` (line "
                            + RustTree.startLine(oldCondition) + " of the old file) chose; now it is made after that "
                            + "decision, on the path that refused too (the check on line "
                            + RustTree.startLine(check.get()) + " still compares the two). A refused request then "
                            + "spends what it was refused, and concurrent callers push the value past its bound "
                            + "(a negative capacity, a count below zero).")
                    .check("Keep the update in the branch that grants it, unless the refusal is meant to consume too.")
                    .build());
        }
        return out;
    }

    private static List<Update> updates(Nav nav, java.util.function.IntPredicate changed) {
        List<Update> out = new ArrayList<>();
        for (Node n : nav.code("compound_assignment_expr")) {
            if (out.size() >= MAX_UPDATES) {
                break;
            }
            String text = compact(nav, n);
            Optional<Node> fn = nav.enclosingFn(n);
            if ((text.contains("-=") || text.contains("+=")) && fn.isPresent() && text.length() <= 200
                    && changed.test(RustTree.startLine(n))) {
                out.add(new Update(RuleSupport.fnName(nav, fn.get()), text, n));
            }
        }
        return out;
    }

    /**
     * The condition of an enclosing {@code if} (up to the fn) that names the updated value and, with {@code both},
     * the amount too.
     */
    private static Optional<Node> guardingCondition(Nav nav, Update u, boolean both) {
        Set<String>[] sides = sides(u.text());
        for (Node up : nav.ancestors(u.node())) {
            if (nav.is(up, "function_item", "closure_expression")) {
                break;
            }
            if (nav.is(up, "if_expression")) {
                Optional<Node> cond = nav.field(up, "condition");
                if (cond.isPresent() && !RuleSupport.within(u.node(), cond.get())
                        && mentions(compact(nav, cond.get()), sides[0])
                        && (!both || mentions(compact(nav, cond.get()), sides[1]))) {
                    return cond;
                }
            }
        }
        return Optional.empty();
    }

    /** An {@code if} condition of the fn comparing both sides of the update. */
    private static Optional<Node> comparison(Nav nav, Node fn, Update u) {
        Set<String>[] sides = sides(u.text());
        int n = 0;
        for (Node ifx : nav.find(fn, "if_expression")) {
            if (n++ > 64) {
                break;
            }
            Optional<Node> cond = nav.field(ifx, "condition");
            if (cond.isPresent()) {
                String c = compact(nav, cond.get());
                if ((c.contains("<") || c.contains(">")) && mentions(c, sides[0]) && mentions(c, sides[1])) {
                    return cond;
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] sides(String update) {
        int op = Math.max(update.indexOf("-="), update.indexOf("+="));
        return new Set[] {keys(update.substring(0, op)), keys(update.substring(op + 2))};
    }

    private static Set<String> keys(String operand) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Matcher m = IDENT.matcher(operand);
        while (m.find()) {
            if (!NEUTRAL.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static boolean mentions(String condition, Set<String> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        Set<String> words = keys(condition);
        return words.containsAll(keys);
    }

    private static String compact(Nav nav, Node n) {
        return RuleSupport.compact(nav, n);
    }
}
