package dev.rustreview.analysis.rules;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PN2: indexing and integer arithmetic on values that look external: names like {@code len}, {@code offset},
 * {@code size}, {@code idx}, {@code count}, integer parameters of the enclosing fn, and {@code .len()} results.
 * To stay precise: constant indices are skipped; {@code +} and {@code *} count only when both operands are
 * non-literal ({@code offset + len}), because {@code len + 1} cannot realistically overflow; {@code -} counts
 * when the right side is not the literal 0 ({@code len - 1} underflows on empty input). Test code is skipped.
 */
public final class IndexArithmeticRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN2", RiskArea.PANICS, Severity.LOW, "unchecked index or arithmetic",
            "Slice/array indexing and +, -, * on external-looking values (len/offset/size/idx/count names, "
                    + "integer parameters, .len()) on added lines, outside tests.",
            "It does not know the types or prior bounds checks, so an index guarded by an earlier `if i < len` is still reported.",
            "indexing_slicing", "arithmetic_side_effects");

    private static final Pattern EXTERNAL_NAME = Pattern.compile(
            "(?i)(^|_)(len|length|offset|off|size|idx|index|count|pos|position|cap|capacity|start|end|width|height"
                    + "|total|remaining|num)(_|$)");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final int MAX_WALK = 200;
    private static final Set<String> INTEGER_TYPES = Set.of("usize", "isize", "u8", "u16", "u32", "u64", "u128",
            "i8", "i16", "i32", "i64", "i128");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        RustTree tree = file.newTree();
        if (tree == null || file.isTestPath()) {
            return List.of();
        }
        TreeIndex scopes = TreeIndex.of(tree);
        Map<Node, Set<String>> params = new HashMap<>();
        Set<Integer> reportedLines = new HashSet<>();
        List<Finding> out = new ArrayList<>();
        for (Node node : scopes.nodes("index_expression", "binary_expression", "compound_assignment_expr")) {
            int line = RustTree.startLine(node);
            // One finding per line is all the merge keeps, so later hits on a reported line are skipped early.
            if (!file.added(line) || reportedLines.contains(line) || scopes.inTest(node)
                    || scopes.innermost(node, "const_item", "static_item", "array_type", "attribute_item").isPresent()) {
                continue;
            }
            Optional<Node> fn = scopes.innermost(node, "function_item");
            Set<String> ints = fn.map(f -> params.computeIfAbsent(f, k -> integerParameters(tree, k))).orElse(Set.of());
            String where = fn.map(f -> " in fn `" + SafetySyntax.name(tree, f) + "`").orElse("");
            int before = out.size();
            if (Syntax.is(node, "index_expression")) {
                index(file, tree, node, ints, where, out);
            } else {
                arithmetic(file, tree, node, ints, where, out);
            }
            if (out.size() > before) {
                reportedLines.add(line);
            }
        }
        return SafetySyntax.mergeSameLine(out);
    }

    private static void index(ChangedFile file, RustTree tree, Node node, Set<String> ints, String where,
                              List<Finding> out) {
        if (node.getNamedChildCount() < 2) {
            return;
        }
        Node target = node.getNamedChild(0);
        Node index = node.getNamedChild(1);
        if (constant(tree, index)) {
            return;
        }
        Optional<String> source = external(tree, index, ints);
        if (source.isEmpty()) {
            return;
        }
        String expr = SafetySyntax.brief(tree, node);
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, RustTree.startLine(node), RustTree.endLine(node))
                .object(expr)
                .title("indexing `" + expr + "` can panic")
                .explanation("`" + expr + "`" + where + " panics if " + source.get()
                        + " is out of range for `" + SafetySyntax.brief(tree, target) + "`; the value looks like it "
                        + "comes from input (a length, offset or parameter).")
                .check("Check a bounds check dominates this line, or use .get(..) and handle None.")
                .build());
    }

    private static void arithmetic(ChangedFile file, RustTree tree, Node node, Set<String> ints, String where,
                                   List<Finding> out) {
        Node left = Syntax.field(node, "left").orElse(null);
        Node right = Syntax.field(node, "right").orElse(null);
        Node op = Syntax.field(node, "operator").orElse(null);
        if (left == null || right == null || op == null) {
            return;
        }
        String operator = op.getType().replace("=", "");
        if (!(operator.equals("+") || operator.equals("-") || operator.equals("*"))) {
            return;
        }
        if (nonInteger(left) || nonInteger(right)) {
            return;
        }
        if (operator.equals("-")) {
            if (Syntax.is(right, "integer_literal") && tree.text(right).replaceAll("[_a-z]", "").matches("0+")) {
                return;
            }
        } else if (Syntax.is(left, "integer_literal") || Syntax.is(right, "integer_literal")) {
            return;
        }
        Optional<String> source = external(tree, left, ints).or(() -> external(tree, right, ints));
        if (source.isEmpty()) {
            return;
        }
        String expr = SafetySyntax.brief(tree, node);
        String risk = operator.equals("-") ? "underflows (panic in debug, huge wrapped value in release)"
                : "overflows (panic in debug, wrapped value in release)";
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, RustTree.startLine(node), RustTree.endLine(node))
                .object(expr)
                .title("unchecked `" + operator + "` in `" + expr + "`")
                .explanation("`" + expr + "`" + where + " " + risk + " when " + source.get()
                        + " takes an unexpected value; it looks like it comes from input.")
                .check("Check the operands are bounded first, or use checked_/saturating_ arithmetic.")
                .build());
    }

    /** What makes the expression look external ("`offset`", "`data.len()`"), or empty. */
    private static Optional<String> external(RustTree tree, Node expr, Set<String> ints) {
        int budget = MAX_WALK;
        for (Node n : tree.preorder(expr)) {
            if (--budget < 0) {
                break; // a pathological expression; the operands near the top were seen
            }
            if (Syntax.is(n, "identifier")) {
                String name = tree.text(n);
                boolean isPathPart = Syntax.parent(n).map(p -> Syntax.is(p, "scoped_identifier")).orElse(false);
                if (!isPathPart && (EXTERNAL_NAME.matcher(name).find() || ints.contains(name))) {
                    return Optional.of("`" + name + "`");
                }
            } else if (Syntax.is(n, "field_identifier") && EXTERNAL_NAME.matcher(tree.text(n)).find()) {
                Node parent = Syntax.parent(n).orElse(n);
                boolean call = Syntax.parent(parent).map(pp -> Syntax.is(pp, "call_expression")).orElse(false);
                return Optional.of("`" + SafetySyntax.brief(tree, call ? Syntax.parent(parent).get() : parent) + "`");
            }
        }
        return Optional.empty();
    }

    /** Literals, ALL_CAPS constants, and ranges/arithmetic of those; walked without recursion. */
    private static boolean constant(RustTree tree, Node index) {
        int budget = MAX_WALK;
        for (Node n : tree.preorder(index)) {
            if (!n.isNamed() || Syntax.is(n, "range_expression", "unary_expression", "binary_expression",
                    "parenthesized_expression", "integer_literal", "string_literal", "raw_string_literal",
                    "char_literal", "boolean_literal", "string_content", "escape_sequence")) {
                if (--budget < 0) {
                    return false;
                }
                continue;
            }
            if (Syntax.is(n, "identifier", "scoped_identifier")
                    && Syntax.parent(n).map(p -> Syntax.is(p, "scoped_identifier")).orElse(false)) {
                continue; // judged with its path
            }
            if (!Syntax.is(n, "identifier", "scoped_identifier")
                    || !CONSTANT.matcher(SafetySyntax.lastSegment(tree.text(n))).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonInteger(Node operand) {
        return Syntax.is(operand, "float_literal", "string_literal", "raw_string_literal", "macro_invocation",
                "array_expression", "tuple_expression");
    }

    private static Set<String> integerParameters(RustTree tree, Node fn) {
        Set<String> names = new HashSet<>();
        Syntax.field(fn, "parameters").ifPresent(ps -> {
            for (Node p : Syntax.namedChildren(ps)) {
                Optional<Node> type = Syntax.field(p, "type");
                Optional<Node> pattern = Syntax.field(p, "pattern");
                if (type.isPresent() && pattern.isPresent() && Syntax.is(pattern.get(), "identifier")
                        && INTEGER_TYPES.contains(tree.text(type.get()))) {
                    names.add(tree.text(pattern.get()));
                }
            }
        });
        return names;
    }
}
