package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TreeCache;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** AL3: unchecked pinning APIs and hand-written pin projections. */
public final class PinUnchecked implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL3", RiskArea.ASYNC_LIFETIMES, Severity.HIGH,
            "Unchecked pinning",
            "Calls to `Pin::new_unchecked`, `Pin::into_inner_unchecked`, `get_unchecked_mut()` and "
                    + "`map_unchecked`/`map_unchecked_mut` (hand-written pin projection) in added code.",
            "It cannot verify the pinning contract: whether the pointee really never moves again, whether the "
                    + "projected field is structurally pinned, and whether `Drop` or a manual `Unpin` impl breaks it.");

    private final TreeCache cache;

    public PinUnchecked() {
        this(new TreeCache());
    }

    PinUnchecked(TreeCache cache) {
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
            Nav nav = cache.facts(tree).nav();
            for (Node call : nav.code("call_expression")) {
                Optional<String> kind = kind(nav, call);
                if (kind.isEmpty() || !file.touches(call)) {
                    continue;
                }
                String text = RuleSupport.snippet(nav, call);
                String where = nav.enclosingFn(call).map(f -> "`" + RuleSupport.fnName(nav, f) + "`")
                        .orElse("this item");
                int line = RustTree.startLine(call);
                out.add(FindingBuilder.at(INFO, file, call)
                        .object(kind.get()).object(text)
                        .title("`" + kind.get() + "` in " + where)
                        .explanation(explain(kind.get(), text, line, where))
                        .check("Check the safety argument: the value is never moved after this point (no "
                                + "`mem::swap`/`replace`, no move in `Drop`), the type does not implement `Unpin` "
                                + "by hand, and each projected field is either always pinned or never; prefer "
                                + "`pin-project-lite` or `std::pin::pin!`.")
                        .build());
            }
        });
        return out;
    }

    private static Optional<String> kind(Nav nav, Node call) {
        Optional<String> method = RuleSupport.methodName(nav, call);
        if (method.isPresent()) {
            String m = method.get();
            if (m.equals("get_unchecked_mut") && RuleSupport.args(nav, call).isEmpty()) {
                return method;
            }
            return m.equals("map_unchecked") || m.equals("map_unchecked_mut") ? method : Optional.empty();
        }
        Optional<String> path = RuleSupport.calleePath(nav, call);
        if (path.isEmpty() || !path.get().contains("Pin::")) {
            return Optional.empty();
        }
        String name = RuleSupport.lastSegment(path.get());
        String owner = RuleSupport.lastSegment(path.get().substring(0, path.get().length() - name.length() - 2));
        if (!owner.equals("Pin")) {
            return Optional.empty();
        }
        return switch (name) {
            case "new_unchecked", "into_inner_unchecked", "get_unchecked_mut", "map_unchecked",
                 "map_unchecked_mut" -> Optional.of("Pin::" + name);
            default -> Optional.empty();
        };
    }

    private static String explain(String kind, String text, int line, String where) {
        String head = "`" + text + "` on line " + line + " in " + where;
        if (kind.endsWith("new_unchecked")) {
            return head + " promises that the pointee will never move again until it is dropped; if anything "
                    + "later moves it (a `mem::swap`, a `Vec` growing, returning it by value), a self-referential "
                    + "future is left pointing into freed or stale memory.";
        }
        if (kind.endsWith("into_inner_unchecked")) {
            return head + " takes the pointer back out of the `Pin`; the caller must keep treating the pointee "
                    + "as pinned, which the compiler no longer checks.";
        }
        if (kind.endsWith("get_unchecked_mut")) {
            return head + " hands out `&mut` to pinned data: moving out of it (`mem::replace`, `take`, assigning "
                    + "a new value) breaks the pin guarantee for a `!Unpin` type.";
        }
        return head + " is a hand-written pin projection: it is sound only if the field is structurally pinned "
                + "everywhere (never moved out, not moved in `Drop`, the type has no manual `Unpin` impl).";
    }
}
