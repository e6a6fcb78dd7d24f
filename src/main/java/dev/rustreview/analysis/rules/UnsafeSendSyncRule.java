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

/** US2: {@code unsafe impl Send} / {@code unsafe impl Sync}, naming type parameters that lack the matching bound. */
public final class UnsafeSendSyncRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US2", RiskArea.UNSAFE, Severity.CRITICAL, "unsafe impl Send/Sync",
            "An unsafe impl of Send or Sync added or edited, noting generic parameters without a matching Send/Sync bound.",
            "It cannot see the fields of the type, so it does not know which of them are not thread-safe.",
            "non_send_fields_in_send_ty");

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
        for (Node impl : TreeIndex.of(tree).nodes("impl_item")) {
            String trait = SafetySyntax.traitName(tree, impl);
            if (!Syntax.hasToken(impl, "unsafe") || !("Send".equals(trait) || "Sync".equals(trait))) {
                continue;
            }
            if (!SafetySyntax.addedCode(file, lines, RustTree.startLine(impl), RustTree.endLine(impl))) {
                continue;
            }
            String type = Syntax.field(impl, "type").map(t -> SafetySyntax.brief(tree, t)).orElse("?");
            List<String> unbounded = unboundedParameters(tree, impl, trait);
            String generic = unbounded.isEmpty() ? ""
                    : " `" + type + "` is generic and the impl does not require "
                    + String.join(", ", unbounded.stream().map(p -> "`" + p + ": " + trait + "`").toList())
                    + ", so it also claims thread safety for parameter types that are not " + trait + ".";
            FindingBuilder b = FindingBuilder.at(INFO, file, impl)
                    .object("unsafe impl " + trait + " for " + type)
                    .title("unsafe impl " + trait + " for `" + type + "`")
                    .explanation("The change promises the compiler that `" + type + "` is safe to "
                            + ("Send".equals(trait) ? "move to another thread" : "share between threads by reference")
                            + "; the compiler stops checking that, and a wrong promise is a data race." + generic)
                    .check("Check every field of `" + type + "` (raw pointers, Rc, Cell, RefCell, non-Send handles) "
                            + "and add `" + trait + "` bounds on type parameters unless the type never holds them across threads.");
            unbounded.forEach(p -> b.object(p + " without " + trait + " bound"));
            out.add(b.build());
        }
        return out;
    }

    /** Type parameters of the impl with no {@code trait} bound inline or in the where clause. */
    private static List<String> unboundedParameters(RustTree tree, Node impl, String trait) {
        List<String> out = new ArrayList<>();
        Node params = Syntax.field(impl, "type_parameters").orElse(null);
        if (params == null) {
            return out;
        }
        String where = "";
        for (Node child : Syntax.namedChildren(impl)) {
            if (Syntax.is(child, "where_clause")) {
                where = tree.text(child);
            }
        }
        for (Node p : Syntax.namedChildren(params)) {
            if (!Syntax.is(p, "type_parameter")) {
                continue;
            }
            String name = SafetySyntax.name(tree, p);
            String bounds = Syntax.field(p, "bounds").map(tree::text).orElse("");
            boolean bounded = mentions(bounds, trait) || whereBounds(where, name, trait);
            if (!bounded) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean whereBounds(String where, String param, String trait) {
        for (String predicate : where.replaceFirst("^\\s*where", "").split(",")) {
            String[] parts = predicate.split(":", 2);
            if (parts.length == 2 && parts[0].trim().equals(param) && mentions(parts[1], trait)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(String bounds, String trait) {
        return bounds.matches("(?s).*\\b" + trait + "\\b.*");
    }
}
