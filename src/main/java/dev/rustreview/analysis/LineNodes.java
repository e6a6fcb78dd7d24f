package dev.rustreview.analysis;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Finds the syntax node a source line starts with: the smallest named node covering the line's first
 * non-blank character. Line starts are indexed once, so lookups are cheap for every line of a hunk.
 */
final class LineNodes {

    private final RustTree tree;
    private final String[] lines;
    private final int[] lineStartBytes;
    private Set<Integer> errorLines;

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

    /** The node the line's first non-blank character belongs to, or empty for a blank or missing line. */
    Optional<TSNode> at(int line) {
        String text = text(line);
        int col = 0;
        while (col < text.length() && Character.isWhitespace(text.charAt(col))) {
            col++;
        }
        if (col >= text.length()) {
            return Optional.empty();
        }
        int start = lineStartBytes[line - 1] + text.substring(0, col).getBytes(StandardCharsets.UTF_8).length;
        TSNode node = tree.root().getNamedDescendantForByteRange(start, start + 1);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }
}
