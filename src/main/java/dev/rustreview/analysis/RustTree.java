package dev.rustreview.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.treesitter.TSNode;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * A parsed Rust file: the syntax tree plus the text it came from. Keeps the native tree alive for as long
 * as nodes from it are in use. Walks are iterative, so deeply nested code cannot overflow the stack.
 */
public final class RustTree {

    private final TSTree tree;
    private final String source;
    private final byte[] utf8;

    RustTree(TSTree tree, String source, byte[] utf8) {
        this.tree = tree;
        this.source = source;
        this.utf8 = utf8;
    }

    public TSNode root() {
        return tree.getRootNode();
    }

    public String source() {
        return source;
    }

    /** The source text a node spans. */
    public String text(TSNode node) {
        return new String(utf8, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
    }

    /** The 1-based line a node starts on. */
    public static int startLine(TSNode node) {
        return node.getStartPoint().getRow() + 1;
    }

    /** The 1-based last line a node covers (a trailing newline inside the node does not count). */
    public static int endLine(TSNode node) {
        int row = node.getEndPoint().getRow();
        if (node.getEndPoint().getColumn() == 0 && row > node.getStartPoint().getRow()) {
            row--;
        }
        return row + 1;
    }

    /** Whether the parser had to recover from syntax errors anywhere in the file. */
    public boolean hasErrors() {
        return root().hasError();
    }

    /** Lines (1-based) where error or missing nodes start, for the "analysis partial" note. */
    public List<Integer> errorLines() {
        List<Integer> lines = new ArrayList<>();
        for (TSNode node : preorder(root())) {
            if (node.isError() || node.isMissing()) {
                lines.add(startLine(node));
            }
        }
        return lines;
    }

    /** Every node under {@code top} (inclusive), in document order, anonymous tokens included. */
    public Iterable<TSNode> preorder(TSNode top) {
        return () -> new Preorder(top);
    }

    /** Every named node under {@code top} (inclusive) of one of {@code types}, in document order. */
    public List<TSNode> find(TSNode top, String... types) {
        List<TSNode> found = new ArrayList<>();
        for (TSNode node : preorder(top)) {
            if (node.isNamed() && Syntax.is(node, types)) {
                found.add(node);
            }
        }
        return found;
    }

    /** Depth-first walk with a tree cursor: no recursion, no per-step child lists. */
    private static final class Preorder implements Iterator<TSNode> {
        private final TSTreeCursor cursor;
        private boolean done;

        Preorder(TSNode top) {
            this.cursor = new TSTreeCursor(top);
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public TSNode next() {
            if (done) {
                throw new NoSuchElementException();
            }
            TSNode current = cursor.currentNode();
            advance();
            return current;
        }

        private void advance() {
            if (cursor.gotoFirstChild()) {
                return;
            }
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) {
                    done = true;
                    return;
                }
            }
        }
    }
}
