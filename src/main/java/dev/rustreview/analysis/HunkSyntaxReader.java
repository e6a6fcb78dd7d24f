package dev.rustreview.analysis;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes {@link HunkSyntax} for a hunk: added and context lines are looked up in the new tree, removed
 * lines in the old tree. Attributes and comments directly above an item count as part of that item.
 */
public final class HunkSyntaxReader {

    private static final Map<String, HunkSyntax.Kind> KINDS = Map.ofEntries(
            Map.entry("function_item", HunkSyntax.Kind.FN),
            Map.entry("function_signature_item", HunkSyntax.Kind.FN),
            Map.entry("impl_item", HunkSyntax.Kind.IMPL),
            Map.entry("trait_item", HunkSyntax.Kind.TRAIT),
            Map.entry("mod_item", HunkSyntax.Kind.MOD),
            Map.entry("struct_item", HunkSyntax.Kind.STRUCT),
            Map.entry("enum_item", HunkSyntax.Kind.ENUM),
            Map.entry("union_item", HunkSyntax.Kind.UNION),
            Map.entry("macro_definition", HunkSyntax.Kind.MACRO),
            Map.entry("macro_invocation", HunkSyntax.Kind.MACRO_CALL),
            Map.entry("const_item", HunkSyntax.Kind.CONST),
            Map.entry("static_item", HunkSyntax.Kind.STATIC),
            Map.entry("type_item", HunkSyntax.Kind.TYPE),
            Map.entry("foreign_mod_item", HunkSyntax.Kind.EXTERN));

    private HunkSyntaxReader() {
    }

    /** The syntax around {@code hunk}; {@link HunkSyntax#NONE} for files without trees. */
    public static HunkSyntax read(ChangedFile file, Hunk hunk) {
        return read(file, hunk, file.newTree() == null ? null : new LineNodes(file.newTree()),
                file.oldTree() == null ? null : new LineNodes(file.oldTree()));
    }

    static HunkSyntax read(ChangedFile file, Hunk hunk, LineNodes newLines, LineNodes oldLines) {
        if (newLines == null && oldLines == null) {
            return HunkSyntax.NONE;
        }
        Map<String, HunkSyntax.Item> items = new LinkedHashMap<>();
        boolean async = false;
        boolean unsafe = false;
        boolean partial = false;
        int code = 0;
        int test = 0;
        for (DiffLine line : hunk.lines()) {
            if (!line.isAdded() && !line.isRemoved()) {
                continue;
            }
            boolean removed = line.isRemoved();
            LineNodes lines = removed ? oldLines : newLines;
            int number = removed ? line.oldLine() : line.newLine();
            Optional<LinePlace> at = lines == null ? Optional.empty() : lines.place(number);
            if (at.isEmpty()) {
                continue;
            }
            LinePlace place = at.get();
            RustTree tree = lines.tree();
            Side side = removed ? Side.OLD : Side.NEW;
            String path = "";
            for (HunkSyntax.Item item : chain(lines, place, side)) {
                // Keyed by the path of labels, so `fn new` in two impls stays two items while one item seen
                // on both sides stays one.
                path = path + "/" + item.label();
                items.putIfAbsent(path, item);
            }
            async |= inAsync(lines, place);
            unsafe |= opensUnsafe(lines, place);
            partial |= lines.hasErrorOn(number) || place.pathHasError();
            code++;
            if (file.isTestPath() || lines.isTest(place)) {
                test++;
            }
        }
        return new HunkSyntax(new ArrayList<>(items.values()), async, unsafe, code > 0 && test == code, partial);
    }

    /** Whether a node is an item a line can belong to (fn, impl, struct, ...). */
    static boolean isItem(Node node) {
        return KINDS.containsKey(node.getType());
    }

