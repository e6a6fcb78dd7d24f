package dev.rustreview.analysis;

/** A tree cursor over a mirrored tree, bounded to the node it starts at (as tree-sitter's cursor is). */
public final class NodeCursor implements AutoCloseable {

    private final Node top;
    private Node current;

    public NodeCursor(Node top) {
        this.top = top;
        this.current = top;
    }

    public Node currentNode() {
        return current;
    }

    public String currentFieldName() {
        return current == top ? null : current.getFieldName();
    }

    public boolean gotoFirstChild() {
        if (current.getChildCount() == 0) {
            return false;
        }
        current = current.getChild(0);
        return true;
    }

    public boolean gotoNextSibling() {
        if (current == top) {
            return false;
        }
        Node next = current.getNextSibling();
        if (next.isNull()) {
            return false;
        }
        current = next;
        return true;
    }

    public boolean gotoParent() {
        if (current == top) {
            return false;
        }
        current = current.getParent();
        return true;
    }

    @Override
    public void close() {
        // Nothing native to release: the mirror is plain Java.
    }
}
