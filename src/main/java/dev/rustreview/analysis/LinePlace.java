package dev.rustreview.analysis;

import java.util.List;
import java.util.Optional;

/**
 * Where a source line sits in the tree, computed once per line by one top-down descent (see
 * {@link Syntax#pathFrom}), with node types read once, so that the categorizer's many questions about
 * ancestors cost no further native calls.
 */
final class LinePlace {

    private final Node node;
    private final List<Node> path;
    private final List<String> pathTypes;
    private final Node item;
    private final List<Node> itemPath;
    private final List<String> itemTypes;

    /**
     * @param node     the smallest named node at the line's first non-blank character
     * @param path     the root down to {@code node}
     * @param item     the node that decides what the line belongs to: for an attribute or comment directly
     *                 above an item, that item; otherwise {@code node}
     * @param itemPath the root down to {@code item}
     */
    LinePlace(Node node, List<Node> path, Node item, List<Node> itemPath) {
        this.node = node;
        this.path = List.copyOf(path);
        this.pathTypes = path.stream().map(Node::getType).toList();
        this.item = item;
        this.itemPath = List.copyOf(itemPath);
        this.itemTypes = item.equals(node) ? pathTypes : itemPath.stream().map(Node::getType).toList();
    }

    Node node() {
        return node;
    }

    List<Node> path() {
        return path;
    }

    Node item() {
        return item;
    }

    List<Node> itemPath() {
        return itemPath;
    }

    /** The type of the i-th node of {@link #itemPath()}. */
    String itemType(int i) {
        return itemTypes.get(i);
    }

    /** The innermost node of one of {@code types} on the item's path, {@code item} included. */
    Optional<Node> innermost(String... types) {
        return innermost(itemPath, itemTypes, types);
    }

    /** The innermost node of one of {@code types} on the line node's own path, {@code node} included. */
    Optional<Node> innermostAtNode(String... types) {
        return innermost(path, pathTypes, types);
    }

    /** Whether the node's own path (not the item's) holds an error node. */
    boolean pathHasError() {
        return pathTypes.contains("ERROR");
    }

    private static Optional<Node> innermost(List<Node> nodes, List<String> nodeTypes, String... types) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            String t = nodeTypes.get(i);
            for (String wanted : types) {
                if (wanted.equals(t)) {
                    return Optional.of(nodes.get(i));
                }
            }
        }
        return Optional.empty();
    }
}
