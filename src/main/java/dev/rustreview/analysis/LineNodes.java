package dev.rustreview.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the syntax node a source line starts with: the smallest named node covering the line's first
 * non-blank character. Line starts are indexed once, so lookups are cheap for every line of a hunk.
 */
final class LineNodes {

    private final RustTree tree;
    private final String[] lines;
    private final int[] lineStartBytes;
    private Set<Integer> errorLines;
    private final Map<Integer, Optional<LinePlace>> places = new HashMap<>();
    private final Map<Node, Boolean> testItems = new HashMap<>();
    private final Map<Node, HunkSyntax.Item> items = new HashMap<>();
    private final Map<String, Map<Node, Boolean>> flags = new HashMap<>();
    /** Bounded paths of the nodes on paths deeper than twice {@link #PATH_ENDS} (see {@link #pathOf}). */
    private final Map<Node, List<Node>> deepPaths = new HashMap<>();
    /** The node the last lookup found: the next line's node is usually below one of its ancestors. */
    private Node finger;

    LineNodes(RustTree tree) {
        this.tree = tree;
        this.lines = tree.source().split("\n", -1);
        this.lineStartBytes = new int[lines.length + 1];
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            lineStartBytes[i] = offset;
            offset += lines[i].getBytes(StandardCharsets.UTF_8).length + 1;
        }
        lineStartBytes[lines.length] = offset;
    }

    RustTree tree() {
        return tree;
    }

    /** The text of a 1-based line without its terminator, or "" past the end. */
    String text(int line) {
        if (line < 1 || line > lines.length) {
            return "";
        }
        String s = lines[line - 1];
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether an error or missing node (parser recovery) starts on the line. */
    boolean hasErrorOn(int line) {
        if (errorLines == null) {
            errorLines = tree.hasErrors() ? new HashSet<>(tree.errorLines()) : Set.of();
        }
        return errorLines.contains(line);
    }

    /** Where the line sits (memoised), or empty for a blank or missing line. */
    Optional<LinePlace> place(int line) {
        return places.computeIfAbsent(line, l -> at(l).map(this::placeOf));
    }

    /** Ancestors kept at each end of a line's path; real Rust nests a few dozen levels, a fuzzed file thousands. */
    static final int PATH_ENDS = 128;

    private LinePlace placeOf(Node node) {
        List<Node> path = pathOf(node);
        // An attribute or comment line directly above an item belongs to that item.
        for (int i = path.size() - 1; i >= 0; i--) {
            Node top = path.get(i);
            if (!Syntax.is(top, "attribute_item", "line_comment", "block_comment")) {
                continue;
            }
            Node next = top.getNextNamedSibling();
            while (next != null && !next.isNull() && Syntax.is(next, "attribute_item", "line_comment", "block_comment")) {
                next = next.getNextNamedSibling();
            }
            if (next != null && !next.isNull() && HunkSyntaxReader.isItem(next)) {
                List<Node> itemPath = new ArrayList<>(path.subList(0, i));
                itemPath.add(next);
                return new LinePlace(node, path, next, itemPath);
            }
            break;
        }
        return new LinePlace(node, path, node, path);
    }

    /**
     * The root down to the node, with its middle left out when it is deeper than twice {@link #PATH_ENDS}: the
     * items a line belongs to sit near the root and the construct it is in near the line. For such deep paths each
     * node's bounded path is kept, so that the next line stops at the first ancestor already seen: ten thousand
     * lines nested ten thousand deep (a fuzzed run of {@code ?} lines) each copied and walked every ancestor, 8 s.
     */
    List<Node> pathOf(Node node) {
        List<Node> chain = new ArrayList<>();
        List<Node> known = null;
        for (Node current = node; current != null && !current.isNull(); current = current.getParent()) {
            known = deepPaths.get(current);
            if (known != null) {
                break;
            }
            chain.add(current);
            if (current.equals(tree.root())) {
                break;
            }
        }
        if (known == null && chain.size() <= 2 * PATH_ENDS) {
            java.util.Collections.reverse(chain);
            return chain;
        }
        List<Node> path = known == null ? List.of() : known;
        for (int i = chain.size() - 1; i >= 0; i--) {
            path = extended(path, chain.get(i));
            deepPaths.put(chain.get(i), path);
        }
        return path;
    }

    private static List<Node> extended(List<Node> path, Node child) {
        List<Node> out = new ArrayList<>(Math.min(path.size() + 1, 2 * PATH_ENDS));
        if (path.size() < 2 * PATH_ENDS) {
            out.addAll(path);
        } else {
            out.addAll(path.subList(0, PATH_ENDS));
            out.addAll(path.subList(path.size() - PATH_ENDS + 1, path.size()));
        }
        out.add(child);
        return out;
    }

    /** A yes/no property of a node ("async", "unsafe"), computed once. */
    boolean flag(Node node, String name, java.util.function.Predicate<Node> test) {
        return flags.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(node, test::test);
    }

    /** The enclosing-item description of a node, built once. */
    HunkSyntax.Item item(Node node, java.util.function.Function<Node, HunkSyntax.Item> build) {
        return items.computeIfAbsent(node, build);
    }

    /** Whether the line is inside a test fn or {@code #[cfg(test)]} module (attributes read once per item). */
    boolean isTest(LinePlace place) {
        for (int i = 0; i < place.itemPath().size(); i++) {
            String type = place.itemType(i);
            if (type.equals("function_item") || type.equals("mod_item")) {
                Node n = place.itemPath().get(i);
                if (testItems.computeIfAbsent(n, k -> HunkSyntaxReader.isTestItem(tree, k))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The node the line's first non-blank character belongs to, or empty for a blank or missing line. */
    Optional<Node> at(int line) {
        String text = text(line);
        int col = 0;
        while (col < text.length() && Character.isWhitespace(text.charAt(col))) {
            col++;
        }
        if (col >= text.length()) {
            return Optional.empty();
        }
        int start = lineStartBytes[line - 1] + text.substring(0, col).getBytes(StandardCharsets.UTF_8).length;
        // Descend from the last found node's nearest ancestor that covers the byte, not from the root: a line
        // below the previous one is found without walking down thousands of levels again.
        Node from = finger;
        while (from != null && !from.isNull() && !(from.getStartByte() <= start && start + 1 <= from.getEndByte())) {
            from = from.getParent();
        }
        Node node = (from == null || from.isNull() ? tree.root() : from).getNamedDescendantForByteRange(start, start + 1);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        finger = node;
        return Optional.of(node);
    }
}
