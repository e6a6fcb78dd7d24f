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
import java.util.List;
import java.util.Set;

/**
 * PN12: a length check that runs the branch exactly when the index in it is out of bounds. {@code while
 * haystack.len() <= needle.len() { haystack[..needle.len()] .. }} enters the loop only when the haystack is no
 * longer than the bound, so the slice panics whenever it is shorter, and the search it meant to do never happens
 * (tower-http 359d99742 reversed: a short `Vary` header panicked the compression layer). The comparison had its
 * operands swapped; the compiler and the tests that use long inputs do not notice.
 */
public final class BoundCheckReversed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN12", RiskArea.PANICS, Severity.HIGH,
            "length check reversed",
            "In a non-test fn, an `if`/`while` whose condition (or one `&&` operand of it) says `x.len()` is at most "
                    + "a bound (`x.len() <= n`, `x.len() < n`, `n > x.len()`, `n >= x.len()`) and whose body, or the "
                    + "`else` of the opposite check, indexes or slices `x` with that bound (`x[..n]`, `x[n..]`, "
                    + "`x[n]`) before anything in the body grows or reassigns `x`: the branch runs exactly when the "
                    + "index can be out of bounds. Reported when the change touches the condition or the index.",
            "It matches the bound by its text: a bound computed into another variable, or a length compared "
                    + "through a helper (`fits(x, n)`), is not seen.",
            "indexing_slicing");

    /** Methods that change a collection's length; called on {@code x} before the index, they make the check moot. */
    private static final Set<String> GROWS = Set.of("resize", "resize_with", "extend", "extend_from_slice", "push",
            "push_str", "insert", "append", "reserve", "set_len", "fill", "grow", "truncate", "clear");

    private final TreeCache cache;

    public BoundCheckReversed() {
        this(new TreeCache());
    }

    BoundCheckReversed(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** A condition after which {@code collection.len()} is at most {@code bound}. */
    private record Short(Node condition, String collection, String bound) {
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.newText().contains(".len()")) {
            return out;
        }
        RuleSupport.tree(file).ifPresent(tree -> {
            Nav nav = cache.facts(tree).nav();
            for (Node branch : nav.code("if_expression", "while_expression")) {
                Node fn = nav.enclosingFn(branch).orElse(null);
                Node condition = nav.field(branch, "condition").orElse(null);
                if (fn == null || condition == null || RuleSupport.isTestFunction(nav, fn) || file.isTestCode(fn)) {
                    continue;
                }
                List<Node> operands = conjuncts(nav, condition);
                for (Node operand : operands) {
                    Short atMost = shortWhen(nav, operand, true);
                    Node body = nav.field(branch, "consequence").or(() -> nav.field(branch, "body")).orElse(null);
                    if (atMost == null) {
                        atMost = shortWhen(nav, operand, false);
                        body = atMost != null && operands.size() == 1
                                ? nav.field(branch, "alternative").orElse(null) : null;
                    }
                    Node index = atMost == null || body == null ? null : outOfBounds(nav, body, atMost);
                    if (index != null) {
                        int start = RustTree.startLine(operand);
                        if (RuleSupport.touched(file, start, RustTree.endLine(operand))
                                || RuleSupport.touched(file, RustTree.startLine(index), RustTree.endLine(index))) {
                            out.add(finding(file, nav, fn, operand, index, atMost));
                        }
                        break;
                    }
                }
            }
        });
        return out;
    }

    /** The {@code &&} operands of a condition (the condition itself when it is not a conjunction). */
    private static List<Node> conjuncts(Nav nav, Node condition) {
        List<Node> out = new ArrayList<>();
        collect(nav, condition, out, 0);
        return out;
    }

    private static void collect(Nav nav, Node node, List<Node> out, int depth) {
        if (depth < 32 && nav.is(node, "binary_expression") && operator(nav, node).equals("&&")) {
            nav.field(node, "left").ifPresent(l -> collect(nav, l, out, depth + 1));
            nav.field(node, "right").ifPresent(r -> collect(nav, r, out, depth + 1));
        } else if (depth < 32 && nav.is(node, "parenthesized_expression") && nav.namedChildren(node).size() == 1) {
            collect(nav, nav.namedChildren(node).get(0), out, depth + 1);
        } else {
            out.add(node);
        }
    }

    private static String operator(Nav nav, Node binary) {
        return nav.field(binary, "operator").map(op -> nav.tree().text(op)).orElse("");
    }

    /**
     * {@code x.len() <= n} (or its mirror {@code n >= x.len()}) when {@code wantShort}; {@code x.len() > n} (or
     * {@code n < x.len()}, the check whose {@code else} is short) otherwise. Null when the operand is neither.
     */
    private static Short shortWhen(Nav nav, Node operand, boolean wantShort) {
        if (!nav.is(operand, "binary_expression")) {
            return null;
        }
        String op = operator(nav, operand);
        Node left = nav.field(operand, "left").orElse(null);
        Node right = nav.field(operand, "right").orElse(null);
        if (left == null || right == null) {
            return null;
        }
        boolean lessThan = op.equals("<") || op.equals("<=");
        if (!lessThan && !op.equals(">") && !op.equals(">=")) {
            return null;
        }
        // `x.len() < n` and `n > x.len()` leave x short in the branch; `x.len() > n` leaves it short in the else.
        String lenLeft = lengthOf(nav, left);
        if (lenLeft != null && lessThan == wantShort) {
            return new Short(operand, lenLeft, RuleSupport.compact(nav, right));
        }
        String lenRight = lengthOf(nav, right);
        if (lenRight != null && lessThan != wantShort) {
            return new Short(operand, lenRight, RuleSupport.compact(nav, left));
        }
        return null;
    }

    /** {@code x} for {@code x.len()}, else null. */
    private static String lengthOf(Nav nav, Node expr) {
        if (!nav.is(expr, "call_expression") || !RuleSupport.args(nav, expr).isEmpty()
                || !RuleSupport.methodName(nav, expr).map("len"::equals).orElse(false)) {
            return null;
        }
        return RuleSupport.receiver(nav, expr).map(r -> RuleSupport.compact(nav, r)).orElse(null);
    }

    /** The first index of {@code x} by the bound in {@code body}, unless {@code x} is grown or reassigned first. */
    private static Node outOfBounds(Nav nav, Node body, Short atMost) {
        String x = atMost.collection();
        String n = atMost.bound();
        Node first = null;
        for (Node index : nav.find(body, "index_expression")) {
            List<Node> parts = nav.namedChildren(index);
            if (parts.size() == 2 && RuleSupport.compact(nav, parts.get(0)).equals(x) && bounded(nav, parts.get(1), n)
                    && (first == null || index.getStartByte() < first.getStartByte())) {
                first = index;
            }
        }
        if (first == null) {
            return null;
        }
        for (Node call : nav.find(body, "call_expression")) {
            if (call.getStartByte() < first.getStartByte()
                    && RuleSupport.methodName(nav, call).filter(GROWS::contains).isPresent()
                    && RuleSupport.receiver(nav, call).map(r -> RuleSupport.compact(nav, r)).map(x::equals).orElse(false)) {
                return null;
            }
        }
        for (Node assign : nav.find(body, "assignment_expression", "compound_assignment_expr")) {
            if (assign.getStartByte() < first.getStartByte() && nav.field(assign, "left")
                    .map(l -> RuleSupport.compact(nav, l)).map(x::equals).orElse(false)) {
                return null;
            }
        }
        return first;
    }

    /** {@code n}, {@code ..n}, {@code ..=n} or {@code n..}: an index that needs {@code n <= len} at least. */
    private static boolean bounded(Nav nav, Node index, String n) {
        String text = RuleSupport.compact(nav, index);
        return text.equals(n) || text.equals(".." + n) || text.equals("..=" + n) || text.equals(n + "..")
                || text.startsWith(n + "..") && nav.is(index, "range_expression");
    }

    private static Finding finding(ChangedFile file, Nav nav, Node fn, Node condition, Node index, Short atMost) {
        String check = RuleSupport.snippet(nav, condition);
        String slice = RuleSupport.snippet(nav, index);
        int line = RustTree.startLine(condition);
        int indexLine = RustTree.startLine(index);
        return FindingBuilder.lines(INFO, file, Side.NEW, Math.min(line, indexLine), Math.max(line, indexLine))
                .object(RuleSupport.fnName(nav, fn)).object(check).object(slice)
                .title("`" + slice + "` runs only when `" + atMost.collection() + "` is too short for it")
                .explanation("The branch holding `" + slice + "` (line " + indexLine + ") runs when `" + check + "` (line "
                        + line + ") leaves `" + atMost.collection() + ".len()` at most `" + atMost.bound() + "`: that is "
                        + "exactly when the index is out of bounds, so it panics whenever the length is below the bound, "
                        + "and the case the code was written for (a longer `" + atMost.collection() + "`) never runs it. "
                        + "The comparison's operands look swapped.")
                .check("Check the comparison's direction: the index needs `" + atMost.bound() + " <= "
                        + atMost.collection() + ".len()` (or `<` for a single element); add a test with an input "
                        + "shorter than the bound.")
                .build();
    }
}
