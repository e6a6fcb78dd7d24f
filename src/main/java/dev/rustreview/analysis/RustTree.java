package dev.rustreview.analysis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A parsed Rust file: the mirrored syntax tree plus the text it came from. The tree is immutable once built,
 * so it may be read from any thread; derived indexes are computed once and shared. Walks are iterative, so deeply nested code cannot overflow the stack.
 */
public final class RustTree {

    private final Node root;
    private final String source;
    private final byte[] utf8;
    private final DerivedValues derived = new DerivedValues();

    RustTree(Node root, String source, byte[] utf8) {
        this.root = root;
        this.source = source;
        this.utf8 = utf8;
    }

    public Node root() {
        return root;
    }

    public String source() {
        return source;
    }

    /** A value computed once per tree and shared by every rule that asks (an index of items, lock facts). */
    public <T> T derived(Class<T> key, Function<RustTree, T> compute) {
        return derived.get(key, key, () -> compute.apply(this));
    }

    /** The source text a node spans. */
    /** At most the first {@code maxBytes} bytes of a node's text (a character cut in two is replaced). */
    public String textPrefix(Node node, int maxBytes) {
        int length = Math.min(maxBytes, node.getEndByte() - node.getStartByte());
        return new String(utf8, node.getStartByte(), Math.max(0, length), StandardCharsets.UTF_8);
    }

    public String text(Node node) {
        return new String(utf8, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
    }

    /** The source text between two byte offsets of the tree (node offsets are bytes, not {@code String} indices). */
    public String text(int fromByte, int toByte) {
        int from = Math.max(0, Math.min(fromByte, utf8.length));
        return new String(utf8, from, Math.max(0, Math.min(toByte, utf8.length) - from), StandardCharsets.UTF_8);
    }

    /** The 1-based line a node starts on. */
    public static int startLine(Node node) {
        return node.startRow() + 1;
    }

    /** The 1-based last line a node covers (a trailing newline inside the node does not count). */
    public static int endLine(Node node) {
        int row = node.endRow();
        if (node.endColumn() == 0 && row > node.startRow()) {
            row--;
        }
        return row + 1;
    }

    /** Whether the parser had to recover from syntax errors anywhere in the file. */
    public boolean hasErrors() {
        return root.hasError();
    }

    /** Lines (1-based) where error or missing nodes start, for the "analysis partial" note. */
    public List<Integer> errorLines() {
        List<Integer> lines = new ArrayList<>();
        for (Node node : preorder(root)) {
            if (node.isError() || node.isMissing()) {
                lines.add(startLine(node));
            }
        }
        return lines;
    }

    /** Every node under {@code top} (inclusive), in document order, anonymous tokens included. */
    public Iterable<Node> preorder(Node top) {
        return () -> new Preorder(top);
    }

    /** Every named node under {@code top} (inclusive) of one of {@code types}, in document order. */
    public List<Node> find(Node top, String... types) {
        List<Node> found = new ArrayList<>();
        for (Node node : preorder(top)) {
            if (node.isNamed() && Syntax.is(node, types)) {
                found.add(node);
            }
        }
        return found;
    }

    /** Depth-first walk with an explicit stack. */
    private static final class Preorder implements Iterator<Node> {
        private final Deque<Node> stack = new ArrayDeque<>();

        Preorder(Node top) {
            stack.push(top);
        }

        @Override
        public boolean hasNext() {
            return !stack.isEmpty();
        }

        @Override
        public Node next() {
            if (stack.isEmpty()) {
                throw new NoSuchElementException();
            }
            Node current = stack.pop();
            for (int i = current.getChildCount() - 1; i >= 0; i--) {
                stack.push(current.getChild(i));
            }
            return current;
        }
    }
}
