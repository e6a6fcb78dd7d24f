package dev.rustreview.analysis;

import java.util.Arrays;

/**
 * A syntax node of a parsed Rust file, held in plain Java. tree-sitter-ng pays about a microsecond per native
 * call and makes two per getter, so rules that ask thousands of questions per file used to spend seconds
 * crossing JNI; the tree is now copied once (see {@link TreeMirror}) and every question is a field read.
 * Method names follow tree-sitter's {@code Node}, so rule code reads like the tree-sitter documentation.
 * An absent node (no parent, no such field) is {@link #NULL}, for which {@link #isNull()} is true.
 */
public final class Node {

    /** The absent node: what tree-sitter calls a null node. */
    public static final Node NULL = new Node("", -1, false, null, 0, 0, 0, 0, 0, 0, false);

    private static final Node[] NO_CHILDREN = new Node[0];

    private final String type;
    private final int symbol;
    private final boolean named;
    private final String fieldName;
    private final int startByte;
    private final int endByte;
    private final int startRow;
    private final int startColumn;
    private final int endRow;
    private final int endColumn;
    private final boolean missing;
    Node parent = NULL;
    Node[] children = NO_CHILDREN;
    int indexInParent = -1;
    boolean subtreeHasError;
    int preorder;

    Node(String type, int symbol, boolean named, String fieldName, int startByte, int endByte, int startRow,
         int startColumn, int endRow, int endColumn, boolean missing) {
        this.type = type;
        this.symbol = symbol;
        this.named = named;
        this.fieldName = fieldName;
        this.startByte = startByte;
        this.endByte = endByte;
        this.startRow = startRow;
        this.startColumn = startColumn;
        this.endRow = endRow;
        this.endColumn = endColumn;
        this.missing = missing;
    }

    public boolean isNull() {
        return this == NULL;
    }

    public String getType() {
        return type;
    }

    /** The grammar symbol id (stable for one grammar version). */
    public int getSymbol() {
        return symbol;
    }

    public boolean isNamed() {
        return named;
    }

    /** Whether the parser inserted this node to recover from an error (it has no text). */
    public boolean isMissing() {
        return missing;
    }

    /** Whether this node is an {@code ERROR} node. */
    public boolean isError() {
        return "ERROR".equals(type);
    }

    /** Whether this node or anything under it is an error or missing node. */
    public boolean hasError() {
        return subtreeHasError;
    }

    /** The field this node fills in its parent ({@code name}, {@code body}), or null. */
    public String getFieldName() {
        return fieldName;
    }

    public int getStartByte() {
        return startByte;
    }

    public int getEndByte() {
        return endByte;
    }

    public Point getStartPoint() {
        return new Point(startRow, startColumn);
    }

    public Point getEndPoint() {
        return new Point(endRow, endColumn);
    }

    int startRow() {
        return startRow;
    }

    int endRow() {
        return endRow;
    }

    int endColumn() {
        return endColumn;
    }

    public Node getParent() {
        return parent;
    }

    public int getChildCount() {
        return children.length;
    }

    public Node getChild(int index) {
        return index >= 0 && index < children.length ? children[index] : NULL;
    }

    public int getNamedChildCount() {
        int n = 0;
        for (Node child : children) {
            if (child.named) {
                n++;
            }
        }
        return n;
    }

    public Node getNamedChild(int index) {
        int n = 0;
        for (Node child : children) {
            if (child.named && n++ == index) {
                return child;
            }
        }
        return NULL;
    }

    /** The first child filling field {@code name}, or {@link #NULL}. */
    public Node getChildByFieldName(String name) {
        for (Node child : children) {
            if (name.equals(child.fieldName)) {
                return child;
            }
        }
        return NULL;
    }

    public String getFieldNameForChild(int index) {
        return getChild(index).fieldName;
    }

    public Node getNextSibling() {
        return parent.getChild(indexInParent + 1);
    }

    public Node getPrevSibling() {
        return indexInParent <= 0 ? NULL : parent.getChild(indexInParent - 1);
    }

    public Node getNextNamedSibling() {
        for (int i = indexInParent + 1; i < parent.children.length; i++) {
            if (parent.children[i].named) {
                return parent.children[i];
            }
        }
        return NULL;
    }

    public Node getPrevNamedSibling() {
        for (int i = indexInParent - 1; i >= 0; i--) {
            if (parent.children[i].named) {
                return parent.children[i];
            }
        }
        return NULL;
    }

    /** The child of this node that is {@code descendant} or contains it, or {@link #NULL}. */
    public Node getChildWithDescendant(Node descendant) {
        Node current = descendant;
        while (!current.isNull() && current.parent != this) {
            current = current.parent;
        }
        return current.isNull() ? NULL : current;
    }

    /** The smallest named node under this one that spans {@code [start, end)} bytes, or this node. */
    public Node getNamedDescendantForByteRange(int start, int end) {
        Node current = this;
        boolean descended = true;
        while (descended) {
            Node child = current.childCovering(start);
            descended = !child.isNull() && end <= child.endByte && (child.named || child.children.length > 0);
            if (descended) {
                current = child;
            }
        }
        while (!current.named && !current.parent.isNull()) {
            current = current.parent;
        }
        return current;
    }

    /**
     * The child whose bytes include {@code offset}, or {@link #NULL}. Siblings are in order and do not overlap, so
     * the last child starting at or before the offset is the only candidate (an empty one covers nothing, and the
     * sibling before it ends at or before it): a binary search,
     * because a fuzzed 900 KB macro gave one token tree 400,000 children and a linear scan per line took 40 s.
     */
    Node childCovering(int offset) {
        int lo = 0;
        int hi = children.length - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (children[mid].startByte <= offset) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && offset < children[last].endByte ? children[last] : NULL;
    }

    /** Whether {@code other} is this node or lies under it. */
    public boolean contains(Node other) {
        return other.startByte >= startByte && other.endByte <= endByte && isAncestorOrSelf(other);
    }

    private boolean isAncestorOrSelf(Node other) {
        for (Node n = other; !n.isNull(); n = n.parent) {
            if (n == this) {
                return true;
            }
        }
        return false;
    }

    /** The node's position in a preorder walk of its tree: a cheap document-order key. */
    public int preorderIndex() {
        return preorder;
    }

    /** Identity comparison, as tree-sitter's {@code ts_node_eq}. */
    public static boolean eq(Node a, Node b) {
        return a == b;
    }

    /** The S-expression of the named nodes, as tree-sitter prints it (for debugging and tests). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        TreeMirror.sexp(this, null, sb);
        return sb.toString();
    }

    Node[] childrenArray() {
        return Arrays.copyOf(children, children.length);
    }
}
