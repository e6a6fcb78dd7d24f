package dev.rustreview.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small questions about tree-sitter-rust nodes that every rule asks. */
public final class Syntax {

    private Syntax() {
    }

    /** Whether the node's type is one of {@code types}. */
    public static boolean is(Node node, String... types) {
        String type = node.getType();
        for (String t : types) {
            if (t.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The node's field child, or empty when the field is absent. */
    public static Optional<Node> field(Node node, String name) {
        Node child = node.getChildByFieldName(name);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(child);
    }

    /** The parent, or empty at the root. */
    public static Optional<Node> parent(Node node) {
        Node p = node.getParent();
        return p == null || p.isNull() ? Optional.empty() : Optional.of(p);
    }

    public static List<Node> children(Node node) {
        int count = node.getChildCount();
        List<Node> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(node.getChild(i));
        }
        return out;
    }

    public static List<Node> namedChildren(Node node) {
        // One pass over the children: getNamedChild(i) counts from the first child, which made this quadratic in
        // a node with a hundred thousand children (a megabyte line of broken code under one ERROR node).
        List<Node> out = new ArrayList<>();
        for (Node child : node.children) {
            if (child.isNamed()) {
                out.add(child);
            }
        }
        return out;
    }

    /** Ancestors from the parent up to the root. */
    public static List<Node> ancestors(Node node) {
        List<Node> out = new ArrayList<>();
        Optional<Node> p = parent(node);
        while (p.isPresent()) {
            out.add(p.get());
            p = parent(p.get());
        }
        return out;
    }

    /**
     * The nodes from {@code root} down to {@code node}, both inclusive, found top-down. tree-sitter answers
     * {@code getParent} by descending from the root, so walking up with {@link #parent} costs O(depth) per
     * step and O(depth²) for a whole ancestor chain; one descent costs O(depth). Prefer this when several
     * questions about a node's ancestors are asked.
     */
    public static List<Node> pathFrom(Node root, Node node) {
        // Up the parent links once and reversed: O(depth). Descending from the root asked each step's child by
        // walking up from the node again, O(depth²): a minute on a fuzzed file nested a few thousand levels deep.
        List<Node> path = new ArrayList<>();
        for (Node current = node; current != null && !current.isNull(); current = current.getParent()) {
            path.add(current);
            if (current.equals(root)) {
                java.util.Collections.reverse(path);
                return path;
            }
        }
        return new ArrayList<>(List.of(root)); // node is not under root
    }

    /** The nearest ancestor (exclusive) of one of {@code types}. */
    public static Optional<Node> enclosing(Node node, String... types) {
        Optional<Node> p = parent(node);
        while (p.isPresent()) {
            if (is(p.get(), types)) {
                return p;
            }
            p = parent(p.get());
        }
        return Optional.empty();
    }

    /** Whether an unnamed child token such as {@code async} or {@code unsafe} is present directly under the node. */
    public static boolean hasToken(Node node, String token) {
        for (Node child : children(node)) {
            if (token.equals(child.getType())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a function item is {@code async} (its modifiers hold the token). */
    public static boolean isAsyncFn(Node fn) {
        return modifiersHave(fn, "async");
    }

    /** Whether a function item is {@code unsafe fn}. */
    public static boolean isUnsafeFn(Node fn) {
        return modifiersHave(fn, "unsafe");
    }

    private static boolean modifiersHave(Node fn, String token) {
        for (Node child : children(fn)) {
            if (is(child, "function_modifiers") && hasToken(child, token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether code at {@code node} runs inside an async context: the nearest enclosing function-like
     * boundary is an async fn, an async block or an async closure. A plain closure or nested fn stops the
     * search, because its body does not run where the surrounding future is polled.
     */
    public static boolean inAsyncContext(Node node) {
        Optional<Node> boundary = asyncBoundary(node);
        return boundary.isPresent() && isAsyncBoundary(boundary.get());
    }

    /** The nearest enclosing fn item, closure or async block. */
    public static Optional<Node> asyncBoundary(Node node) {
        return enclosing(node, "function_item", "closure_expression", "async_block");
    }

    private static boolean isAsyncBoundary(Node boundary) {
        if (is(boundary, "async_block")) {
            return true;
        }
        if (is(boundary, "function_item")) {
            return isAsyncFn(boundary);
        }
        return hasToken(boundary, "async");
    }

    /** Outer attributes written directly above an item ({@code #[test]}, {@code #[cfg(test)]}), nearest first. */
    public static List<Node> attributes(Node item) {
        List<Node> out = new ArrayList<>();
        Node prev = item.getPrevSibling();
        while (prev != null && !prev.isNull() && (is(prev, "attribute_item") || is(prev, "line_comment", "block_comment"))) {
            if (is(prev, "attribute_item")) {
                out.add(prev);
            }
            prev = prev.getPrevSibling();
        }
        return out;
    }

    /**
     * Whether the node is test code: inside a {@code #[test]}-like fn ({@code #[tokio::test]} too) or a
     * {@code #[cfg(test)]} module. Paths under {@code tests/} are decided by {@link ChangedFile#isTestCode}.
     */
    public static boolean inTestCode(RustTree tree, Node node) {
        Node current = node;
        while (true) {
            if (is(current, "function_item", "mod_item")) {
                for (Node attr : attributes(current)) {
                    if (dev.rustreview.analysis.crate.TestCode.isTestAttribute(tree.text(attr))) {
                        return true;
                    }
                }
            }
            Optional<Node> p = parent(current);
            if (p.isEmpty()) {
                return false;
            }
            current = p.get();
        }
    }

    /** Whether the node is inside a comment or a string literal, where nothing is ever a finding. */
    public static boolean inCommentOrString(Node node) {
        return is(node, "line_comment", "block_comment", "string_literal", "raw_string_literal", "char_literal")
                || enclosing(node, "line_comment", "block_comment", "string_literal", "raw_string_literal").isPresent();
    }
}
