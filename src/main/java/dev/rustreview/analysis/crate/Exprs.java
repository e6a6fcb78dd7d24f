package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import java.util.List;
import java.util.Optional;

/** Reading expressions of one tree: callees, receivers, arguments and compact text (shared by model and rules). */
public final class Exprs {

    private static final int MAX_OBJECT = 80;

    private Exprs() {
    }

    /** Bytes of a node read first for its snippet: far more than {@link #MAX_OBJECT} characters of real code. */
    private static final int SNIPPET_PREFIX = 4096;

    /**
     * Source text on one line, shortened for objects, titles and explanations. Only the node's first bytes are read
     * when they already give more than {@link #MAX_OBJECT} characters: reading a call's whole text, for each of the
     * thousands of calls nested inside one 100 KB expression, was quadratic (fuzz run 30: 18 s of CPU in CC1 and
     * CC3 on one input). The result is the same as shortening the whole text.
     */
    public static String snippet(Nav nav, Node node) {
        String prefix = nav.tree().textPrefix(node, SNIPPET_PREFIX);
        String one = prefix.strip().replaceAll("\\s+", " ");
        if (one.length() > MAX_OBJECT) {
            return one.substring(0, MAX_OBJECT - 1) + "…";
        }
        return node.getEndByte() - node.getStartByte() <= SNIPPET_PREFIX ? one : shorten(nav.tree().text(node));
    }

    public static String shorten(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_OBJECT ? one : one.substring(0, MAX_OBJECT - 1) + "…";
    }

    /** A type's text with runs of whitespace collapsed ({@code dyn Future} keeps its space). */
    public static String typeText(Nav nav, Node node) {
        return nav.tree().text(node).replaceAll("\\s+", " ").strip();
    }

    /** Text with all whitespace removed, for comparing paths and lock expressions. */
    public static String compact(Nav nav, Node node) {
        // A loop, not `replaceAll("\\s+", "")`: the lock rules compact every receiver, and the regex was most of
        // their time on long generated chains.
        String text = nav.tree().text(node);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B) {
                out.append(c);
            }
        }
        return out.length() == text.length() ? text : out.toString();
    }

    /** The function part of a call, looking through turbofish ({@code x.collect::<T>()}). */
    public static Optional<Node> callee(Nav nav, Node call) {
        Optional<Node> function = nav.field(call, "function");
        if (function.isPresent() && nav.is(function.get(), "generic_function")) {
            return nav.field(function.get(), "function");
        }
        return function;
    }

    /** The method name of {@code recv.name(..)}, or empty for a path call. */
    public static Optional<String> methodName(Nav nav, Node call) {
        RustTree tree = nav.tree();
        return callee(nav, call).filter(f -> nav.is(f, "field_expression"))
                .flatMap(f -> nav.field(f, "field")).map(tree::text);
    }

    /** The receiver of a method call. */
    public static Optional<Node> receiver(Nav nav, Node call) {
        return callee(nav, call).filter(f -> nav.is(f, "field_expression")).flatMap(f -> nav.field(f, "value"));
    }

    /** The path of a path call ({@code std::thread::sleep}), whitespace removed, or empty for a method call. */
    public static Optional<String> calleePath(Nav nav, Node call) {
        return callee(nav, call).filter(f -> nav.is(f, "identifier", "scoped_identifier")).map(f -> compact(nav, f));
    }

    public static String lastSegment(String path) {
        int i = path.lastIndexOf("::");
        return i < 0 ? path : path.substring(i + 2);
    }

    /** The named argument nodes of a call. */
    public static List<Node> args(Nav nav, Node call) {
        return nav.field(call, "arguments").map(a -> nav.namedChildren(a).stream()
                .filter(n -> !nav.is(n, "line_comment", "block_comment", "attribute_item")).toList())
                .orElse(List.of());
    }

    /** Whether {@code inner} lies within {@code outer} (byte ranges). */
    public static boolean within(Node inner, Node outer) {
        return inner.getStartByte() >= outer.getStartByte() && inner.getEndByte() <= outer.getEndByte();
    }

    /** The fn's name, or {@code "?"}. */
    public static String fnName(Nav nav, Node fn) {
        RustTree tree = nav.tree();
        return nav.field(fn, "name").map(tree::text).orElse("?");
    }

    /** Whether a fn carries a test attribute (see {@link TestCode#isTestAttribute}). */
    public static boolean isTestFunction(Nav nav, Node fn) {
        RustTree tree = nav.tree();
        for (Node attr : nav.attributes(fn)) {
            if (TestCode.isTestAttribute(tree.text(attr))) {
                return true;
            }
        }
        return false;
    }
}
