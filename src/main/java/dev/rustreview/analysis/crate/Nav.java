package dev.rustreview.analysis.crate;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.NodeCursor;
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

/**
 * Upward navigation for one tree through a parent index built by a single cursor walk. tree-sitter computes
 * {@code getParent()} by descending from the root, which is slow in wide nodes (an impl with hundreds of fns),
 * so the rules never call it in loops.
 */
public final class Nav {

    private static final Set<String> LOOPS = Set.of("loop_expression", "while_expression", "for_expression");

    private final RustTree tree;
    private final List<Node> order = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final BitSet named = new BitSet();
    private final Map<Node, Integer> index = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private static final int UNKNOWN = -2;
    private static final int NONE = -1;
    private static final String[] FN = {"function_item"};
    private static final String[] BOUNDARY = {"function_item", "closure_expression", "async_block"};
    /** For each node, its nearest enclosing fn item's index (exclusive of the node), NONE, or UNKNOWN yet. */
    private int[] fnOf;
    /** The same for the nearest fn item, closure or async block. */
    private int[] boundaryOf;
    /** Per node: 0 not asked yet, 1 in test code, 2 not (see {@link #inTest}). */
    private byte[] testOf;
    private int[] parent = new int[1024];
    private int[] end = new int[1024];
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private int[] lastChild = new int[1024];
    private int[] previousSibling = new int[1024];
    /** Levels below the root: lets "within N levels of" be answered without walking up. */
    private int[] depth = new int[1024];