    /** Whether an item carries a {@code #[test]}-like or {@code #[cfg(test)]} attribute. */
    static boolean isTestItem(RustTree tree, Node item) {
        for (Node attr : Syntax.attributes(item)) {
            if (dev.rustreview.analysis.crate.TestCode.isTestAttribute(tree.text(attr))) {
                return true;
            }
        }
        return false;
    }

    /** The same rule as {@link Syntax#inAsyncContext}, read off the path; an async fn's own header counts. */
    private static boolean inAsync(LineNodes lines, LinePlace place) {
        List<Node> p = place.itemPath();
        int last = p.size() - 1;
        if (place.itemType(last).equals("function_item") && lines.flag(p.get(last), "async", Syntax::isAsyncFn)) {
            return true;
        }
        for (int i = last - 1; i >= 0; i--) {
            switch (place.itemType(i)) {
                case "async_block" -> {
                    return true;
                }
                case "function_item" -> {
                    return lines.flag(p.get(i), "async", Syntax::isAsyncFn);
                }
                case "closure_expression" -> {
                    return lines.flag(p.get(i), "async", n -> Syntax.hasToken(n, "async"));
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** The item ancestors on the line's item path (inclusive), outermost first; items are built once per node. */
    static List<HunkSyntax.Item> chain(LineNodes lines, LinePlace place, Side side) {
        List<HunkSyntax.Item> out = new ArrayList<>();
        List<Node> path = place.itemPath();
        for (int i = 0; i < path.size(); i++) {
            HunkSyntax.Kind kind = KINDS.get(place.itemType(i));
            if (kind == null || (kind == HunkSyntax.Kind.MACRO_CALL && !isItemLevel(place, i))) {
                continue;
            }
            out.add(lines.item(path.get(i), n -> item(lines.tree(), n, kind, side)));
        }
        return out;
    }

    /** A macro call at item level: directly in a file or module body (possibly as an expression statement). */
    private static boolean isItemLevel(LinePlace place, int index) {
        String parent = index > 0 ? place.itemType(index - 1) : "";
        String grandparent = index > 1 ? place.itemType(index - 2) : "";
        return parent.equals("source_file") || parent.equals("declaration_list")
                || (parent.equals("expression_statement")
                && (grandparent.equals("source_file") || grandparent.equals("declaration_list")));
    }

    private static HunkSyntax.Item item(RustTree tree, Node n, HunkSyntax.Kind kind, Side side) {
        String name;
        String trait = null;
        if (kind == HunkSyntax.Kind.IMPL) {
            name = Syntax.field(n, "type").map(t -> squash(tree.text(t))).orElse("?");
            trait = Syntax.field(n, "trait").map(t -> squash(tree.text(t))).orElse(null);
        } else if (kind == HunkSyntax.Kind.EXTERN) {
            name = tree.find(n, "extern_modifier").stream().findFirst()
                    .map(m -> squash(tree.text(m)).replaceFirst("^extern\\s*", "")).orElse("");
            name = name.isEmpty() ? "\"C\"" : name;
        } else if (kind == HunkSyntax.Kind.MACRO_CALL) {
            name = Syntax.field(n, "macro").map(m -> squash(tree.text(m))).orElse("?");
        } else {
            name = Syntax.field(n, "name").map(tree::text).orElse("?");
        }
        return new HunkSyntax.Item(kind, name, trait, side, RustTree.startLine(n), RustTree.endLine(n));
    }

    private static String squash(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static boolean opensUnsafe(LineNodes lines, LinePlace place) {
        for (int i = 0; i < place.itemPath().size(); i++) {
            Node n = place.itemPath().get(i);
            boolean unsafe = switch (place.itemType(i)) {
                case "unsafe_block" -> true;
                case "function_item" -> lines.flag(n, "unsafe", Syntax::isUnsafeFn);
                case "impl_item", "trait_item" -> lines.flag(n, "unsafe", x -> Syntax.hasToken(x, "unsafe"));
                default -> false;
            };
            if (unsafe) {
                return true;
            }
        }
        return false;
    }
}
