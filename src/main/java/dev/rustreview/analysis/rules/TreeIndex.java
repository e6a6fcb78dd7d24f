package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.NodeCursor;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One walk over a file's syntax tree that the rules then query: every named node in document order (so that
 * a rule asks for several node types without walking again), and enclosing-item questions answered by byte
 * ranges instead of parent walks. tree-sitter finds a node's parent by descending from the root, so walking
 * ancestors costs O(depth²) per node; "which fn is this in?" for every index expression would be quadratic on
 * deeply nested input. Node types are looked up once per grammar symbol, which keeps the walk to a few native
 * calls per node.
 */
final class TreeIndex {

    private static final Set<String> CONTAINERS = Set.of("function_item", "closure_expression", "impl_item",
            "const_item", "static_item", "mod_item", "attribute_item", "inner_attribute_item", "macro_invocation",
            "use_declaration", "array_type", "foreign_mod_item");

    private final List<Node> nodes = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final Map<String, List<Node>> byType = new HashMap<>();
    private final List<Node> testItems = new ArrayList<>();

    private TreeIndex(RustTree tree) {
        Map<Integer, String> namedTypes = new HashMap<>();
        NodeCursor cursor = new NodeCursor(tree.root());
        boolean done = false;
        while (!done) {
            Node node = cursor.currentNode();
            int symbol = node.getSymbol();
            String type = namedTypes.computeIfAbsent(symbol, k -> node.isNamed() ? node.getType() : "");
            if (!type.isEmpty()) {
                nodes.add(node);
                types.add(type);
                if (CONTAINERS.contains(type)) {
                    byType.computeIfAbsent(type, k -> new ArrayList<>()).add(node);
                    if ((type.equals("function_item") || type.equals("mod_item")) && isTestItem(tree, node)) {
                        testItems.add(node);
                    }
                }
            }
            if (cursor.gotoFirstChild()) {
                continue;
            }
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) {
                    done = true;
                    break;
                }
            }
        }
    }

    static TreeIndex of(RustTree tree) {
        return tree.derived(TreeIndex.class, TreeIndex::new);
    }

    /** Named nodes of the given types in document order (the same as {@link RustTree#find}, without a walk). */
    List<Node> nodes(String... wanted) {
        Set<String> set = Set.of(wanted);
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (set.contains(types.get(i))) {
                out.add(nodes.get(i));
            }
        }
        return out;
    }

    /** The smallest container (fn, closure, impl, const, static, mod, attribute, macro call, use, array type)
     * of one of {@code types} that strictly contains {@code node}. */
    Optional<Node> innermost(Node node, String... types) {
        Node best = null;
        int start = node.getStartByte();
        int end = node.getEndByte();
        for (String type : types) {
            for (Node c : byType.getOrDefault(type, List.of())) {
                if (c.getStartByte() <= start && end <= c.getEndByte() && !c.equals(node)
                        && (best == null || c.getStartByte() > best.getStartByte()
                        || (c.getStartByte() == best.getStartByte() && c.getEndByte() < best.getEndByte()))) {
                    best = c;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the node is inside a {@code #[test]}-like fn or a {@code #[cfg(test)]} module. */
    boolean inTest(Node node) {
        for (Node t : testItems) {
            if (t.getStartByte() <= node.getStartByte() && node.getEndByte() <= t.getEndByte()) {
                return true;
            }
        }
        return false;
    }

    /** "in fn `load`", or "" at the top level. */
    String where(RustTree tree, Node node) {
        return innermost(node, "function_item").map(fn -> " in fn `" + SafetySyntax.name(tree, fn) + "`").orElse("");
    }

    private static boolean isTestItem(RustTree tree, Node item) {
        for (Node attr : Syntax.attributes(item)) {
            if (dev.rustreview.analysis.crate.TestCode.isTestAttribute(tree.text(attr))) {
                return true;
            }
        }
        return false;
    }
}
