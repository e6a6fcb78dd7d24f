package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * Upward navigation for one tree through a parent index built by a single cursor walk. tree-sitter computes
 * {@code getParent()} by descending from the root, which is slow in wide nodes (an impl with hundreds of fns),
 * so the rules never call it in loops.
 */
final class Nav {

    private static final Set<String> LOOPS = Set.of("loop_expression", "while_expression", "for_expression");

    private final RustTree tree;
    private final List<TSNode> order = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final BitSet named = new BitSet();
    private final Map<TSNode, Integer> index = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private int[] parent = new int[1024];
    private int[] end = new int[1024];
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private int[] lastChild = new int[1024];

    /** Walks the whole tree once, recording each node's type, field, parent, children and subtree extent. */
    Nav(RustTree tree) {
        this.tree = tree;
        TSNode root = tree.root();
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            Deque<Integer> stack = new ArrayDeque<>();
            int current = add(root, -1, null);
            while (true) {
                if (cursor.gotoFirstChild()) {
                    stack.push(current);
                    current = add(cursor.currentNode(), current, cursor.currentFieldName());
                    continue;
                }
                end[current] = order.size();
                while (!cursor.gotoNextSibling()) {
                    if (!cursor.gotoParent() || stack.isEmpty()) {
                        return;
                    }
                    current = stack.pop();
                    end[current] = order.size();
                }
                current = add(cursor.currentNode(), stack.isEmpty() ? -1 : stack.peek(), cursor.currentFieldName());
            }
        }
    }

    private int add(TSNode node, int parentIndex, String field) {
        int i = order.size();
        if (i == parent.length) {
            parent = Arrays.copyOf(parent, i * 2);
            end = Arrays.copyOf(end, i * 2);
            firstChild = Arrays.copyOf(firstChild, i * 2);
            nextSibling = Arrays.copyOf(nextSibling, i * 2);
            lastChild = Arrays.copyOf(lastChild, i * 2);
        }
        order.add(node);
        types.add(canonical(node.getType()));
        fields.add(field == null ? null : canonical(field));
        named.set(i, node.isNamed());
        index.put(node, i);
        parent[i] = parentIndex;
        end[i] = i + 1;
        firstChild[i] = -1;
        nextSibling[i] = -1;
        lastChild[i] = -1;
        if (parentIndex >= 0) {
            if (lastChild[parentIndex] < 0) {
                firstChild[parentIndex] = i;
            } else {
                nextSibling[lastChild[parentIndex]] = i;
            }
            lastChild[parentIndex] = i;
        }
        return i;
    }

    /** One shared instance per distinct type or field name (a file has a few hundred, not one per node). */
    private String canonical(String name) {
        String known = names.putIfAbsent(name, name);
        return known == null ? name : known;
    }

    /** The node's type, from the index (no native call). */
    String type(TSNode node) {
        Integer i = index.get(node);
        return i == null ? node.getType() : types.get(i);
    }

    /** Whether the node's type is one of {@code wanted}. */
    boolean is(TSNode node, String... wanted) {
        String type = type(node);
        for (String w : wanted) {
            if (w.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The node's field child, or empty, as {@link Syntax#field}. */
    Optional<TSNode> field(TSNode node, String name) {
        Integer i = index.get(node);
        if (i == null) {
            return Syntax.field(node, name);
        }
        for (int c = firstChild[i]; c >= 0; c = nextSibling[c]) {
            if (name.equals(fields.get(c))) {
                return Optional.of(order.get(c));
            }
        }
        return Optional.empty();
    }

    /** All children, anonymous tokens included. */
    List<TSNode> children(TSNode node) {
        Integer i = index.get(node);
        if (i == null) {
            return Syntax.children(node);
        }
        List<TSNode> out = new ArrayList<>();
        for (int c = firstChild[i]; c >= 0; c = nextSibling[c]) {
            out.add(order.get(c));
        }
        return out;
    }

    /** The named children. */
    List<TSNode> namedChildren(TSNode node) {
        Integer i = index.get(node);
        if (i == null) {
            return Syntax.namedChildren(node);
        }
        List<TSNode> out = new ArrayList<>();
        for (int c = firstChild[i]; c >= 0; c = nextSibling[c]) {
            if (named.get(c)) {
                out.add(order.get(c));
            }
        }
        return out;
    }

    /** Whether an unnamed child token such as {@code async} is directly under the node. */
    boolean hasToken(TSNode node, String token) {
        for (TSNode child : children(node)) {
            if (token.equals(type(child))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a fn item's modifiers hold {@code async}. */
    boolean isAsyncFn(TSNode fn) {
        for (TSNode child : children(fn)) {
            if (is(child, "function_modifiers") && hasToken(child, "async")) {
                return true;
            }
        }
        return false;
    }

    /** Outer attributes directly above an item, nearest first, as {@link Syntax#attributes}. */
    List<TSNode> attributes(TSNode item) {
        List<TSNode> out = new ArrayList<>();
        Optional<TSNode> p = parent(item);
        if (p.isEmpty()) {
            return out;
        }
        List<TSNode> siblings = children(p.get());
        int at = siblings.indexOf(item);
        for (int k = at - 1; k >= 0; k--) {
            TSNode prev = siblings.get(k);
            if (is(prev, "attribute_item")) {
                out.add(prev);
            } else if (!is(prev, "line_comment", "block_comment")) {
                break;
            }
        }
        return out;
    }

    /** Every named node under {@code top} (inclusive) of one of {@code wanted}, in document order. */
    List<TSNode> find(TSNode top, String... wanted) {
        Integer start = index.get(top);
        if (start == null) {
            return tree.find(top, wanted);
        }
        List<TSNode> out = new ArrayList<>();
        for (int i = start; i < end[start]; i++) {
            if (named.get(i)) {
                String type = types.get(i);
                for (String w : wanted) {
                    if (w.equals(type)) {
                        out.add(order.get(i));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private TSNode parentOf(TSNode node) {
        Integer i = index.get(node);
        if (i == null) {
            TSNode p = node.getParent();
            return p == null || p.isNull() ? null : p;
        }
        return parent[i] < 0 ? null : order.get(parent[i]);
    }

    RustTree tree() {
        return tree;
    }

    Optional<TSNode> parent(TSNode node) {
        return Optional.ofNullable(parentOf(node));
    }

    /** Ancestors from the parent up to the root. */
    List<TSNode> ancestors(TSNode node) {
        List<TSNode> out = new ArrayList<>();
        TSNode p = parentOf(node);
        while (p != null) {
            out.add(p);
            p = parentOf(p);
        }
        return out;
    }

    /** The nearest ancestor (exclusive) of one of {@code types}. */
    Optional<TSNode> enclosing(TSNode node, String... types) {
        TSNode p = parentOf(node);
        while (p != null) {
            if (is(p, types)) {
                return Optional.of(p);
            }
            p = parentOf(p);
        }
        return Optional.empty();
    }

    /** The nearest enclosing fn item (exclusive). */
    Optional<TSNode> enclosingFn(TSNode node) {
        return enclosing(node, "function_item");
    }

    /** The nearest enclosing fn item, closure or async block, as {@link Syntax#asyncBoundary}. */
    Optional<TSNode> asyncBoundary(TSNode node) {
        return enclosing(node, "function_item", "closure_expression", "async_block");
    }

    /** As {@link Syntax#inAsyncContext}: the nearest boundary is an async fn, async block or async closure. */
    boolean inAsyncContext(TSNode node) {
        Optional<TSNode> b = asyncBoundary(node);
        if (b.isEmpty()) {
            return false;
        }
        TSNode boundary = b.get();
        if (is(boundary, "async_block")) {
            return true;
        }
        return is(boundary, "function_item") ? isAsyncFn(boundary) : hasToken(boundary, "async");
    }

    /** Whether the node is inside a comment or a string literal. */
    boolean inCommentOrString(TSNode node) {
        return is(node, "line_comment", "block_comment", "string_literal", "raw_string_literal", "char_literal")
                || enclosing(node, "line_comment", "block_comment", "string_literal", "raw_string_literal").isPresent();
    }

    /** Whether a loop encloses {@code node} within its fn (closures count as part of the fn). */
    boolean inLoop(TSNode node) {
        TSNode p = parentOf(node);
        while (p != null && !is(p, "function_item")) {
            if (LOOPS.contains(type(p))) {
                return true;
            }
            p = parentOf(p);
        }
        return false;
    }

    /** The nearest loop around {@code node} within its async boundary (fn, closure or async block). */
    Optional<TSNode> loopInBoundary(TSNode node) {
        TSNode p = parentOf(node);
        while (p != null && !is(p, "function_item", "closure_expression", "async_block")) {
            if (LOOPS.contains(type(p))) {
                return Optional.of(p);
            }
            p = parentOf(p);
        }
        return Optional.empty();
    }

    /** Named nodes of {@code types} in the tree that are code (never comments or strings). */
    List<TSNode> code(String... types) {
        List<TSNode> out = new ArrayList<>();
        for (TSNode n : find(tree.root(), types)) {
            if (!inCommentOrString(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Whether a node is test code: a test path, or inside a fn or module with a test attribute (including
     * forms with arguments such as {@code #[tokio::test(flavor = "multi_thread")]}).
     */
    boolean isTestCode(ChangedFile file, TSNode node) {
        if (file.isTestPath()) {
            return true;
        }
        for (TSNode a : ancestors(node)) {
            if (is(a, "function_item", "mod_item") && RuleSupport.isTestFunction(this, a)) {
                return true;
            }
        }
        return false;
    }
}
