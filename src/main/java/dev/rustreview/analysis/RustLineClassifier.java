package dev.rustreview.analysis;
import dev.rustreview.model.Category;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives one changed line of a Rust file its category, from the syntax around it. A line matching several
 * categories gets the first in {@link Category} order, with the other as a tag ("impl From&lt;io::Error&gt; for
 * AppError" is error handling tagged boilerplate). Mixing lines into a hunk category is {@link Categorizer}'s job.
 */
final class RustLineClassifier {

    /**
     * A line's category, why, and an optional secondary tag. A null category is neutral (private imports, an
     * inherent impl's header): it decides nothing unless the hunk has nothing else.
     */
    record Verdict(Category category, String reason, Category tag) {
        static Verdict of(Category category, String reason) {
            return new Verdict(category, reason, null);
        }
    }

    static final Verdict NEUTRAL = new Verdict(null, "only imports changed", null);

    private static final Pattern ERROR_PLUMBING = Pattern.compile(
            "\\.map_err\\(|\\.context\\(|\\.with_context\\(|\\.ok_or(_else)?\\(|\\b(bail|ensure|anyhow)!|^return Err\\(|^Err\\(");
    private static final Pattern CLOSING = Pattern.compile("[})\\];,]+");
    private static final int SIMPLE_ITERATOR_LINES = 25;

    private final ChangedFile file;
    // Per-node answers, reused by every line of the item (the classifier lives for one file).
    private final Map<Node, Optional<String>> shapes = new HashMap<>();
    private final Map<Node, Optional<Verdict>> traitImpls = new HashMap<>();
    private final Map<Node, DataType> dataTypes = new HashMap<>();
    private final CategoryContext context;
    private final boolean moduleRoot;

    RustLineClassifier(ChangedFile file, CategoryContext context) {
        this.file = file;
        this.context = context;
        String p = "/" + file.path().replace('\\', '/').toLowerCase(Locale.ROOT);
        this.moduleRoot = p.endsWith("/lib.rs") || p.endsWith("/mod.rs") || p.endsWith("/main.rs");
    }

    /** The verdict for a 1-based line of the given side's tree; empty for blank lines. */
    Optional<Verdict> classify(LineNodes lines, int line) {
        String text = lines.text(line).trim();
        if (text.isEmpty() || CLOSING.matcher(text).matches()) {
            return Optional.empty(); // a lone closing brace carries no meaning of its own
        }
        Optional<LinePlace> at = lines.place(line);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        RustTree tree = lines.tree();
        LinePlace place = at.get();
        boolean test = file.isTestPath() || lines.isTest(place) || inTestHelperModule(tree, place);
        Optional<Node> comment = place.innermostAtNode("line_comment", "block_comment");
        if (comment.isPresent() || isDocAttribute(tree, place)) {
            if (test) {
                return Optional.of(Verdict.of(Category.TESTS, "comments in test code"));
            }
            boolean doc = comment.isEmpty() || text.startsWith("///") || text.startsWith("//!")
                    || text.startsWith("/**") || text.startsWith("/*!");
            return Optional.of(new Verdict(Category.DOCUMENTATION, doc ? "only doc comments changed" : "only comments changed", null));
        }
        if (test) {
            return Optional.of(Verdict.of(Category.TESTS, "test code"));
        }
        return Optional.of(code(tree, place, text));
    }

    private Verdict code(RustTree tree, LinePlace place, String text) {
        Node node = place.node();
        Optional<Node> use = place.innermost("use_declaration");
        if (use.isPresent()) {
            boolean pub = Syntax.namedChildren(use.get()).stream().anyMatch(c -> Syntax.is(c, "visibility_modifier"));
            // The head only: every line of a huge `pub use` tree asks, and copying the whole declaration per line
            // ran a fuzzed 269 KB file out of memory (fuzz run 37).
            return pub ? Verdict.of(Category.API, "re-export `" + RustShapes.squash(tree.textPrefix(use.get(), 400)) + "`") : NEUTRAL;
        }
        if (place.innermost("inner_attribute_item").isPresent()) {
            return Verdict.of(Category.API, "crate- or module-level attribute");
        }
        if (place.innermost("extern_crate_declaration").isPresent()) {
            return Verdict.of(Category.API, "extern crate declaration");
        }
        Optional<Node> mod = place.innermost("mod_item");
        if (mod.isPresent() && isHeaderLine(mod.get(), node)) {
            return Verdict.of(Category.API, "module declaration `mod " + name(tree, mod.get()) + "`"
                    + (moduleRoot ? " in " + fileName() : ""));
        }
        boolean inFnBody = false;
        String fn = null;
        List<Node> path = place.itemPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            Node current = path.get(i);
            switch (place.itemType(i)) {
                case "function_item" -> {
                    Optional<Node> impl = Optional.ofNullable(i >= 2 ? path.get(i - 2) : null)
                            .filter(p -> Syntax.is(p, "impl_item") && Syntax.field(p, "trait").isEmpty());
                    if (impl.isPresent()) {
                        Optional<String> shape = shapes.computeIfAbsent(current, fnNode -> RustShapes.accessorShape(tree, fnNode));
                        if (shape.isPresent()) {
                            return Verdict.of(Category.BOILERPLATE, shape.get() + " `" + name(tree, current) + "` of "
                                    + typeName(tree, impl.get()));
                        }
                    }
                    inFnBody = inFnBody || !isHeaderLine(current, node);
                    fn = fn == null ? "fn " + name(tree, current) : fn;
                }
                case "impl_item" -> {
                    if (Syntax.field(current, "trait").isPresent()) {
                        Optional<Verdict> v = traitImpls.computeIfAbsent(current, impl -> traitImpl(tree, impl));
                        if (v.isPresent()) {
                            return v.get();
                        }
                    } else if (isHeaderLine(current, node)) {
                        return new Verdict(null, "only impl block headers changed", null);
                    }
                    return coreLogic(text, within(fn, implLabel(tree, current)));
                }
                case "struct_item", "enum_item", "union_item" -> {
                    return dataType(tree, current, place);
                }
                case "trait_item" -> {
                    boolean pub = Syntax.namedChildren(current).stream()
                            .anyMatch(c -> Syntax.is(c, "visibility_modifier") && tree.text(c).trim().equals("pub"));
                    if (pub && !inFnBody) {
                        return Verdict.of(Category.API, "pub trait `" + name(tree, current) + "` definition");
                    }
                    return coreLogic(text, within(fn, "trait " + name(tree, current)));
                }
                case "macro_invocation" -> {
                    // the last segment by index: `replaceAll(".*::", "")` retried the greedy `.*` from every offset of a
                    // huge path (fuzz run 44: 100 s on one 345 KB line)
                    String macro = Syntax.field(current, "macro").map(m -> lastSegment(tree.text(m))).orElse("");
                    if (RustShapes.SCHEMA_MACROS.contains(macro)) {
                        return Verdict.of(Category.SCHEMA, "diesel `" + macro + "!` schema");
                    }
                }
                case "foreign_mod_item" -> fn = fn == null ? "extern block" : fn;
                case "const_item", "static_item", "macro_definition", "type_item" -> {
                    String keyword = current.getType().equals("macro_definition") ? "macro_rules!"
                            : current.getType().replace("_item", "");
                    fn = fn == null ? keyword + " " + name(tree, current) : fn;
                }
                case "mod_item", "source_file" -> {
                    return coreLogic(text, fn);
                }
                default -> {
                }
            }
        }
        return coreLogic(text, fn);
    }

    /** "fn connect (impl ExternalService for PostgresService)", or the container alone. */
    private static String within(String fn, String container) {
        return fn == null ? container : fn + " (" + container + ")";
    }

    /**
     * Core logic, named by its innermost item ({@code fn connect}); lines that only convert or propagate errors
     * are error handling instead.
     */
    private static Verdict coreLogic(String text, String where) {
        if (ERROR_PLUMBING.matcher(text).find()) {
            return Verdict.of(Category.ERROR_HANDLING, "error conversion or propagation");
        }
        return Verdict.of(Category.CORE_LOGIC, where == null ? "module scope" : where);
    }

    private Optional<Verdict> traitImpl(RustTree tree, Node impl) {
        String trait = Syntax.field(impl, "trait").map(t -> RustShapes.lastSegment(RustShapes.stripGenerics(tree.text(t)))).orElse("");
        String type = typeName(tree, impl);
        String label = implLabel(tree, impl);
        if (RustShapes.ORM_TRAITS.contains(trait)) {
            return Optional.of(Verdict.of(Category.SCHEMA, label + ": ORM entity wiring"));
        }
        boolean wellKnown = RustShapes.WELL_KNOWN.contains(trait) && !(trait.equals("Iterator")
                && RustTree.endLine(impl) - RustTree.startLine(impl) > SIMPLE_ITERATOR_LINES);
        if (trait.equals("Error") || isErrorType(tree, type)) {
            return Optional.of(new Verdict(Category.ERROR_HANDLING, label + ": error type plumbing",
                    wellKnown ? Category.BOILERPLATE : null));
        }
        if (wellKnown) {
            return Optional.of(Verdict.of(Category.BOILERPLATE, label + ": a well-known trait impl"));
        }
        Optional<String> sibling = context.sibling(file.path(), trait, type);
        return sibling.map(s -> Verdict.of(Category.BOILERPLATE, label + " mirrors " + s));
    }

    /** What a struct/enum/union is, read once per type. */
    private record DataType(String kind, String name, boolean data, boolean error) {
    }

    private Verdict dataType(RustTree tree, Node type, LinePlace place) {
        DataType d = dataTypes.computeIfAbsent(type, t -> {
            String name = name(tree, t);
            List<String> derives = RustShapes.derives(tree, t);
            boolean data = derives.stream().anyMatch(RustShapes.DATA_DERIVES::contains) || Syntax.attributes(t).stream()
                    .map(tree::text).anyMatch(a -> a.matches("(?s)#\\[\\s*(sea_orm|diesel|sqlx|serde)\\s*\\(.*"));
            return new DataType(t.getType().replace("_item", ""), name, data,
                    isErrorType(tree, name) || derives.contains("Error"));
        });
        String kind = d.kind();
        String name = d.name();
        boolean data = d.data();
        boolean error = d.error();
        boolean deriveLine = place.innermostAtNode("attribute_item").map(a -> tree.textPrefix(a, 200).contains("derive")).orElse(false);
        if (data) {
            return new Verdict(Category.SCHEMA, kind + " `" + name + "` with serde/ORM derives",
                    error ? Category.ERROR_HANDLING : deriveLine ? Category.BOILERPLATE : null);
        }
        if (error) {
            return Verdict.of(Category.ERROR_HANDLING, "error " + kind + " `" + name + "`");
        }
        if (deriveLine) {
            return Verdict.of(Category.BOILERPLATE, "derives on " + kind + " `" + name + "`");
        }
        return Verdict.of(Category.CORE_LOGIC, kind + " " + name + " definition");
    }

    private boolean isErrorType(RustTree tree, String type) {
        String base = RustShapes.lastSegment(RustShapes.stripGenerics(type));
        return base.endsWith("Error") || base.endsWith("Err") || context.errorTypes(file.path()).contains(base);
    }

    private static boolean isDocAttribute(RustTree tree, LinePlace place) {
        return place.innermostAtNode("attribute_item", "inner_attribute_item")
                // The head is enough to say `#[doc = ..]`: reading a megabyte attribute again for each of its lines
                // was quadratic.
                .map(a -> tree.textPrefix(a, 64).replaceAll("\\s+", "").matches("(?s)#!?\\[doc[=(].*")).orElse(false);
    }

    /** A module named like a test helper ({@code mod test_utils}, {@code mod testing}) without cfg(test). */
    private static boolean inTestHelperModule(RustTree tree, LinePlace place) {
        for (int i = 0; i < place.itemPath().size(); i++) {
            if (place.itemType(i).equals("mod_item")
                    && name(tree, place.itemPath().get(i)).matches("tests?|test_utils?|testing|test_helpers?")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the line's node is the item's own header rather than something inside its body. */
    private static boolean isHeaderLine(Node item, Node node) {
        Optional<Node> body = Syntax.field(item, "body");
        return body.isEmpty() || node.getStartByte() < body.get().getStartByte() || node.equals(item);
    }

    private String fileName() {
        String p = file.path().replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static String name(RustTree tree, Node item) {
        return Syntax.field(item, "name").map(tree::text).orElse("?");
    }

    private static String implLabel(RustTree tree, Node impl) {
        return "impl " + Syntax.field(impl, "trait").map(t -> RustShapes.squash(tree.text(t)) + " for ").orElse("")
                + typeName(tree, impl);
    }

    private static String typeName(RustTree tree, Node impl) {
        return Syntax.field(impl, "type").map(t -> RustShapes.squash(tree.text(t))).orElse("?");
    }

    private static String lastSegment(String path) {
        int at = path.lastIndexOf("::");
        return at < 0 ? path : path.substring(at + 2);
    }
}