    /** Walks the whole tree once, recording each node's type, field, parent, children and subtree extent. */
    public Nav(RustTree tree) {
        this.tree = tree;
        Node root = tree.root();
        try (NodeCursor cursor = new NodeCursor(root)) {
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

    private int add(Node node, int parentIndex, String field) {
        int i = order.size();
        if (i == parent.length) {
            parent = Arrays.copyOf(parent, i * 2);
            end = Arrays.copyOf(end, i * 2);
            firstChild = Arrays.copyOf(firstChild, i * 2);
            nextSibling = Arrays.copyOf(nextSibling, i * 2);
            lastChild = Arrays.copyOf(lastChild, i * 2);
            previousSibling = Arrays.copyOf(previousSibling, i * 2);
            depth = Arrays.copyOf(depth, i * 2);
        }
        order.add(node);
        types.add(canonical(node.getType()));
        fields.add(field == null ? null : canonical(field));
        named.set(i, node.isNamed());
        index.put(node, i);
        parent[i] = parentIndex;
        depth[i] = parentIndex < 0 ? 0 : depth[parentIndex] + 1;
        end[i] = i + 1;
        firstChild[i] = -1;
        nextSibling[i] = -1;
        lastChild[i] = -1;
        previousSibling[i] = -1;
        if (parentIndex >= 0) {
            if (lastChild[parentIndex] < 0) {
                firstChild[parentIndex] = i;
            } else {
                nextSibling[lastChild[parentIndex]] = i;
                previousSibling[i] = lastChild[parentIndex];
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
    public String type(Node node) {
        Integer i = index.get(node);
        return i == null ? node.getType() : types.get(i);
    }

    /** Whether the node's type is one of {@code wanted}. */
    public boolean is(Node node, String... wanted) {
        String type = type(node);
        for (String w : wanted) {
            if (w.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The node's field child, or empty, as {@link Syntax#field}. */
    public Optional<Node> field(Node node, String name) {
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
    public List<Node> children(Node node) {
        Integer i = index.get(node);
        if (i == null) {
            return Syntax.children(node);
        }
        List<Node> out = new ArrayList<>();
        for (int c = firstChild[i]; c >= 0; c = nextSibling[c]) {
            out.add(order.get(c));
        }
        return out;
    }

    /** The named children. */
    public List<Node> namedChildren(Node node) {
        Integer i = index.get(node);
        if (i == null) {
            return Syntax.namedChildren(node);
        }
        List<Node> out = new ArrayList<>();
        for (int c = firstChild[i]; c >= 0; c = nextSibling[c]) {
            if (named.get(c)) {
                out.add(order.get(c));
            }
        }
        return out;
    }

    /** Whether an unnamed child token such as {@code async} is directly under the node. */
    public boolean hasToken(Node node, String token) {
        for (Node child : children(node)) {
            if (token.equals(type(child))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a fn item's modifiers hold {@code async}. */
    public boolean isAsyncFn(Node fn) {
        for (Node child : children(fn)) {
            if (is(child, "function_modifiers") && hasToken(child, "async")) {
                return true;
            }
        }
        return false;
    }

    /** Outer attributes directly above an item, nearest first, as {@link Syntax#attributes}. */
    public List<Node> attributes(Node item) {
        List<Node> out = new ArrayList<>();
        Integer i = index.get(item);
        if (i != null) {
            // Walk back from the item: listing the parent's children and searching them was quadratic in a file of
            // 20,000 fns, asked once per fn by the rules that skip test fns.
            for (int k = previousSibling[i]; k >= 0; k = previousSibling[k]) {
                Node prev = order.get(k);
                if (is(prev, "attribute_item")) {
                    out.add(prev);
                } else if (!is(prev, "line_comment", "block_comment")) {
                    break;
                }
            }
            return out;
        }
        Optional<Node> p = parent(item);
        if (p.isEmpty()) {
            return out;
        }
        List<Node> siblings = children(p.get());
        int at = siblings.indexOf(item);
        for (int k = at - 1; k >= 0; k--) {
            Node prev = siblings.get(k);
            if (is(prev, "attribute_item")) {
                out.add(prev);
            } else if (!is(prev, "line_comment", "block_comment")) {
                break;
            }
        }
        return out;
    }

    /**
     * Every named node under {@code top} (inclusive) of one of {@code wanted}, in document order; under a fn item,
     * not inside the fn items nested in it ({@link #findInFn}).
     */
    public List<Node> find(Node top, String... wanted) {
        Integer start = index.get(top);
        if (start == null) {
            return tree.find(top, wanted);
        }
        if (types.get(start).equals("function_item")) {
            return findInFn(top, wanted); // a fn's nodes are its own body's: a nested fn item is another fn
        }
        List<Node> out = new ArrayList<>();
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

    /**
     * As {@link #find}, without descending into fn items nested in {@code fn}: the nodes of the fn's own body
     * (closures and async blocks included). For callers that keep only nodes whose enclosing fn is {@code fn} the
     * result is the same, but a nest of thousands of fns is no longer scanned once per fn (quadratic).
     */
    public List<Node> findInFn(Node fn, String... wanted) {
        Integer start = index.get(fn);
        if (start == null) {
            return find(fn, wanted);
        }
        List<Node> out = new ArrayList<>();
        int i = start;
        while (i < end[start]) {
            if (named.get(i)) {
                String type = types.get(i);
                if (i != start && type.equals("function_item")) {
                    i = end[i];
                    continue;
                }
                for (String w : wanted) {
                    if (w.equals(type)) {
                        out.add(order.get(i));
                        break;
                    }
                }
            }
            i++;
        }
        return out;
    }

    private Node parentOf(Node node) {
        Integer i = index.get(node);
        if (i == null) {
            Node p = node.getParent();
            return p == null || p.isNull() ? null : p;
        }
        return parent[i] < 0 ? null : order.get(parent[i]);
    }

    public RustTree tree() {
        return tree;
    }

    public Optional<Node> parent(Node node) {
        return Optional.ofNullable(parentOf(node));
    }

    /** How many levels below the root {@code node} is (0 for the root, or for a node of another tree). */
    public int depth(Node node) {
        Integer i = index.get(node);
        return i == null ? 0 : depth[i];
    }

    /** Ancestors from the parent up to the root. */
    public List<Node> ancestors(Node node) {
        List<Node> out = new ArrayList<>();
        Node p = parentOf(node);
        while (p != null) {
            out.add(p);
            p = parentOf(p);
        }
        return out;
    }

    /** The nearest ancestor (exclusive) of one of {@code types}. */
    public Optional<Node> enclosing(Node node, String... types) {
        Node p = parentOf(node);
        while (p != null) {
            if (is(p, types)) {
                return Optional.of(p);
            }
            p = parentOf(p);
        }
        return Optional.empty();
    }

    /** The nearest enclosing fn item (exclusive). */
    public Optional<Node> enclosingFn(Node node) {
        if (fnOf == null) {
            fnOf = unknown();
        }
        return nearest(node, FN, fnOf);
    }

    /** The nearest enclosing fn item, closure or async block, as {@link Syntax#asyncBoundary}. */
    public Optional<Node> asyncBoundary(Node node) {
        if (boundaryOf == null) {
            boundaryOf = unknown();
        }
        return nearest(node, BOUNDARY, boundaryOf);
    }

    private int[] unknown() {
        int[] memo = new int[order.size()];
        Arrays.fill(memo, UNKNOWN);
        return memo;
    }

    /**
     * The nearest ancestor (exclusive) of one of {@code types}, remembered per node in {@code memo} for the whole
     * path walked: rules ask this of every call, and walking up each time was quadratic in a generated chain or
     * nest thousands of levels deep.
     */
    private Optional<Node> nearest(Node node, String[] types, int[] memo) {
        Integer i = index.get(node);
        if (i == null) {
            return enclosing(node, types);
        }
        List<Integer> path = new ArrayList<>();
        int p = parent[i];
        int found = NONE;
        while (p >= 0) {
            if (Arrays.asList(types).contains(this.types.get(p))) {
                found = p;
                break;
            }
            if (memo[p] != UNKNOWN) {
                found = memo[p];
                break;
            }
            path.add(p);
            p = parent[p];
        }
        for (int k : path) {
            memo[k] = found;  // none of them is of the types, so the nearest one above each is the one found
        }
        return found == NONE ? Optional.empty() : Optional.of(order.get(found));
    }

    /** As {@link Syntax#inAsyncContext}: the nearest boundary is an async fn, async block or async closure. */
    public boolean inAsyncContext(Node node) {
        Optional<Node> b = asyncBoundary(node);
        if (b.isEmpty()) {
            return false;
        }
        Node boundary = b.get();
        if (is(boundary, "async_block")) {
            return true;
        }
        return is(boundary, "function_item") ? isAsyncFn(boundary) : hasToken(boundary, "async");
    }

    /** Whether the node is inside a comment or a string literal. */
    public boolean inCommentOrString(Node node) {
        if (is(node, "line_comment", "block_comment", "string_literal", "raw_string_literal", "char_literal")) {
            return true;
        }
        // Comments and literals hold only shallow children (content, escapes, doc markers): looking a few levels
        // up is enough, and keeps this constant-time in a 10,000-deep tree, where a walk to the root per node
        // made every rule asking for code() quadratic.
        Node p = parentOf(node);
        for (int up = 0; up < 3 && p != null; up++, p = parentOf(p)) {
            if (is(p, "line_comment", "block_comment", "string_literal", "raw_string_literal")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a loop encloses {@code node} within its fn (closures count as part of the fn). */
    public boolean inLoop(Node node) {
        Node p = parentOf(node);
        while (p != null && !is(p, "function_item")) {
            if (LOOPS.contains(type(p))) {
                return true;
            }
            p = parentOf(p);
        }
        return false;
    }

    /** The nearest loop around {@code node} within its async boundary (fn, closure or async block). */
    public Optional<Node> loopInBoundary(Node node) {
        Node p = parentOf(node);
        while (p != null && !is(p, "function_item", "closure_expression", "async_block")) {
            if (LOOPS.contains(type(p))) {
                return Optional.of(p);
            }
            p = parentOf(p);
        }
        return Optional.empty();
    }

    /** Named nodes of {@code types} in the tree that are code (never comments or strings). */
    public List<Node> code(String... types) {
        List<Node> out = new ArrayList<>();
        for (Node n : find(tree.root(), types)) {
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
    public boolean isTestCode(ChangedFile file, Node node) {
        if (file.isTestPath()) {
            return true;
        }
        Integer i = index.get(node);
        if (i == null) {
            if (is(node, "function_item", "mod_item") && Exprs.isTestFunction(this, node)) {
                return true;
            }
            for (Node a : ancestors(node)) {
                if (is(a, "function_item", "mod_item") && Exprs.isTestFunction(this, a)) {
                    return true;
                }
            }
            return false;
        }
        return inTest(i);
    }

    /**
     * Whether node {@code i} is, or is inside, a test fn or module, remembered per node for the whole path walked:
     * every rule asks this of many nodes, and walking to the root each time was quadratic in a nest of thousands
     * of impls and fns (found by the fuzz harness).
     */
    private boolean inTest(int i) {
        if (testOf == null) {
            testOf = new byte[order.size()];
        }
        List<Integer> path = new ArrayList<>();
        int p = i;
        boolean known = false;
        while (p >= 0) {
            if (testOf[p] != 0) {
                known = testOf[p] == 1;
                break;
            }
            path.add(p);
            p = parent[p];
        }
        for (int k = path.size() - 1; k >= 0; k--) {
            int n = path.get(k);
            if (!known && is(order.get(n), "function_item", "mod_item") && Exprs.isTestFunction(this, order.get(n))) {
                known = true;
            }
            testOf[n] = (byte) (known ? 1 : 2);
        }
        return testOf[i] == 1;
    }
}
