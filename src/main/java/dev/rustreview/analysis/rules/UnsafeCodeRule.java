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
import java.util.ArrayList;
import java.util.List;

/**
 * US1: an {@code unsafe} block, fn, impl or trait that the change adds or edits. A region nested in another
 * reported region is not reported again, and {@code unsafe impl Send/Sync} is left to US2.
 */
public final class UnsafeCodeRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US1", RiskArea.UNSAFE, Severity.HIGH, "unsafe code added",
            "An unsafe block, unsafe fn, unsafe impl or unsafe trait whose lines the change adds or edits.",
            "It cannot tell whether the safety invariants hold; it only notes whether a // SAFETY: comment is present.",
            "undocumented_unsafe_blocks", "multiple_unsafe_ops_per_block");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        RustTree tree = file.newTree();
        if (tree == null) {
            return List.of();
        }
        SafetySyntax.Lines lines = new SafetySyntax.Lines(file.newText());
        List<Finding> out = new ArrayList<>();
        List<Node> reported = new ArrayList<>();
        TreeIndex index = TreeIndex.of(tree);
        for (Node node : index.nodes("unsafe_block", "function_item", "function_signature_item",
                "impl_item", "trait_item")) {
            String kind = unsafeKind(tree, index, node);
            if (kind == null || insideAny(node, reported)) {
                continue;
            }
            int start = RustTree.startLine(node);
            int end = RustTree.endLine(node);
            if (!SafetySyntax.addedCode(file, lines, start, end)) {
                continue;
            }
            reported.add(node);
            boolean documented = hasSafetyComment(lines, node);
            String what = describe(tree, node, kind);
            boolean isNew = file.added(start);
            // An edit inside an existing region that performs no unsafe operation itself is worth a look, not
            // a full re-proof of the region: medium.
            boolean safeEdit = !isNew && !SafetySyntax.addsUnsafeOperation(file, lines, start, end);
            out.add(FindingBuilder.at(INFO, file, node)
                    .severity(safeEdit ? Severity.MEDIUM : INFO.severity())
                    .object(what)
                    .title(what + (isNew ? " added" : " changed") + index.where(tree, node))
                    .explanation("The change " + (isNew ? "adds " : "edits code inside ") + what
                            + index.where(tree, node)
                            + ": inside it the compiler no longer checks aliasing, lifetimes or validity of raw "
                            + "pointers, so a mistake here is undefined behaviour rather than a compile error. "
                            + (documented ? "A // SAFETY: comment states the invariant it relies on."
                            : "No // SAFETY: comment states the invariant it relies on.")
                            + (safeEdit ? " The edited lines themselves perform no unsafe operation (no dereference, "
                            + "raw-pointer cast or unchecked call)." : ""))
                    .check("Name the invariant each unsafe operation needs and find where it is established; "
                            + "prefer a safe API if one exists.")
                    .build());
        }
        return out;
    }

    /** "block", "fn", "impl", "trait", or null when the node is not unsafe (or is US2's Send/Sync impl). */
    private static String unsafeKind(RustTree tree, TreeIndex index, Node node) {
        switch (node.getType()) {
            case "unsafe_block":
                return "block";
            case "function_item":
                return Syntax.isUnsafeFn(node) ? "fn" : null;
            case "function_signature_item":
                // Declarations in extern blocks are implicitly unsafe; US4 reports those.
                if (index.innermost(node, "foreign_mod_item").isPresent()) {
                    return null;
                }
                return Syntax.isUnsafeFn(node) ? "fn" : null;
            case "impl_item":
                if (!Syntax.hasToken(node, "unsafe")) {
                    return null;
                }
                String trait = SafetySyntax.traitName(tree, node);
                return "Send".equals(trait) || "Sync".equals(trait) ? null : "impl";
            case "trait_item":
                return Syntax.hasToken(node, "unsafe") ? "trait" : null;
            default:
                return null;
        }
    }

    private static String describe(RustTree tree, Node node, String kind) {
        return switch (kind) {
            case "block" -> "unsafe block";
            case "fn" -> "unsafe fn `" + SafetySyntax.name(tree, node) + "`";
            case "impl" -> "unsafe impl " + SafetySyntax.traitName(tree, node) + " for "
                    + SafetySyntax.implType(tree, node);
            default -> "unsafe trait `" + SafetySyntax.name(tree, node) + "`";
        };
    }

    private static boolean insideAny(Node node, List<Node> regions) {
        for (Node r : regions) {
            if (node.getStartByte() >= r.getStartByte() && node.getEndByte() <= r.getEndByte()) {
                return true;
            }
        }
        return false;
    }

    /** A {@code SAFETY:} comment (or a {@code # Safety} doc section) on the region's first line or the comments above it. */
    private static boolean hasSafetyComment(SafetySyntax.Lines lines, Node node) {
        int start = RustTree.startLine(node);
        if (lines.get(start).contains("SAFETY:")) {
            return true;
        }
        for (int line = start - 1; line >= 1; line--) {
            String t = lines.get(line).trim();
            boolean commentOrAttribute = t.startsWith("//") || t.startsWith("/*") || t.startsWith("*")
                    || t.startsWith("#[");
            if (!commentOrAttribute) {
                return false;
            }
            if (t.contains("SAFETY:") || t.contains("# Safety")) {
                return true;
            }
        }
        return false;
    }
}
