package dev.rustreview.analysis;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treesitter.TSNode;

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
            if (line.kind() == dev.rustreview.model.LineKind.CONTEXT) {
                continue;
            }
            boolean removed = line.isRemoved();
            LineNodes lines = removed ? oldLines : newLines;
            if (lines == null) {
                continue;
            }
            Optional<TSNode> at = lines.at(removed ? line.oldLine() : line.newLine());
            if (at.isEmpty()) {
                continue;
            }
            TSNode node = contextNode(at.get());
            RustTree tree = lines.tree();
            Side side = removed ? Side.OLD : Side.NEW;
            String path = "";
            for (HunkSyntax.Item item : chain(tree, node, side)) {
                // Keyed by the path of labels, so `fn new` in two impls stays two items while one item seen
                // on both sides stays one.
                path = path + "/" + item.label();
                items.putIfAbsent(path, item);
            }
            async |= Syntax.inAsyncContext(node) || (Syntax.is(node, "function_item") && Syntax.isAsyncFn(node));
            unsafe |= inUnsafe(node);
            partial |= lines.hasErrorOn(removed ? line.oldLine() : line.newLine())
                    || Syntax.enclosing(node, "ERROR").isPresent();
            code++;
            if (file.isTestPath() || Syntax.inTestCode(tree, node)) {
                test++;
            }
        }
        return new HunkSyntax(new ArrayList<>(items.values()), async, unsafe, code > 0 && test == code, partial);
    }

    /**
     * The node that decides what a line belongs to: for an attribute or comment line directly above an item,
     * that item; otherwise the line's own node.
     */
    static TSNode contextNode(TSNode node) {
        TSNode top = node;
        Optional<TSNode> holder = Syntax.enclosing(node, "attribute_item", "line_comment", "block_comment");
        if (holder.isPresent()) {
            top = holder.get();
        }
        if (!Syntax.is(top, "attribute_item", "line_comment", "block_comment")) {
            return node;
        }
        TSNode next = top.getNextNamedSibling();
        while (next != null && !next.isNull() && Syntax.is(next, "attribute_item", "line_comment", "block_comment")) {
            next = next.getNextNamedSibling();
        }
        return next != null && !next.isNull() && KINDS.containsKey(next.getType()) ? next : node;
    }

    /** The item ancestors of {@code node} (inclusive), outermost first. */
    static List<HunkSyntax.Item> chain(RustTree tree, TSNode node, Side side) {
        List<HunkSyntax.Item> out = new ArrayList<>();
        List<TSNode> path = new ArrayList<>(Syntax.ancestors(node));
        path.add(0, node);
        for (int i = path.size() - 1; i >= 0; i--) {
            TSNode n = path.get(i);
            HunkSyntax.Kind kind = KINDS.get(n.getType());
            if (kind == null || (kind == HunkSyntax.Kind.MACRO_CALL && !isItemLevel(n))) {
                continue;
            }
            out.add(item(tree, n, kind, side));
        }
        return out;
    }

    private static boolean isItemLevel(TSNode macro) {
        return Syntax.parent(macro).map(p -> Syntax.is(p, "source_file", "declaration_list")
                || (Syntax.is(p, "expression_statement") && Syntax.parent(p)
                .map(pp -> Syntax.is(pp, "source_file", "declaration_list")).orElse(false))).orElse(false);
    }

    private static HunkSyntax.Item item(RustTree tree, TSNode n, HunkSyntax.Kind kind, Side side) {
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

    private static boolean inUnsafe(TSNode node) {
        List<TSNode> path = new ArrayList<>(Syntax.ancestors(node));
        path.add(0, node);
        for (TSNode n : path) {
            if (Syntax.is(n, "unsafe_block")
                    || (Syntax.is(n, "function_item") && Syntax.isUnsafeFn(n))
                    || (Syntax.is(n, "impl_item", "trait_item") && Syntax.hasToken(n, "unsafe"))) {
                return true;
            }
        }
        return false;
    }
}
