package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one Rust file keyed by path (inline-mod nesting, impl type, name, and any {@code #[cfg(..)]}),
 * with a whitespace-insensitive signature, so that two versions of a file can be compared item by item.
 * Parameter names are left out of fn signatures: renaming a parameter does not change the API.
 */
final class ApiSurface {

    enum Visibility { PUBLIC, RESTRICTED, PRIVATE }

    /**
     * @param parentKey   the containing type or trait for fields, variants, trait items and inherent methods
     * @param implStart   first line of the inherent impl block holding the item, 0 otherwise
     * @param hasDefault  a trait item with a default body
     * @param attributeStart first line of the attributes above the item (its header start when it has none)
     */
    record Item(String key, String kind, String name, Visibility visibility, String signature, boolean nonExhaustive,
                String parentKey, int implStart, int implEnd, boolean hasDefault, int attributeStart, int headerStart,
                int headerEnd) {

        boolean isPublic() {
            return visibility == Visibility.PUBLIC;
        }

        String label() {
            return kind + " `" + displayName() + "`";
        }

        String displayName() {
            String k = key.replaceAll(" #\\[cfg.*", "");
            return k.startsWith("::") ? k.substring(2) : k;
        }
    }

    private ApiSurface() {
    }

    /** Every item of the file (public or not) outside test modules, by key. */
    static Map<String, Item> collect(RustTree tree) {
        Map<String, Item> items = new LinkedHashMap<>();
        record Scope(Node container, String path, boolean visible) {
        }
        Deque<Scope> work = new ArrayDeque<>();
        work.push(new Scope(tree.root(), "", true));
        while (!work.isEmpty()) {
            Scope scope = work.pop();
            for (Node item : Syntax.namedChildren(scope.container())) {
                if (isTest(tree, item)) {
                    continue;
                }
                String cfg = cfg(tree, item);
                Visibility own = visibility(tree, item);
                Visibility vis = scope.visible() ? own : demote(own);
                String name = SafetySyntax.name(tree, item);
                String key = scope.path() + "::" + name + cfg;
                switch (item.getType()) {
                    case "mod_item" -> {
                        put(items, item(key, "mod", name, vis, "mod", false, null, 0, 0, false, item));
                        Syntax.field(item, "body").ifPresent(body ->
                                work.push(new Scope(body, scope.path() + "::" + name, vis == Visibility.PUBLIC)));
                    }
                    case "function_item" -> put(items, item(key, "fn", name, vis, fnSignature(tree, item), false,
                            null, 0, 0, false, item));
                    case "struct_item", "union_item" -> {
                        put(items, item(key, item.getType().replace("_item", ""), name, vis, typeSignature(tree, item),
                                nonExhaustive(tree, item), null, 0, 0, false, item));
                        fields(tree, item, key, vis, items);
                    }
                    case "enum_item" -> {
                        put(items, item(key, "enum", name, vis, typeSignature(tree, item), nonExhaustive(tree, item),
                                null, 0, 0, false, item));
                        Syntax.field(item, "body").ifPresent(body -> {
                            for (Node v : tree.find(body, "enum_variant")) {
                                String vn = SafetySyntax.name(tree, v);
                                put(items, item(key + "::" + vn, "variant", vn, vis, norm(tree.text(v)),
                                        nonExhaustive(tree, v), key, 0, 0, false, v));
                            }
                        });
                    }
                    case "trait_item" -> {
                        put(items, item(key, "trait", name, vis, typeSignature(tree, item), false, null, 0, 0, false, item));
                        Syntax.field(item, "body").ifPresent(body -> {
                            for (Node member : Syntax.namedChildren(body)) {
                                String mn = SafetySyntax.name(tree, member);
                                if (mn.equals("?")) {
                                    continue;
                                }
                                boolean fn = Syntax.is(member, "function_item", "function_signature_item");
                                put(items, item(key + "::" + mn, fn ? "fn" : "item", mn, vis,
                                        fn ? fnSignature(tree, member) : norm(tree.text(member)), false, key, 0, 0,
                                        Syntax.is(member, "function_item") || Syntax.field(member, "default_type").isPresent()
                                                || Syntax.field(member, "value").isPresent(), member));
                            }
                        });
                    }
                    case "impl_item" -> inherentImpl(tree, item, scope.path(), scope.visible(), items);
                    case "type_item", "const_item", "static_item" -> put(items, item(key,
                            item.getType().replace("_item", ""), name, vis,
                            Syntax.field(item, "type").map(t -> norm(tree.text(t))).orElse(""), false, null, 0, 0,
                            false, item));
                    case "use_declaration" -> {
                        if (own != Visibility.PRIVATE) {
                            String arg = Syntax.field(item, "argument").map(a -> norm(tree.text(a))).orElse("");
                            put(items, item(scope.path() + "::use " + arg + cfg, "re-export", arg, vis, arg, false,
                                    null, 0, 0, false, item));
                        }
                    }
                    case "macro_definition" -> {
                        boolean exported = Syntax.attributes(item).stream()
                                .anyMatch(a -> tree.text(a).contains("macro_export"));
                        put(items, item("::macro " + name + cfg, "macro", name + "!",
                                exported ? Visibility.PUBLIC : Visibility.PRIVATE, "macro", false, null, 0, 0, false, item));
                    }
                    default -> {
                    }
                }
            }
        }
        // Methods of a type this file defines as non-public are not public either.
        items.replaceAll((k, it) -> {
            Item parent = it.parentKey() == null ? null : items.get(it.parentKey());
            if (it.implStart() > 0 && parent != null && !parent.isPublic() && it.isPublic()) {
                return withVisibility(it, Visibility.RESTRICTED);
            }
            return it;
        });
        return items;
    }

    private static void inherentImpl(RustTree tree, Node impl, String path, boolean visible, Map<String, Item> items) {
        if (Syntax.field(impl, "trait").isPresent()) {
            return;
        }
        String type = SafetySyntax.implType(tree, impl);
        String typeKey = path + "::" + type;
        Node body = Syntax.field(impl, "body").orElse(null);
        if (body == null) {
            return;
        }
        // An inherent method is as visible as its type, wherever the impl sits: a `pub fn` in `impl Value` inside a
        // private `mod std_support` is public API when the file's top level declares `pub struct Value` (log
        // 2e721355 reversed narrowed such a method's return lifetime).
        boolean reachable = visible || publicTopLevelType(tree, type);
        for (Node member : Syntax.namedChildren(body)) {
            if (!Syntax.is(member, "function_item", "const_item", "type_item")) {
                continue;
            }
            Visibility own = visibility(tree, member);
            Visibility vis = reachable ? own : demote(own);
            String mn = SafetySyntax.name(tree, member);
            String sig = Syntax.is(member, "function_item") ? fnSignature(tree, member)
                    : Syntax.field(member, "type").map(t -> norm(tree.text(t))).orElse("");
            put(items, item(typeKey + "::" + mn + cfg(tree, member), Syntax.is(member, "function_item") ? "fn" : "item",
                    mn, vis, sig, false, typeKey, RustTree.startLine(impl), RustTree.endLine(impl), false, member));
        }
    }

    /** Whether the file's top level declares {@code pub struct/enum/union type}. */
    private static boolean publicTopLevelType(RustTree tree, String type) {
        String base = type.replaceAll("<.*", "").strip();
        for (Node item : Syntax.namedChildren(tree.root())) {
            if (Syntax.is(item, "struct_item", "enum_item", "union_item") && visibility(tree, item) == Visibility.PUBLIC
                    && SafetySyntax.name(tree, item).equals(base)) {
                return true;
            }
        }
        return false;
    }

    private static void fields(RustTree tree, Node struct, String key, Visibility structVis, Map<String, Item> items) {
        Node body = Syntax.field(struct, "body").orElse(null);
        if (body == null || !Syntax.is(body, "field_declaration_list")) {
            return;
        }
        for (Node f : tree.find(body, "field_declaration")) {
            Visibility own = visibility(tree, f);
            Visibility vis = structVis == Visibility.PUBLIC ? own : demote(own);
            String fn = SafetySyntax.name(tree, f);
            put(items, item(key + "." + fn, "field", fn, vis, Syntax.field(f, "type").map(t -> norm(tree.text(t)))
                    .orElse(""), false, key, 0, 0, false, f));
        }
    }

    private static Item item(String key, String kind, String name, Visibility vis, String signature, boolean nonExhaustive,
                             String parent, int implStart, int implEnd, boolean hasDefault, Node node) {
        int start = RustTree.startLine(node);
        int headerEnd = Syntax.field(node, "body").map(RustTree::startLine).orElse(RustTree.endLine(node));
        int attributeStart = Syntax.attributes(node).stream().mapToInt(RustTree::startLine).min().orElse(start);
        return new Item(key, kind, name, vis, signature, nonExhaustive, parent, implStart, implEnd, hasDefault,
                Math.min(start, attributeStart), start, Math.max(start, headerEnd));
    }

    private static void put(Map<String, Item> items, Item item) {
        items.putIfAbsent(item.key(), item);
    }

    private static Item withVisibility(Item it, Visibility v) {
        return new Item(it.key(), it.kind(), it.name(), v, it.signature(), it.nonExhaustive(), it.parentKey(),
                it.implStart(), it.implEnd(), it.hasDefault(), it.attributeStart(), it.headerStart(), it.headerEnd());
    }

    private static Visibility demote(Visibility v) {
        return v == Visibility.PUBLIC ? Visibility.RESTRICTED : v;
    }

    static Visibility visibility(RustTree tree, Node item) {
        for (Node child : Syntax.namedChildren(item)) {
            if (Syntax.is(child, "visibility_modifier")) {
                return tree.text(child).replaceAll("\\s+", "").equals("pub") ? Visibility.PUBLIC : Visibility.RESTRICTED;
            }
        }
        return Visibility.PRIVATE;
    }

    /** Modifiers, generics, parameter types, return type and where clause; no parameter names, no body. */
    static String fnSignature(RustTree tree, Node fn) {
        StringBuilder sb = new StringBuilder();
        for (Node child : Syntax.namedChildren(fn)) {
            if (Syntax.is(child, "function_modifiers")) {
                sb.append(tree.text(child)).append(' ');
            }
        }
        sb.append("fn");
        Syntax.field(fn, "type_parameters").ifPresent(t -> sb.append(tree.text(t)));
        sb.append('(');
        Syntax.field(fn, "parameters").ifPresent(ps -> {
            boolean first = true;
            for (Node p : Syntax.namedChildren(ps)) {
                if (Syntax.is(p, "attribute_item", "line_comment", "block_comment")) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(Syntax.is(p, "parameter") ? Syntax.field(p, "type").map(tree::text).orElse("_") : tree.text(p));
            }
        });
        sb.append(')');
        Syntax.field(fn, "return_type").ifPresent(r -> sb.append("->").append(tree.text(r)));
        for (Node child : Syntax.namedChildren(fn)) {
            if (Syntax.is(child, "where_clause")) {
                sb.append(' ').append(tree.text(child));
            }
        }
        return norm(sb.toString());
    }

    /** Generics, bounds and where clause of a type or trait, plus tuple-struct fields. */
    private static String typeSignature(RustTree tree, Node item) {
        StringBuilder sb = new StringBuilder();
        if (Syntax.hasToken(item, "unsafe")) {
            sb.append("unsafe ");
        }
        Syntax.field(item, "type_parameters").ifPresent(t -> sb.append(tree.text(t)));
        Syntax.field(item, "bounds").ifPresent(t -> sb.append(tree.text(t)));
        for (Node child : Syntax.namedChildren(item)) {
            if (Syntax.is(child, "where_clause")) {
                sb.append(' ').append(tree.text(child));
            }
        }
        Syntax.field(item, "body").filter(b -> Syntax.is(b, "ordered_field_declaration_list"))
                .ifPresent(b -> sb.append(tree.text(b)));
        return norm(sb.toString());
    }

    private static boolean nonExhaustive(RustTree tree, Node item) {
        return Syntax.attributes(item).stream().anyMatch(a -> tree.text(a).replaceAll("\\s+", "").equals("#[non_exhaustive]"));
    }

    /** {@code #[cfg(..)]} attributes other than test, normalised, so cfg-alternative items get distinct keys. */
    private static String cfg(RustTree tree, Node item) {
        List<String> cfgs = Syntax.attributes(item).stream().map(a -> norm(tree.text(a)))
                .filter(t -> t.startsWith("#[cfg(")).sorted().toList();
        return cfgs.isEmpty() ? "" : " " + String.join(" ", cfgs);
    }

    private static boolean isTest(RustTree tree, Node item) {
        for (Node a : Syntax.attributes(item)) {
            if (dev.rustreview.analysis.crate.TestCode.isTestAttribute(tree.text(a))) {
                return true;
            }
        }
        return false;
    }

    /** Whitespace only where it separates two word characters: {@code Vec< u8 >} and {@code Vec<u8>} compare equal. */
    static String norm(String text) {
        String s = text.replaceAll("//[^\n]*", "").replaceAll("\\s+", " ").trim();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                char before = i > 0 ? s.charAt(i - 1) : ' ';
                char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                if (!(isWord(before) && isWord(after))) {
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '\'';
    }
}
