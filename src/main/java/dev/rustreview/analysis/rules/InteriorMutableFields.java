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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SS3: struct fields of {@code Cell}, {@code RefCell} or {@code UnsafeCell}. */
public final class InteriorMutableFields implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("SS3", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "Interior-mutable field",
            "An added struct field (named or tuple) whose type contains `std::cell::Cell`, `RefCell` or "
                    + "`UnsafeCell` (an `Rc<RefCell<..>>` field is left to SS1); low in test code.",
            "It cannot see whether the struct is shared across threads, which methods mutate the cell through "
                    + "`&self`, or whether a `RefCell` borrow can overlap; a `Cell` type that is not "
                    + "`std::cell::Cell` by the file's imports is ignored.");

    private static final Set<String> CELLS = Set.of("Cell", "RefCell", "UnsafeCell");

    private final TreeCache cache;

    public InteriorMutableFields() {
        this(new TreeCache());
    }

    InteriorMutableFields(TreeCache cache) {
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
            for (Node decl : nav.code("field_declaration", "ordered_field_declaration_list")) {
                List<Node> types = nav.is(decl, "ordered_field_declaration_list")
                        ? nav.namedChildren(decl).stream().filter(n -> !nav.is(n, "visibility_modifier",
                        "attribute_item", "line_comment", "block_comment")).toList()
                        : nav.field(decl, "type").map(List::of).orElse(List.of());
                for (Node type : types) {
                    if (!file.touches(type) || SharedLockedState.sharedType(nav, facts, type).isPresent()) {
                        continue;
                    }
                    cell(nav, facts, type).ifPresent(cell -> out.add(finding(nav, file, decl, type, cell)));
                }
            }
        });
        return out;
    }

    private static Optional<String> cell(Nav nav, TypeFacts facts, Node type) {
        for (String path : facts.typePaths(RuleSupport.typeText(nav, type))) {
            String last = RuleSupport.lastSegment(path);
            if (!CELLS.contains(last)) {
                continue;
            }
            boolean std = path.startsWith("std::cell::") || path.startsWith("cell::");
            if (std || (!path.contains("::") && !last.equals("Cell"))) {
                return Optional.of(last);
            }
        }
        return Optional.empty();
    }

    private static Finding finding(Nav nav, ChangedFile file, Node decl, Node type, String cell) {
        RustTree tree = nav.tree();
        String name = nav.field(decl, "name").map(tree::text).orElse(null);
        String owner = nav.enclosing(decl, "struct_item").flatMap(s -> nav.field(s, "name"))
                .map(tree::text).orElse("?");
        String what = name != null ? "field `" + name + "`" : "a tuple field";
        String typeText = RuleSupport.snippet(nav, type);
        int line = RustTree.startLine(type);
        String risk = switch (cell) {
            case "RefCell" -> "overlapping `borrow_mut()`s panic at run time and the struct becomes `!Sync`";
            case "UnsafeCell" -> "every access must be proven exclusive by hand, and any `unsafe impl Sync` on "
                    + "`" + owner + "` rests on that proof";
            default -> "the struct becomes `!Sync`, and code that reads it twice may see two different values";
        };
        return FindingBuilder.at(INFO, file, type)
                .severity(nav.isTestCode(file, decl) ? Severity.LOW : Severity.MEDIUM)
                .object(name != null ? name : owner).object(typeText)
                .title("`" + owner + "` gains interior-mutable " + what + " (`" + cell + "`)")
                .explanation(what.substring(0, 1).toUpperCase() + what.substring(1) + " of `" + owner + "` (line "
                        + line + ") is `" + typeText + "`: it can change through `&self`, so methods that look "
                        + "read-only mutate state; " + risk + ".")
                .check("Check which `&self` methods mutate `" + (name != null ? name : owner) + "`, that no borrow "
                        + "or reference into it is held across a call that could touch it again, and that `" + owner
                        + "` is not expected to be `Sync`.")
                .build();
    }
}
