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

    private LinePlace placeOf(Node node) {
        List<Node> path = Syntax.pathFrom(tree.root(), node);
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
        Node node = tree.root().getNamedDescendantForByteRange(start, start + 1);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }
}
