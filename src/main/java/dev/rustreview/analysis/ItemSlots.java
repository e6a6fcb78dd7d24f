package dev.rustreview.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a Rust file may be cut into review units: consecutive line ranges covering the whole file, one per item
 * a reviewer decides on its own. Each fn (methods too) starts at its doc comment and attributes; an impl or inline
 * module contributes its header and then its members; struct, enum, trait, union, extern block, macro and
 * {@code mod tests} are one slot each; consecutive {@code use}, {@code mod x;} and const/static lines form one
 * slot. Blank lines after an item stay with it; comments and attributes before an item go with that item.
 */
public final class ItemSlots {

    /** Lines {@code startLine..endLine} (1-based, inclusive) belong to the item {@code label}. */
    public record Slot(int startLine, int endLine, String label) {
    }

    /** A cut point: the item starting at {@code line}, and where its own text ends (for clamping comments). */
    private record Piece(int line, int end, String label, String group, String prefix, int count) {
    }

    private static final String SEP = " \u203a ";

    private ItemSlots() {
    }

    /** The slots of {@code source}; empty when it cannot be parsed within {@code limits}. */
    public static List<Slot> of(String source, ParseLimits limits) {
        if (source == null) {
            return List.of();
        }
        try {
            RustTree tree = RustParser.forCurrentThread().parseOutline(source, limits);
            return of(tree, lineCount(source));
        } catch (ParseFailure e) {
            return List.of();
        }
    }

    /** The slots of an already parsed file (any mirror depth: the slots need the items only). */
    public static List<Slot> of(RustTree tree) {
        return of(tree, lineCount(tree.source()));
    }

    static List<Slot> of(RustTree tree, int lines) {
        List<Piece> pieces = new ArrayList<>();
        collect(tree, tree.root(), "", 0, 0, pieces);
        List<Slot> slots = new ArrayList<>();
        int start = 1;
        String label = null;
        for (Piece p : pieces) {
            if (label == null) {
                label = p.label();
                continue;
            }
            if (p.line() > start && p.line() <= lines) {
                slots.add(new Slot(start, p.line() - 1, label));
                start = p.line();
                label = p.label();
            }
        }
        if (label != null && start <= lines) {
            slots.add(new Slot(start, lines, label));
        }
        return slots;
    }

    /**
     * Modules and impls nested deeper than this are one slot each: no reviewer reads 65 levels of nested modules
     * item by item, and the recursion must not run out of stack on a generated or fuzzed file (10,000 nested
     * {@code mod} blocks overflowed it).
     */
    static final int MAX_NESTING = 64;

    private static void collect(RustTree tree, Node container, String prefix, int floor, int depth, List<Piece> out) {
        int previousEnd = floor;
        for (Node child : Syntax.namedChildren(container)) {
            Node item = Syntax.is(child, "expression_statement") && child.getNamedChildCount() == 1
                    && Syntax.is(child.getNamedChild(0), "macro_invocation") ? child.getNamedChild(0) : child;
            String type = item.getType();
            if (Syntax.is(item, "attribute_item", "line_comment", "block_comment", "inner_attribute_item",
                    "empty_statement") || item.isError()) {
                continue;
            }
            int line = Math.max(leadingStart(child), previousEnd + 1);
            int end = RustTree.endLine(child);
            String group = switch (type) {
                case "use_declaration", "extern_crate_declaration" -> "use";
                case "const_item", "static_item" -> "const";
                case "mod_item" -> Syntax.field(item, "body").isPresent() ? null : "mod";
                default -> null;
            };
            Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (group != null && last != null && group.equals(last.group()) && last.prefix().equals(prefix)) {
                // One slot for a run of imports (or consts): nobody decides `use` lines one by one.
                out.set(out.size() - 1, new Piece(last.line(), end, joined(last, name(tree, item)), group, prefix,
                        last.count() + 1));
                previousEnd = end;
                continue;
            }
            Optional<Node> body = Syntax.field(item, "body");
            boolean container2 = depth < MAX_NESTING && body.isPresent() && Syntax.is(body.get(), "declaration_list")
                    && (Syntax.is(item, "impl_item") || (Syntax.is(item, "mod_item") && !isTestModule(tree, item)));
            String label = prefix + label(tree, item, group);
            if (container2) {
                int headerEnd = RustTree.startLine(body.get());
                out.add(new Piece(line, headerEnd, label, null, prefix, 1));
                collect(tree, body.get(), label + SEP, headerEnd, depth + 1, out);
            } else {
                out.add(new Piece(line, end, label, group, prefix, 1));
            }
            previousEnd = end;
        }
    }

    /** The first line of the comments and attributes written directly above {@code item}. */
    private static int leadingStart(Node item) {
        int line = RustTree.startLine(item);
        Node prev = item.getPrevSibling();
        while (prev != null && !prev.isNull() && Syntax.is(prev, "attribute_item", "line_comment", "block_comment")) {
            line = RustTree.startLine(prev);
            prev = prev.getPrevSibling();
        }
        return line;
    }

    private static boolean isTestModule(RustTree tree, Node mod) {
        return HunkSyntaxReader.isTestItem(tree, mod)
                || Syntax.field(mod, "name").map(tree::text).filter("tests"::equals).isPresent();
    }

    private static String label(RustTree tree, Node item, String group) {
        String name = name(tree, item);
        if (group != null) {
            return group + " " + name;
        }
        return switch (item.getType()) {
            case "impl_item" -> name;
            case "function_item", "function_signature_item" -> "fn " + name;
            case "struct_item" -> "struct " + name;
            case "enum_item" -> "enum " + name;
            case "union_item" -> "union " + name;
            case "trait_item" -> "trait " + name;
            case "type_item" -> "type " + name;
            case "mod_item" -> "mod " + name;
            case "macro_definition" -> "macro_rules! " + name;
            case "macro_invocation" -> name + "!";
            case "foreign_mod_item" -> "extern block";
            default -> name;
        };
    }

    private static String name(RustTree tree, Node item) {
        return switch (item.getType()) {
            case "impl_item" -> {
                String type = Syntax.field(item, "type").map(t -> squash(tree.text(t))).orElse("?");
                yield Syntax.field(item, "trait").map(t -> "impl " + squash(tree.text(t)) + " for " + type)
                        .orElse("impl " + type);
            }
            case "use_declaration" -> Syntax.field(item, "argument").map(a -> squash(tree.text(a))).orElse("?");
            case "macro_invocation" -> Syntax.field(item, "macro").map(m -> squash(tree.text(m))).orElse("?");
            case "extern_crate_declaration" -> "crate " + Syntax.field(item, "name").map(tree::text).orElse("?");
            default -> Syntax.field(item, "name").map(tree::text).orElse(item.getType());
        };
    }

    /** {@code use a, b, c, …}: the first few names, then an ellipsis. */
    private static String joined(Piece last, String more) {
        // cfg-gated twins (`#[cfg(loom)] const N` and `#[cfg(not(loom))] const N`) are named once.
        if (last.count() > 3 || (last.label() + ",").contains(" " + more + ",")) {
            return last.label();
        }
        return last.label() + (last.count() == 3 ? ", \u2026" : ", " + more);
    }

    private static String squash(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static int lineCount(String source) {
        if (source.isEmpty()) {
            return 0;
        }
        int lines = 1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n' && i < source.length() - 1) {
                lines++;
            }
        }
        return lines;
    }
}
