package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.rules.ApiSurface.Item;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AP1: the public API of a library file, compared item by item between the old and new tree.
 * Calibration: a newly added pub item is LOW (additive); a removed pub item, a changed signature, a
 * widened or narrowed visibility and a toggled {@code #[non_exhaustive]} are MEDIUM, and so are additions
 * that break downstream code: a variant added to an existing exhaustive pub enum and a required method
 * added to an existing pub trait. Children of an added or removed container (fields, variants, trait
 * items) are not reported separately, and the pub methods of a newly added inherent impl are one finding.
 */
public final class PublicApiRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AP1", RiskArea.API, Severity.MEDIUM, "public API changed",
            "pub items added (low), removed, signature-changed, visibility-widened or #[non_exhaustive]-toggled "
                    + "(medium), compared between the old and new file by item path; all low in a program (a crate with "
                    + "src/main.rs and no src/lib.rs).",
            "It sees one file at a time: an item moved to another file looks removed here and added there, and "
                    + "re-exports from other files are not followed; a [lib] with a custom path in Cargo.toml is not seen.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || !libraryPath(file.path()) || (file.newTree() == null && file.oldTree() == null)) {
            return List.of();
        }
        Map<String, Item> before = file.oldTree() == null ? Map.of() : ApiSurface.collect(file.oldTree());
        Map<String, Item> after = file.newTree() == null ? Map.of() : ApiSurface.collect(file.newTree());
        List<Finding> out = new ArrayList<>();
        Map<Integer, List<Item>> newImpls = new LinkedHashMap<>();
        for (Item now : after.values()) {
            Item was = before.get(now.key());
            if (now.isPublic()) {
                if (was == null) {
                    added(file, now, before, after, out, newImpls);
                } else if (!was.isPublic()) {
                    if (file.anyAdded(now.headerStart(), now.headerEnd())) {
                        out.add(medium(file, Side.NEW, now, "visibility widened: " + now.label(),
                                now.label() + " was " + describe(was.visibility()) + " and is now `pub`: it becomes part of "
                                        + "the crate's public API, which downstream code may start to depend on."));
                    }
                } else {
                    changed(file, was, now, out);
                }
            } else if (was != null && was.isPublic() && !parentGone(was, before, after)
                    && file.anyAdded(now.headerStart(), now.headerEnd())) {
                out.add(medium(file, Side.NEW, now, "visibility narrowed: " + now.label(),
                        now.label() + " was `pub` and is now " + describe(now.visibility())
                                + ": downstream code using it no longer compiles."));
            }
        }
        for (Item was : before.values()) {
            if (was.isPublic() && !after.containsKey(was.key()) && !parentGone(was, before, after)
                    && file.anyRemoved(was.headerStart(), was.headerEnd())) {
                out.add(medium(file, Side.OLD, was, "pub item removed: " + was.label(),
                        "The change removes " + was.label() + " from the public API: downstream code that uses it "
                                + "no longer compiles (or it moved; check for a re-export)."));
            }
        }
        for (List<Item> impl : newImpls.values()) {
            Item first = impl.get(0);
            String names = String.join(", ", impl.stream().map(i -> "`" + i.name() + "`").toList());
            String type = first.parentKey().startsWith("::") ? first.parentKey().substring(2) : first.parentKey();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, first.implStart(), first.implEnd())
                    .severity(Severity.LOW)
                    .object("impl " + type)
                    .title("new pub methods on `" + type + "`")
                    .explanation("A new impl block adds pub " + names + " to `" + type + "`: additive API, "
                            + "but every pub method is a promise to keep its signature stable.")
                    .check("Check the names, argument types and error types are the ones the crate wants to commit to.")
                    .build());
        }
        if (!out.isEmpty() && file.crate().binaryOnly()) {
            // Seen reviewing an agent's branch of an application: "breaks every downstream match" on a program's
            // internal enum is noise; `pub` there only reaches other modules of the same program.
            return out.stream().map(f -> f.lowered(Severity.LOW, "This crate is a program (src/main.rs, no "
                    + "src/lib.rs): no other crate can use the item, so the change stays inside it.")).toList();
        }
        return out;
    }

    private void added(ChangedFile file, Item now, Map<String, Item> before, Map<String, Item> after,
                       List<Finding> out, Map<Integer, List<Item>> newImpls) {
        if (!file.anyAdded(now.headerStart(), now.headerEnd())) {
            return;
        }
        Item parentBefore = now.parentKey() == null ? null : before.get(now.parentKey());
        Item parentAfter = now.parentKey() == null ? null : after.get(now.parentKey());
        if (now.implStart() > 0) {
            if (file.added(now.implStart()) && !before.containsKey(now.key())) {
                newImpls.computeIfAbsent(now.implStart(), k -> new ArrayList<>()).add(now);
                return;
            }
        } else if (now.parentKey() != null && (parentBefore == null || !parentBefore.isPublic())) {
            return; // a child of a new container: the container's finding covers it
        }
        if (now.kind().equals("variant") && parentAfter != null && !parentAfter.nonExhaustive()) {
            out.add(medium(file, Side.NEW, now, "variant added to exhaustive enum: " + now.label(),
                    "`" + now.parentKey().replaceFirst("^::", "") + "` is a pub enum without #[non_exhaustive]: adding "
                            + "variant `" + now.name() + "` breaks every downstream `match` that lists all variants."));
            return;
        }
        if (parentAfter != null && parentAfter.kind().equals("trait") && now.kind().equals("fn") && !now.hasDefault()) {
            out.add(medium(file, Side.NEW, now, "required method added to pub trait: " + now.label(),
                    "Adding `" + now.name() + "` without a default body to pub trait `"
                            + now.parentKey().replaceFirst("^::", "") + "` breaks every downstream implementor."));
            return;
        }
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, now.headerStart(), now.headerEnd())
                .severity(Severity.LOW)
                .object(now.displayName())
                .title("new pub " + now.label())
                .explanation("The change adds " + now.label() + " to the public API: additive, but it is a promise "
                        + "to keep its name and signature stable.")
                .check("Check it should be public (not pub(crate)) and that its signature is one the crate wants to commit to.")
                .build());
    }

    private void changed(ChangedFile file, Item was, Item now, List<Finding> out) {
        boolean touched = file.anyAdded(now.attributeStart(), now.headerEnd())
                || file.anyRemoved(was.attributeStart(), was.headerEnd());
        if (!touched) {
            return;
        }
        if (!was.signature().equals(now.signature())) {
            out.add(medium(file, Side.NEW, now, "signature changed: " + now.label(),
                    "The signature of pub " + now.label() + " changed from `" + SafetySyntax.brief(was.signature())
                            + "` to `" + SafetySyntax.brief(now.signature()) + "`" + hint(was.signature(), now.signature())
                            + ": downstream callers and implementors may no longer compile or may behave differently."));
        }
        if (was.nonExhaustive() != now.nonExhaustive()) {
            out.add(medium(file, Side.NEW, now, "#[non_exhaustive] " + (now.nonExhaustive() ? "added to " : "removed from ")
                            + now.label(),
                    now.nonExhaustive()
                            ? "Adding #[non_exhaustive] to " + now.label() + " breaks downstream exhaustive matches and struct literals."
                            : "Removing #[non_exhaustive] from " + now.label() + " means every future variant or field "
                            + "added is a breaking change, and downstream code may now match exhaustively."));
        }
    }

    private static String hint(String before, String after) {
        boolean wasAsync = before.startsWith("async") || before.contains(" async");
        boolean isAsync = after.startsWith("async") || after.contains(" async");
        if (!wasAsync && isAsync) {
            return " (it became `async fn`: callers must now `.await` it and the future must be Send to be spawned)";
        }
        if (wasAsync && !isAsync) {
            return " (it is no longer `async`)";
        }
        return "";
    }

    private static boolean parentGone(Item item, Map<String, Item> before, Map<String, Item> after) {
        if (item.parentKey() == null) {
            return false;
        }
        Item p = after.get(item.parentKey());
        Item old = before.get(item.parentKey());
        return old != null && old.isPublic() && (p == null || !p.isPublic());
    }

    private static Finding medium(ChangedFile file, Side side, Item item, String title, String explanation) {
        return FindingBuilder.lines(INFO, file, side, item.headerStart(), item.headerEnd())
                .severity(Severity.MEDIUM)
                .object(item.displayName())
                .title(title)
                .explanation(explanation)
                .check("Check whether this is meant to be a breaking change (semver bump, changelog) and whether "
                        + "callers in other crates of the workspace were updated.")
                .build();
    }

    private static String describe(ApiSurface.Visibility v) {
        return v == ApiSurface.Visibility.PRIVATE ? "private" : "restricted (pub(crate)/pub(super) or in a private module)";
    }

    /** Binaries, tests, examples, benches and build scripts have no public API. */
    static boolean libraryPath(String path) {
        String p = "/" + path.replace('\\', '/').toLowerCase(Locale.ROOT);
        return !(p.endsWith("/main.rs") || p.contains("/src/bin/") || p.contains("/tests/") || p.contains("/examples/")
                || p.contains("/benches/") || p.endsWith("/build.rs"));
    }
}
