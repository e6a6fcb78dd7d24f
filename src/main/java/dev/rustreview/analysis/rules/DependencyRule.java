package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * BD1: one finding per dependency added, removed or changed in a Cargo manifest (any dependency table:
 * normal, dev, build, target-specific, workspace, and [patch]/[replace] overrides), naming it and its
 * old and new version; plus a changed {@code edition}. Medium, except that adding an internal dependency is
 * low: one inherited with {@code workspace = true} (vetted where the workspace declares it) or a relative
 * {@code path} to a sibling crate (no new third-party code). An absolute path or a git source stays medium.
 */
public final class DependencyRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("BD1", RiskArea.BUILD, Severity.MEDIUM, "dependency changed",
            "A dependency added, removed, or with changed version/features/source in any Cargo.toml dependency "
                    + "table (git and path sources named; a workspace-inherited or sibling-path addition is low), "
                    + "and a changed edition.",
            "It reads Cargo.toml only: what actually resolves (Cargo.lock, transitive updates, yanked versions) is not checked.");

    private static final Set<String> KINDS = Set.of("dependencies", "dev-dependencies", "build-dependencies",
            "dev_dependencies", "build_dependencies");

    /** One dependency: where it is declared and its attributes (version, features, git, path, ...). */
    record Dependency(String table, String name, Map<String, String> attributes, int startLine, int endLine) {

        String version() {
            String v = attributes.get("version");
            return v == null ? null : CargoToml.unquote(v);
        }

        String source() {
            if (attributes.containsKey("git")) {
                String pin = attributes.containsKey("rev") ? " rev " + CargoToml.unquote(attributes.get("rev"))
                        : attributes.containsKey("tag") ? " tag " + CargoToml.unquote(attributes.get("tag"))
                        : attributes.containsKey("branch") ? " branch " + CargoToml.unquote(attributes.get("branch"))
                        : " (no rev: follows the default branch)";
                return "git " + CargoToml.unquote(attributes.get("git")) + pin;
            }
            if (attributes.containsKey("path")) {
                return "path " + CargoToml.unquote(attributes.get("path"));
            }
            return null;
        }
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    static boolean isManifest(String path) {
        String p = path.replace('\\', '/');
        return p.equals("Cargo.toml") || p.endsWith("/Cargo.toml");
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!isManifest(file.path())) {
            return List.of();
        }
        CargoToml before = CargoToml.parse(file.oldText());
        CargoToml after = CargoToml.parse(file.newText());
        Map<String, Dependency> old = dependencies(before);
        Map<String, Dependency> now = dependencies(after);
        List<Finding> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(old.keySet());
        for (String key : keys) {
            Dependency was = old.get(key);
            Dependency is = now.get(key);
            if (was == null) {
                if (file.anyAdded(is.startLine(), is.endLine())) {
                    out.add(added(file, is));
                }
            } else if (is == null) {
                if (file.anyRemoved(was.startLine(), was.endLine())) {
                    out.add(FindingBuilder.lines(INFO, file, Side.OLD, was.startLine(), was.endLine())
                            .object(was.name())
                            .title("dependency `" + was.name() + "` removed [" + was.table() + "]")
                            .explanation("`" + was.name() + "`" + (was.version() == null ? "" : " " + was.version())
                                    + " is removed from [" + was.table() + "]. Code (or a feature of another crate) "
                                    + "that still relies on it fails to build, or silently loses behaviour it enabled.")
                            .check("Check nothing still uses the crate (including through features and re-exports).")
                            .build());
                }
            } else if (!normalized(was).equals(normalized(is)) && file.anyAdded(is.startLine(), is.endLine())) {
                out.add(changed(file, was, is));
            }
        }
        edition(file, before, after, out);
        return out;
    }

    private static Finding added(ChangedFile file, Dependency d) {
        String source = d.source();
        String version = d.version();
        List<String> features = features(d);
        Optional<String> internal = internal(d);
        return FindingBuilder.lines(INFO, file, Side.NEW, d.startLine(), d.endLine())
                .severity(internal.isPresent() ? Severity.LOW : Severity.MEDIUM)
                .object(d.name())
                .title("dependency `" + d.name() + "` added [" + d.table() + "]"
                        + (version == null ? "" : " " + version))
                .explanation("The change adds `" + d.name() + "`" + (version == null ? "" : " " + version)
                        + " to [" + d.table() + "]" + (features.isEmpty() ? "" : " with features " + features)
                        + ". Its code (and its build script or proc macros) runs on every developer's and CI machine and "
                        + "ships in the program." + internal.map(i -> " " + i).orElse(sourceNote(source))
                        + renameNote(d))
                .check("Check it is the intended crate (name typos, maintenance, licence), that the version "
                        + "requirement is deliberate, and whether an existing dependency already does the job.")
                .build();
    }

    private static Finding changed(ChangedFile file, Dependency was, Dependency is) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(was.version(), is.version())) {
            changes.add("version " + (was.version() == null ? "(none)" : was.version()) + " → "
                    + (is.version() == null ? "(none)" : is.version()));
        }
        Set<String> oldFeatures = new TreeSet<>(features(was));
        Set<String> newFeatures = new TreeSet<>(features(is));
        Set<String> gained = new TreeSet<>(newFeatures);
        gained.removeAll(oldFeatures);
        Set<String> lost = new TreeSet<>(oldFeatures);
        lost.removeAll(newFeatures);
        if (!gained.isEmpty()) {
            changes.add("features added " + gained);
        }
        if (!lost.isEmpty()) {
            changes.add("features removed " + lost);
        }
        Set<String> attrs = new TreeSet<>(was.attributes().keySet());
        attrs.addAll(is.attributes().keySet());
        attrs.remove("version");
        attrs.remove("features");
        for (String a : attrs) {
            String o = was.attributes().get(a);
            String n = is.attributes().get(a);
            if (!Objects.equals(o == null ? null : CargoToml.unquote(o), n == null ? null : CargoToml.unquote(n))) {
                changes.add(a + " " + (o == null ? "(unset)" : CargoToml.unquote(o)) + " → "
                        + (n == null ? "(unset)" : CargoToml.unquote(n)));
            }
        }
        String summary = changes.isEmpty() ? "declaration changed" : String.join(", ", changes);
        return FindingBuilder.lines(INFO, file, Side.NEW, is.startLine(), is.endLine())
                .object(is.name())
                .title("dependency `" + is.name() + "` changed: " + summary)
                .explanation("`" + is.name() + "` in [" + is.table() + "]: " + summary + ". A new version or feature "
                        + "set changes the code that is compiled in (and may pull new transitive dependencies)."
                        + sourceNote(is.source()))
                .check("Read the crate's changelog between the two versions and check the lock file moved as intended.")
                .build();
    }

    /**
     * Why an added dependency is an internal one (low): inherited from [workspace.dependencies], where its
     * version was already chosen, or a relative path to a crate of the same repository.
     */
    private static Optional<String> internal(Dependency d) {
        String workspace = d.attributes().get("workspace");
        if (workspace != null && CargoToml.unquote(workspace).equals("true")) {
            return Optional.of("It is inherited from [workspace.dependencies], where its version and source were chosen.");
        }
        String path = d.attributes().get("path");
        if (path != null && !d.attributes().containsKey("git") && !d.attributes().containsKey("version")) {
            String p = CargoToml.unquote(path);
            if (!p.startsWith("/") && !p.startsWith("~") && !p.matches("^[A-Za-z]:.*")) {
                return Optional.of("It is a crate of this repository (path " + p + "), not new third-party code.");
            }
        }
        return Optional.empty();
    }

    private static String sourceNote(String source) {
        if (source == null) {
            return "";
        }
        return source.startsWith("git") ? " It comes from " + source + ", not from crates.io: no published, immutable "
                + "release, no crates.io yank or advisory tracking." : " It comes from a local " + source
                + ", outside this crate's review scope.";
    }

    private static String renameNote(Dependency d) {
        String pkg = d.attributes().get("package");
        return pkg == null ? "" : " It is a rename of the package `" + CargoToml.unquote(pkg) + "`.";
    }

    private static List<String> features(Dependency d) {
        String f = d.attributes().get("features");
        return f == null ? List.of() : CargoToml.array(f);
    }

    /** Attributes with unquoted strings and sorted feature lists, so formatting changes do not count. */
    private static Map<String, String> normalized(Dependency d) {
        Map<String, String> out = new LinkedHashMap<>();
        d.attributes().forEach((k, v) -> out.put(k, k.equals("features")
                ? String.valueOf(new TreeSet<>(CargoToml.array(v))) : CargoToml.unquote(v).replaceAll("\\s+", "")));
        return new java.util.TreeMap<>(out);
    }

    /** Every dependency of a manifest, keyed by table and name. */
    static Map<String, Dependency> dependencies(CargoToml toml) {
        Map<String, Dependency> out = new LinkedHashMap<>();
        for (CargoToml.Entry e : toml.entries()) {
            List<String> t = e.table();
            if (isDependencyTable(t)) {
                String name = e.key().get(0);
                Map<String, String> attrs = new LinkedHashMap<>();
                if (e.key().size() == 1) {
                    if (e.value().startsWith("{")) {
                        attrs.putAll(CargoToml.inlineTable(e.value()));
                    } else {
                        attrs.put("version", e.value());
                    }
                } else {
                    attrs.put(String.join(".", e.key().subList(1, e.key().size())), e.value());
                }
                merge(out, label(t), name, attrs, e.startLine(), e.endLine());
            } else if (t.size() >= 2 && isDependencyTable(t.subList(0, t.size() - 1))) {
                String name = t.get(t.size() - 1);
                merge(out, label(t.subList(0, t.size() - 1)), name,
                        Map.of(String.join(".", e.key()), e.value()), e.startLine(), e.endLine());
            }
        }
        // A table-form dependency ([dependencies.foo]) spans from its header.
        for (CargoToml.Header h : toml.headers()) {
            List<String> t = h.table();
            if (t.size() >= 2 && isDependencyTable(t.subList(0, t.size() - 1))) {
                String key = label(t.subList(0, t.size() - 1)) + "|" + t.get(t.size() - 1);
                Dependency d = out.get(key);
                int end = toml.lastLineOf(t, h.line());
                out.put(key, d == null ? new Dependency(label(t.subList(0, t.size() - 1)), t.get(t.size() - 1), Map.of(),
                        h.line(), end) : new Dependency(d.table(), d.name(), d.attributes(), h.line(), Math.max(end, d.endLine())));
            }
        }
        return out;
    }

    private static void merge(Map<String, Dependency> out, String table, String name, Map<String, String> attrs,
                              int start, int end) {
        out.merge(table + "|" + name, new Dependency(table, name, attrs, start, end), (a, b) -> {
            Map<String, String> all = new LinkedHashMap<>(a.attributes());
            all.putAll(b.attributes());
            return new Dependency(table, name, all, Math.min(a.startLine(), b.startLine()), Math.max(a.endLine(), b.endLine()));
        });
    }

    private static boolean isDependencyTable(List<String> t) {
        if (t.isEmpty()) {
            return false;
        }
        String last = t.get(t.size() - 1);
        if (t.size() == 1) {
            return KINDS.contains(last) || last.equals("replace");
        }
        if (t.size() == 2) {
            return (t.get(0).equals("workspace") && last.equals("dependencies")) || t.get(0).equals("patch");
        }
        return t.size() == 3 && t.get(0).equals("target") && KINDS.contains(last);
    }

    private static String label(List<String> table) {
        List<String> parts = new ArrayList<>();
        for (String p : table) {
            parts.add(p.matches("[A-Za-z0-9_-]+") ? p : "'" + p + "'");
        }
        return String.join(".", parts);
    }

    private static void edition(ChangedFile file, CargoToml before, CargoToml after, List<Finding> out) {
        for (List<String> table : List.of(List.of("package"), List.of("workspace", "package"))) {
            CargoToml.Entry was = before.find(table, List.of("edition")).orElse(null);
            CargoToml.Entry is = after.find(table, List.of("edition")).orElse(null);
            if (is == null || file.oldText() == null || !file.anyAdded(is.startLine(), is.endLine())) {
                continue;
            }
            String o = was == null ? "(default 2015)" : CargoToml.unquote(was.value());
            String n = CargoToml.unquote(is.value());
            if (o.equals(n)) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, is.startLine(), is.endLine())
                    .object("edition")
                    .title("edition " + o + " → " + n)
                    .explanation("The " + String.join(".", table) + " edition changes from " + o + " to " + n
                            + ": language rules change with it (e.g. 2024 makes `unsafe extern` blocks and "
                            + "unsafe_op_in_unsafe_fn stricter, changes temporary lifetimes in `if let` and tail "
                            + "expressions, and RPIT lifetime capture), so unchanged code can behave differently.")
                    .check("Check `cargo fix --edition` was run and the edition guide's list of changes for "
                            + "drop-order and temporary-lifetime effects in this crate.")
                    .build());
        }
    }
}
