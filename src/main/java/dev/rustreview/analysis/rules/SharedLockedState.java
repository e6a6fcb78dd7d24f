package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
import dev.rustreview.analysis.crate.TreeCache;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SS1: {@code Arc<Mutex<..>>}, {@code Arc<RwLock<..>>}, {@code Rc<RefCell<..>>} added to a struct or created. */
public final class SharedLockedState implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("SS1", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "Shared mutable state",
            "A struct field, tuple-struct field or type alias of type `Arc<Mutex<..>>`, `Arc<RwLock<..>>`, "
                    + "`Arc<RefCell<..>>`, `Rc<RefCell<..>>` or `Rc<Mutex<..>>` (also nested, as in "
                    + "`Option<Arc<Mutex<T>>>`), or an added `Arc::new(Mutex::new(..))`-style construction; low in test code.",
            "It cannot see how many owners the value really has, which tasks or threads lock it, or whether "
                    + "message passing or an atomic would do; a type alias used from another file is not followed.",
            "arc_with_non_send_sync", "rc_mutex", "mutex_atomic");

    private static final String CHECK = "Check who owns each clone and which tasks or threads lock it; confirm no "
            + "guard is held across `.await`, that locks are always taken in one order, and that multi-step updates "
            + "happen under one lock (or use message passing instead).";
    private static final Set<String> OWNERS = Set.of("Arc", "Rc");
    private static final Set<String> CELLS = Set.of("Mutex", "RwLock", "RefCell");
    private static final Set<String> SMALL = Set.of("bool", "usize", "isize", "u8", "u16", "u32", "u64", "i8",
            "i16", "i32", "i64");

    private final TreeCache cache;

    public SharedLockedState() {
        this(new TreeCache());
    }

    SharedLockedState(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            Set<String> flaggedFields = new HashSet<>();
            for (Node decl : nav.code("field_declaration", "ordered_field_declaration_list", "type_item")) {
                List<Node> types = nav.is(decl, "ordered_field_declaration_list")
                        ? nav.namedChildren(decl).stream().filter(n -> !nav.is(n, "visibility_modifier",
                        "attribute_item", "line_comment", "block_comment")).toList()
                        : nav.field(decl, "type").map(List::of).orElse(List.of());
                for (Node type : types) {
                    if (!file.touches(type)) {
                        continue;
                    }
                    sharedType(nav, facts, type).ifPresent(shape -> {
                        String name = nav.field(decl, "name").map(tree::text).orElse(null);
                        if (name != null && nav.is(decl, "field_declaration")) {
                            flaggedFields.add(name);
                        }
                        out.add(fieldFinding(nav, file, decl, type, name, shape));
                    });
                }
            }
            for (Node call : nav.code("call_expression")) {
                if (!file.touches(call)) {
                    continue;
                }
                creation(nav, facts, call).ifPresent(shape -> {
                    if (!initialisesFlaggedField(nav, call, flaggedFields)) {
                        out.add(creationFinding(nav, file, call, shape));
                    }
                });
            }
        });
        return out;
    }

    /** {@code Arc<Mutex>} etc. anywhere inside a type node, as {@code "Arc<Mutex<..>>"} plus the inner text. */
    static Optional<String[]> sharedType(Nav nav, TypeFacts facts, Node type) {
        for (Node g : facts.nav().find(type, "generic_type")) {
            String owner = head(nav, facts, g);
            if (!OWNERS.contains(owner)) {
                continue;
            }
            Optional<Node> inner = nav.field(g, "type_arguments")
                    .flatMap(a -> nav.namedChildren(a).stream().findFirst());
            if (inner.isEmpty() || !nav.is(inner.get(), "generic_type")) {
                continue;
            }
            String cell = head(nav, facts, inner.get());
            if (CELLS.contains(cell) && !(owner.equals("Rc") && cell.equals("RwLock"))) {
                String payload = nav.field(inner.get(), "type_arguments")
                        .map(a -> RuleSupport.snippet(nav, a).replaceAll("^<|>$", "")).orElse("");
                return Optional.of(new String[] {owner, cell, payload, RuleSupport.snippet(nav, g)});
            }
        }
        return Optional.empty();
    }

    private static String head(Nav nav, TypeFacts facts, Node generic) {
        return nav.field(generic, "type")
                .map(t -> RuleSupport.lastSegment(facts.imports().resolve(RuleSupport.compact(nav, t))))
                .orElse("");
    }

    /** {@code Arc::new(Mutex::new(..))} and the like. */
    private static Optional<String[]> creation(Nav nav, TypeFacts facts, Node call) {
        Optional<String> path = RuleSupport.calleePath(nav, call);
        List<Node> args = RuleSupport.args(nav, call);
        if (path.isEmpty() || !path.get().endsWith("::new") || args.size() != 1
                || !nav.is(args.get(0), "call_expression")) {
            return Optional.empty();
        }
        String owner = ownerOf(facts, path.get());
        Optional<String> innerPath = RuleSupport.calleePath(nav, args.get(0));
        if (!OWNERS.contains(owner) || innerPath.isEmpty()
                || !(innerPath.get().endsWith("::new") || innerPath.get().endsWith("::default"))) {
            return Optional.empty();
        }
        String cell = ownerOf(facts, innerPath.get());
        if (!CELLS.contains(cell) || (owner.equals("Rc") && cell.equals("RwLock"))) {
            return Optional.empty();
        }
        String payload = RuleSupport.args(nav, args.get(0)).stream().findFirst().map(a -> RuleSupport.snippet(nav, a)).orElse("");
        return Optional.of(new String[] {owner, cell, payload, RuleSupport.snippet(nav, call)});
    }

    private static String ownerOf(TypeFacts facts, String path) {
        String type = path.substring(0, path.lastIndexOf("::"));
        return RuleSupport.lastSegment(facts.imports().resolve(type));
    }

    private static boolean initialisesFlaggedField(Nav nav, Node call, Set<String> flagged) {
        RustTree tree = nav.tree();
        Optional<Node> p = nav.parent(call);
        if (p.isEmpty()) {
            return false;
        }
        if (nav.is(p.get(), "field_initializer")) {
            return nav.field(p.get(), "field").map(f -> flagged.contains(tree.text(f))).orElse(false);
        }
        if (nav.is(p.get(), "let_declaration")) {
            return nav.field(p.get(), "pattern").map(f -> flagged.contains(tree.text(f))).orElse(false);
        }
        return false;
    }

    private static Finding fieldFinding(Nav nav, ChangedFile file, Node decl, Node type, String name,
                                        String[] shape) {
        RustTree tree = nav.tree();
        String owner = shape[0];
        String cell = shape[1];
        String what = nav.is(decl, "type_item") ? "type alias `" + name + "`"
                : name != null ? "field `" + name + "`" : "tuple-struct field";
        String container = nav.enclosing(decl, "struct_item").flatMap(s -> nav.field(s, "name"))
                .map(n -> " of `" + tree.text(n) + "`").orElse("");
        int line = RustTree.startLine(type);
        Severity severity = nav.isTestCode(file, decl) ? Severity.LOW : Severity.MEDIUM;
        return FindingBuilder.at(INFO, file, type)
                .severity(severity)
                .object(name != null ? name : what).object(shape[3])
                .title("Shared mutable state: " + what + container + " is `" + shape[3] + "`")
                .explanation(what + container + " (line " + line + ") has type `" + RuleSupport.snippet(nav, type)
                        + "`: every clone of the `" + owner + "` can change the `" + shape[2] + "` inside, so "
                        + consequence(owner, cell) + hint(shape))
                .check(CHECK)
                .build();
    }

    private static Finding creationFinding(Nav nav, ChangedFile file, Node call, String[] shape) {
        int line = RustTree.startLine(call);
        Severity severity = nav.isTestCode(file, call) ? Severity.LOW : Severity.MEDIUM;
        return FindingBuilder.at(INFO, file, call)
                .severity(severity)
                .object(shape[3])
                .title("Shared mutable state created: `" + shape[3] + "`")
                .explanation("`" + shape[3] + "` (line " + line + ") creates " + shape[0] + "-shared, "
                        + shape[1] + "-guarded state; every clone of it can change the value, so "
                        + consequence(shape[0], shape[1]) + hint(shape))
                .check(CHECK)
                .build();
    }

    private static String consequence(String owner, String cell) {
        if (cell.equals("RefCell")) {
            return owner.equals("Arc")
                    ? "the `Arc` buys nothing: `RefCell` is not `Sync`, so the value cannot cross threads (clippy "
                    + "`arc_with_non_send_sync`) and overlapping borrows panic at run time."
                    : "overlapping `borrow_mut()` calls through different clones panic at run time.";
        }
        if (owner.equals("Rc")) {
            return "the `Mutex` buys nothing: `Rc` never crosses threads (clippy `rc_mutex`).";
        }
        return "its correctness depends on every lock site: guards held across `.await`, lock order with "
                + "other locks, and invariants that span several lock calls.";
    }

    private static String hint(String[] shape) {
        String payload = shape[2].replaceAll("\\s+", "");
        if (shape[1].equals("Mutex") && SMALL.contains(payload)) {
            return " A `Mutex<" + payload + ">` can usually be an atomic (clippy `mutex_atomic`).";
        }
        return "";
    }
}
