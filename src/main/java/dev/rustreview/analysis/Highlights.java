package dev.rustreview.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Syntax classes for colouring Rust source, from the tree-sitter tree rather than a per-line lexer: a
 * string or comment spanning lines, a type in lower case or a macro name are known for what they are.
 * Fragments (a hunk's lines) parse with error recovery, which keeps the tokens outside the broken part.
 * Columns are UTF-16 indices, as Java strings and the diff view count them.
 */
public final class Highlights {

    /** One coloured range of one line: 0-based {@code line}, columns {@code [start, end)}, and its class. */
    public record Span(int line, int start, int end, String kind) {
    }

    private static final Set<String> WHOLE = Set.of("line_comment", "block_comment", "string_literal",
            "raw_string_literal", "char_literal", "attribute_item", "inner_attribute_item");

    private Highlights() {
    }

    /**
     * The spans of {@code source}, by line then column, not overlapping; none when it does not parse within
     * the default limits. Kinds: keyword, string, comment, number, lifetime, macro, type, attribute.
     * Uses the calling thread's parser; call off the FX thread.
     */
    public static List<Span> of(String source) {
        return of(source, ParseLimits.DEFAULT.timeout()).orElse(List.of());
    }

    /**
     * The spans of {@code source}, or empty when it does not parse within {@code timeout}: error recovery
     * on a badly broken fragment can take seconds, and colouring is not worth that wait.
     */
    public static java.util.Optional<List<Span>> of(String source, java.time.Duration timeout) {
        RustTree tree;
        try {
            tree = RustParser.forCurrentThread().parse(source, new ParseLimits(timeout, ParseLimits.DEFAULT.maxBytes()));
        } catch (ParseFailure e) {
            return java.util.Optional.empty();
        }
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        Positions at = new Positions(source, utf8);
        List<Span> out = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(tree.root());
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            String kind = kindOf(node);
            if (kind != null) {
                at.add(out, node.getStartByte(), node.getEndByte(), kind);
                continue; // a string or attribute is coloured whole, not by its parts
            }
            for (int i = node.getChildCount() - 1; i >= 0; i--) {
                stack.push(node.getChild(i));
            }
        }
        return java.util.Optional.of(out);
    }

    private static String kindOf(Node node) {
        String type = node.getType();
        if (WHOLE.contains(type)) {
            return type.endsWith("comment") ? "comment" : type.startsWith("attribute") || type.startsWith("inner")
                    ? "attribute" : "string";
        }
        return switch (type) {
            case "integer_literal", "float_literal" -> "number";
            case "boolean_literal", "self", "crate", "super", "mutable_specifier" -> "keyword";
            case "lifetime" -> "lifetime";
            case "!" -> "macro_invocation".equals(node.getParent().getType()) ? "macro" : null;
            case "type_identifier", "primitive_type" -> "type";
            case "identifier" -> "macro_invocation".equals(node.getParent().getType())
                    && "macro".equals(node.getFieldName()) ? "macro" : null;
            default -> !node.isNamed() && node.getChildCount() == 0 && isKeyword(type) ? "keyword" : null;
        };
    }

    // Anonymous leaves are punctuation or keywords; keywords are the all-letter ones.
    private static boolean isKeyword(String type) {
        if (type.isEmpty()) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            if (!Character.isLetter(type.charAt(i)) && type.charAt(i) != '_') {
                return false;
            }
        }
        return true;
    }

    /** Byte offsets to (line, UTF-16 column), splitting a multi-line range into one span per line. */
    private static final class Positions {
        private final String source;
        private final int[] charOfByte;
        private final int[] lineStarts;

        Positions(String source, byte[] utf8) {
            this.source = source;
            this.lineStarts = source.isEmpty() ? new int[] {0}
                    : java.util.stream.IntStream.concat(java.util.stream.IntStream.of(0),
                    java.util.stream.IntStream.range(0, source.length()).filter(i -> source.charAt(i) == '\n').map(i -> i + 1))
                    .toArray();
            this.charOfByte = new int[utf8.length + 1];
            int b = 0;
            for (int c = 0; c < source.length(); c++) {
                int cp = source.codePointAt(c);
                int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                for (int k = 0; k < bytes; k++) {
                    charOfByte[b + k] = c;
                }
                b += bytes;
                if (Character.isSupplementaryCodePoint(cp)) {
                    c++;
                }
            }
            charOfByte[utf8.length] = source.length();
        }

        void add(List<Span> out, int startByte, int endByte, String kind) {
            int from = charOfByte[startByte];
            int to = charOfByte[endByte];
            int line = lineOf(from);
            int lineStart = lineStarts[line];
            while (from < to) {
                int nl = source.indexOf('\n', from);
                int stop = nl < 0 || nl > to ? to : nl;
                if (stop > from) {
                    out.add(new Span(line, from - lineStart, stop - lineStart, kind));
                }
                if (stop == to) {
                    break;
                }
                from = nl + 1;
                lineStart = from;
                line++;
            }
        }

        private int lineOf(int charIndex) {
            int i = java.util.Arrays.binarySearch(lineStarts, charIndex);
            return i >= 0 ? i : -i - 2;
        }
    }
}
