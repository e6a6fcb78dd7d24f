package dev.rustreview.analysis.rules;
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
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AP2: lint and safety guards weakened. Added {@code #[allow(..)]} / {@code #![allow(..)]} (also inside
 * {@code cfg_attr}), removed {@code forbid}/{@code deny} attributes (reported on the old side), and the same
 * in Cargo.toml {@code [lints]} tables. HIGH when a silenced or un-denied lint is one the risk table relies
 * on (or a group containing it: {@code clippy::all}, {@code warnings}, ...); LOW when the allow applies to
 * test code.
 */
public final class LintGuardRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AP2", RiskArea.API, Severity.MEDIUM, "lint guard weakened",
            "#[allow(..)]/#![allow(..)] added, forbid/deny attributes removed, and the same in Cargo.toml [lints]; "
                    + "high when the lint is one of the risk table's (unsafe_code, clippy::unwrap_used, ...).",
            "It does not know which warnings the allow actually silences today, or lint settings passed on the command line.",
            "allow_attributes_without_reason");

    /** Lints named in RISK-RULES.md (clippy lints without prefix) plus rustc lints and groups that contain them. */
    static final Set<String> TABLE_LINTS = Set.of("await_holding_lock", "await_holding_refcell_ref",
            "future_not_send", "large_futures", "let_underscore_future", "arc_with_non_send_sync", "rc_mutex",
            "mutex_atomic", "declare_interior_mutable_const", "significant_drop_in_scrutinee", "if_let_mutex",
            "significant_drop_tightening", "undocumented_unsafe_blocks", "multiple_unsafe_ops_per_block",
            "non_send_fields_in_send_ty", "uninit_vec", "transmute_ptr_to_ref", "mem_forget",
            "not_unsafe_ptr_arg_deref", "unwrap_used", "expect_used", "panic", "todo", "indexing_slicing",
            "arithmetic_side_effects", "let_underscore_must_use", "map_err_ignore", "unused_result_ok",
            "allow_attributes_without_reason", "disallowed_methods", "all", "correctness", "suspicious",
            "restriction", "unsafe_code", "unsafe_op_in_unsafe_fn", "unused_must_use", "warnings",
            "text_direction_codepoint_in_literal", "text_direction_codepoint_in_comment", "improper_ctypes",
            "improper_ctypes_definitions", "invalid_value", "unused_unsafe", "missing_safety_doc");

    /**
     * The table's lints that are off unless a crate turns them on (clippy 0.1.95 `clippy-driver -W help`: level
     * allow; restriction, pedantic and nursery lints, and rustc's unsafe_code). Allowing one of them in Cargo.toml
     * silences nothing the crate was warned about before, unless the old manifest had turned it or its group on.
     */
    static final Set<String> OFF_BY_DEFAULT = Set.of("allow_attributes_without_reason", "arithmetic_side_effects",
            "expect_used", "future_not_send", "indexing_slicing", "large_futures", "let_underscore_must_use",
            "map_err_ignore", "mem_forget", "multiple_unsafe_ops_per_block", "mutex_atomic",
            "non_send_fields_in_send_ty", "panic", "rc_mutex", "significant_drop_in_scrutinee",
            "significant_drop_tightening", "todo", "undocumented_unsafe_blocks", "unused_result_ok", "unwrap_used",
            "unsafe_code", "restriction");
    private static final Set<String> OFF_GROUPS = Set.of("restriction", "pedantic", "nursery", "cargo");

    private static final Pattern LEVEL_CALL = Pattern.compile("\\b(allow|deny|forbid)\\s*\\(([^()]*)\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newTree() != null) {
            added(file, file.newTree(), out);
        }
        if (file.oldTree() != null) {
            removed(file, file.oldTree(), out);
        }
        if (DependencyRule.isManifest(file.path())) {
            manifest(file, out);
        }
        return out;
    }

    private void added(ChangedFile file, RustTree tree, List<Finding> out) {
        TreeIndex index = TreeIndex.of(tree);
        for (Node attr : index.nodes("attribute_item", "inner_attribute_item")) {
            if (!file.added(RustTree.startLine(attr))) {
                continue;
            }
            List<String> lints = lints(tree.text(attr), "allow");
            if (lints.isEmpty()) {
                continue;
            }
            boolean test = appliesToTest(file, tree, index, attr);
            List<String> risky = lints.stream().filter(LintGuardRule::inTable).toList();
            Severity severity = test ? Severity.LOW : risky.isEmpty() ? Severity.MEDIUM : Severity.HIGH;
            boolean inner = Syntax.is(attr, "inner_attribute_item");
            boolean reason = tree.text(attr).contains("reason");
            FindingBuilder b = FindingBuilder.at(INFO, file, attr)
                    .severity(severity)
                    .title("lint silenced: " + String.join(", ", lints))
                    .explanation("`" + SafetySyntax.brief(tree, attr) + "` turns off "
                            + String.join(", ", lints.stream().map(l -> "`" + l + "`").toList())
                            + (inner ? " for the whole enclosing module or crate" : " for the next item")
                            + (risky.isEmpty() ? "." : "; " + String.join(", ", risky.stream().map(l -> "`" + l + "`").toList())
                            + " guards exactly the kind of risk this review looks for, so the warning the compiler "
                            + "would give is now hidden.")
                            + (reason ? "" : " No `reason = ..` says why.")
                            + (test ? " It applies to test code." : ""))
                    .check("Check what the lint reported before the allow and whether the code should be fixed instead; "
                            + "prefer #[expect(.., reason = \"..\")] on the narrowest item.");
            lints.forEach(b::object);
            out.add(b.build());
        }
    }

    private void removed(ChangedFile file, RustTree tree, List<Finding> out) {
        String newText = file.newText() == null ? "" : file.newText().replaceAll("\\s+", "");
        for (Node attr : TreeIndex.of(tree).nodes("attribute_item", "inner_attribute_item")) {
            int line = RustTree.startLine(attr);
            if (!file.removed(line)) {
                continue;
            }
            String text = tree.text(attr);
            if (newText.contains(text.replaceAll("\\s+", ""))) {
                continue; // moved, not removed
            }
            List<String> lints = new ArrayList<>(lints(text, "forbid"));
            lints.addAll(lints(text, "deny"));
            if (lints.isEmpty()) {
                continue;
            }
            List<String> risky = lints.stream().filter(LintGuardRule::inTable).toList();
            FindingBuilder b = FindingBuilder.lines(INFO, file, Side.OLD, line, RustTree.endLine(attr))
                    .severity(risky.isEmpty() ? Severity.MEDIUM : Severity.HIGH)
                    .title("lint guard removed: `" + SafetySyntax.brief(text) + "`")
                    .explanation("The change removes `" + SafetySyntax.brief(text) + "`: "
                            + String.join(", ", lints.stream().map(l -> "`" + l + "`").toList())
                            + " no longer stops the build, so code it used to reject can now be added without anyone "
                            + "noticing." + (lints.contains("unsafe_code") ? " In particular, `unsafe` is now allowed in "
                            + "this crate or module." : ""))
                    .check("Check why the guard was removed and whether the code that needed it could be fixed instead.");
            lints.forEach(b::object);
            out.add(b.build());
        }
    }

    private void manifest(ChangedFile file, List<Finding> out) {
        CargoToml before = CargoToml.parse(file.oldText());
        CargoToml after = CargoToml.parse(file.newText());
        for (CargoToml.Entry was : before.entries()) {
            Optional<String> group = lintTable(was.table());
            if (group.isEmpty()) {
                if (isLintsWorkspace(was) && after.find(was.table(), was.key()).isEmpty()
                        && file.anyRemoved(was.startLine(), was.endLine())) {
                    out.add(FindingBuilder.lines(INFO, file, Side.OLD, was.startLine(), was.endLine())
                            .severity(Severity.HIGH)
                            .object("[lints] workspace = true")
                            .title("crate stops inheriting workspace lints")
                            .explanation("Removing `workspace = true` from [lints] drops every lint level the "
                                    + "workspace sets (forbid(unsafe_code), deny(clippy::unwrap_used), ...) for this crate.")
                            .check("Check the crate still sets the lints it needs itself.")
                            .build());
                }
                continue;
            }
            String lint = lintName(group.get(), was.key());
            String oldLevel = level(was.value());
            if (!(oldLevel.equals("forbid") || oldLevel.equals("deny"))) {
                continue;
            }
            Optional<CargoToml.Entry> now = after.find(was.table(), was.key());
            String newLevel = now.map(e -> level(e.value())).orElse("(unset)");
            if (newLevel.equals("forbid") || newLevel.equals("deny")) {
                continue;
            }
            boolean gone = now.isEmpty();
            if (gone ? !file.anyRemoved(was.startLine(), was.endLine())
                    : !file.anyAdded(now.get().startLine(), now.get().endLine())) {
                continue;
            }
            FindingBuilder b = gone ? FindingBuilder.lines(INFO, file, Side.OLD, was.startLine(), was.endLine())
                    : FindingBuilder.lines(INFO, file, Side.NEW, now.get().startLine(), now.get().endLine());
            out.add(b.severity(inTable(lint) ? Severity.HIGH : Severity.MEDIUM)
                    .object(lint)
                    .title("lint `" + lint + "` lowered from " + oldLevel + " to " + newLevel)
                    .explanation("Cargo.toml no longer " + oldLevel + "s `" + lint + "` (now " + newLevel + "): code "
                            + "the lint used to reject can be added without failing the build.")
                    .check("Check why the lint level was lowered and whether the offending code could be fixed instead.")
                    .build());
        }
        for (CargoToml.Entry is : after.entries()) {
            Optional<String> group = lintTable(is.table());
            if (group.isEmpty() || !level(is.value()).equals("allow") || !file.anyAdded(is.startLine(), is.endLine())) {
                continue;
            }
            String lint = lintName(group.get(), is.key());
            boolean wasAllowed = before.find(is.table(), is.key()).map(e -> level(e.value()).equals("allow")).orElse(false);
            if (wasAllowed || (offByDefault(lint) && !turnedOn(before, is.table(), is.key()))) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, is.startLine(), is.endLine())
                    .severity(inTable(lint) ? Severity.HIGH : Severity.MEDIUM)
                    .object(lint)
                    .title("lint `" + lint + "` allowed crate-wide")
                    .explanation("Cargo.toml sets `" + lint + "` to allow for the whole crate: its warnings disappear everywhere.")
                    .check("Check what the lint reported and whether an item-level #[expect] with a reason would do.")
                    .build());
        }
    }

    private static boolean offByDefault(String lint) {
        return OFF_BY_DEFAULT.contains(lint.startsWith("clippy::") ? lint.substring("clippy::".length()) : lint);
    }

    /**
     * Whether the old manifest turned the lint on: its own entry, or a group of off-by-default lints, at warn,
     * deny or forbid in the same lint table.
     */
    private static boolean turnedOn(CargoToml before, List<String> table, List<String> key) {
        for (CargoToml.Entry e : before.entries()) {
            if (!e.table().equals(table)) {
                continue;
            }
            boolean relevant = e.key().equals(key) || OFF_GROUPS.contains(e.key().get(0));
            String level = level(e.value());
            if (relevant && (level.equals("warn") || level.equals("deny") || level.equals("forbid"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLintsWorkspace(CargoToml.Entry e) {
        return e.table().equals(List.of("lints")) && e.key().equals(List.of("workspace"));
    }

    /** "rust", "clippy" or "rustdoc" for [lints.X] and [workspace.lints.X]. */
    private static Optional<String> lintTable(List<String> table) {
        if (table.size() == 2 && table.get(0).equals("lints")) {
            return Optional.of(table.get(1));
        }
        if (table.size() == 3 && table.get(0).equals("workspace") && table.get(1).equals("lints")) {
            return Optional.of(table.get(2));
        }
        return Optional.empty();
    }

    private static String lintName(String group, List<String> key) {
        String name = key.get(0);
        return group.equals("rust") ? name : group + "::" + name;
    }

    private static String level(String value) {
        String v = value.trim();
        if (v.startsWith("{")) {
            String level = CargoToml.inlineTable(v).get("level");
            return level == null ? "" : CargoToml.unquote(level);
        }
        return CargoToml.unquote(v);
    }

    /** The lints named in {@code level(..)} calls of an attribute (also inside cfg_attr), without reasons. */
    static List<String> lints(String attribute, String level) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = LEVEL_CALL.matcher(attribute);
        while (m.find()) {
            if (!m.group(1).equals(level)) {
                continue;
            }
            for (String part : m.group(2).split(",")) {
                String lint = part.replaceAll("\\s+", "");
                if (!lint.isEmpty() && !lint.startsWith("reason")) {
                    out.add(lint);
                }
            }
        }
        return List.copyOf(out);
    }

    static boolean inTable(String lint) {
        String name = lint.startsWith("clippy::") ? lint.substring("clippy::".length()) : lint;
        return TABLE_LINTS.contains(name);
    }

    /** Whether the attribute sits on test code (the item it decorates, or the module it is inside). */
    private static boolean appliesToTest(ChangedFile file, RustTree tree, TreeIndex index, Node attr) {
        if (file.isTestPath()) {
            return true;
        }
        if (Syntax.is(attr, "inner_attribute_item")) {
            return index.inTest(attr);
        }
        Node next = attr.getNextNamedSibling();
        while (next != null && !next.isNull() && Syntax.is(next, "attribute_item", "line_comment", "block_comment")) {
            if (Syntax.is(next, "attribute_item") && dev.rustreview.analysis.crate.TestCode.isTestAttribute(tree.text(next))) {
                return true;
            }
            next = next.getNextNamedSibling();
        }
        return index.inTest(next != null && !next.isNull() ? next : attr);
    }
}
