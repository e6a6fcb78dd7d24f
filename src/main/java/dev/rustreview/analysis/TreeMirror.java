package dev.rustreview.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Copies a native tree-sitter tree into {@link Node}s in one cursor walk: about six native calls per node,
 * with rows and columns computed from the source's line starts instead of asked for. Extends {@code TSParser}
 * only to reach its protected static natives (the public getters pay an extra null check each); it is never
 * instantiated.
 */
final class TreeMirror extends TSParser {

    private TreeMirror() {
        throw new AssertionError("never instantiated");
    }

    private record Frame(Node node, List<Node> kids, int depth) {
    }

    /** Every node below a container is mirrored. */
    static final int WHOLE = Integer.MAX_VALUE;

    /**
     * How deep an item outline goes below a container (the file, an impl's or a module's declaration list): the
     * item, its own children (name, body, type, attributes) and theirs (a macro invocation's name inside an
     * expression statement). Mirroring is most of a parse's cost, and the outline needs none of the bodies.
     */
    static final int OUTLINE = 3;

    /** The mirrored root of {@code tree}; the native tree can be closed afterwards. */
    static Node build(TSTree tree, byte[] utf8, SymbolTable symbols) {
        return build(tree, utf8, symbols, WHOLE);
    }

    /**
     * As {@link #build(TSTree, byte[], SymbolTable)}, but nodes more than {@code depth} levels below the nearest
     * {@code source_file} or {@code declaration_list} are left out (their parent keeps its own range and type).
     */
    static Node build(TSTree tree, byte[] utf8, SymbolTable symbols, int depth) {
        int[] lineStarts = lineStarts(utf8);
        TSNode nativeRoot = tree.getRootNode();
        int[] counter = {0};
        Node root = make(nativeRoot, 0, symbols, lineStarts, counter);
        long cursor = ts_tree_cursor_new(nativeRoot);
        try {
            Deque<Frame> open = new ArrayDeque<>();
            open.push(new Frame(root, new ArrayList<>(), 0));
            if (!ts_tree_cursor_goto_first_child(cursor)) {
                finish(open.pop());
                return root;
            }
            while (true) {
                Frame top = open.peek();
                Node node = make(ts_tree_cursor_current_node(cursor), ts_tree_cursor_current_field_id(cursor), symbols,
                        lineStarts, counter);
                node.parent = top.node();
                node.indexInParent = top.kids().size();
                top.kids().add(node);
                int below = "declaration_list".equals(node.getType()) ? 0 : top.depth() + 1;
                if (below < depth && ts_tree_cursor_goto_first_child(cursor)) {
                    open.push(new Frame(node, new ArrayList<>(), below));
                    continue;
                }
                node.subtreeHasError = node.isError() || node.isMissing();
                while (!ts_tree_cursor_goto_next_sibling(cursor)) {
                    ts_tree_cursor_goto_parent(cursor);
                    finish(open.pop());
                    if (open.isEmpty()) {
                        return root;
                    }
                }
            }
        } finally {
            ts_tree_cursor_delete(cursor);
        }
    }

    private static Node make(TSNode n, int fieldId, SymbolTable symbols, int[] lineStarts, int[] counter) {
        int symbol = ts_node_symbol(n);
        int start = ts_node_start_byte(n);
        int end = ts_node_end_byte(n);
        // Only zero-width nodes can be missing: skip the native call for every other node.
        boolean missing = start == end && ts_node_is_missing(n);
        int startRow = row(lineStarts, start);
        int endRow = row(lineStarts, end);
        Node node = new Node(symbols.name(symbol), symbol, symbols.named(symbol), symbols.field(fieldId), start, end,
                startRow, start - lineStarts[startRow], endRow, end - lineStarts[endRow], missing);
        node.preorder = counter[0]++;
        return node;
    }

    private static void finish(Frame frame) {
        Node node = frame.node();
        node.children = frame.kids().toArray(Node[]::new);
        boolean error = node.isError() || node.isMissing();
        for (Node kid : node.children) {
            error |= kid.subtreeHasError;
        }
        node.subtreeHasError = error;
    }

    static int[] lineStarts(byte[] utf8) {
        int lines = 1;
        for (byte b : utf8) {
            if (b == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int line = 1;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    static int row(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** tree-sitter's S-expression: named nodes only, with their field names. */
    static void sexp(Node node, String field, StringBuilder out) {
        if (field != null) {
            out.append(field).append(": ");
        }
        if (node.isMissing()) {
            out.append("(MISSING ").append(node.isNamed() ? node.getType() : '"' + node.getType() + '"').append(')');
            return;
        }
        out.append('(').append(node.getType());
        for (Node child : node.children) {
            if (child.isNamed() || child.isMissing()) {
                out.append(' ');
                sexp(child, child.getFieldName(), out);
            }
        }
        out.append(')');
    }
}
