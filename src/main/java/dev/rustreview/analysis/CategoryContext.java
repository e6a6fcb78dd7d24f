package dev.rustreview.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the categorizer knows beyond one hunk: which traits are implemented for which types where, which traits
 * each file defines, and which types are error types. Built from the change set's new trees, and optionally
 * from unchanged sources of the crate.
 */
public final class CategoryContext {

    /** One {@code impl Trait for Type}: where, and for which type. */
    private record Impl(String path, String type) {
    }

    private final Set<String> paths;
    private final Map<String, List<Impl>> implsByTrait;
    private final Map<String, Set<String>> traitsByPath;
    private final Map<String, Set<String>> errorTypesByPath;
    /** Knows one file only: a question whose answer lies in other files is remembered, not answered. */
    private final boolean local;
    private volatile boolean askedOthers;

    private CategoryContext(Set<String> paths, Map<String, List<Impl>> implsByTrait,
                            Map<String, Set<String>> traitsByPath, Map<String, Set<String>> errorTypesByPath) {
        this(paths, implsByTrait, traitsByPath, errorTypesByPath, false);
    }

    private CategoryContext(Set<String> paths, Map<String, List<Impl>> implsByTrait,
                            Map<String, Set<String>> traitsByPath, Map<String, Set<String>> errorTypesByPath,
                            boolean local) {
        this.paths = paths;
        this.implsByTrait = implsByTrait;
        this.traitsByPath = traitsByPath;
        this.errorTypesByPath = errorTypesByPath;
        this.local = local;
    }

    /**
     * What {@code file} itself contributes (its impls, traits and error types), as a context that knows only it:
     * the analysis categorises each file on its worker with this, and {@link #askedOthers()} tells whether the
     * answer needed another file (then the file is categorised again with {@link #merged} of every file's).
     */
    static CategoryContext local(ChangedFile file) {
        CategoryContext own = of(List.of(file));
        return new CategoryContext(own.paths, own.implsByTrait, own.traitsByPath, own.errorTypesByPath, true);
    }

    /** Whether a {@link #local} context was asked something only other files can answer. */
    boolean askedOthers() {
        return askedOthers;
    }

    /** The files' contributions together, in the order given (the order {@link #of(List)} reads files in). */
    static CategoryContext merged(List<CategoryContext> inOrder) {
        Set<String> paths = new HashSet<>();
        Map<String, List<Impl>> impls = new HashMap<>();
        Map<String, Set<String>> traits = new HashMap<>();
        Map<String, Set<String>> errors = new HashMap<>();
        for (CategoryContext c : inOrder) {
            paths.addAll(c.paths);
            c.implsByTrait.forEach((trait, list) -> impls.computeIfAbsent(trait, k -> new ArrayList<>()).addAll(list));
            c.traitsByPath.forEach((path, set) -> traits.computeIfAbsent(path, k -> new HashSet<>()).addAll(set));
            c.errorTypesByPath.forEach((path, set) -> errors.computeIfAbsent(path, k -> new HashSet<>()).addAll(set));
        }
        return new CategoryContext(paths, impls, traits, errors);
    }

    /** A context that knows nothing; the categorizer still adds the file being categorized. */
    public static CategoryContext empty() {
        return new CategoryContext(Set.of(), Map.of(), Map.of(), Map.of());
    }

    /** A context over the change set's files (their new side). */
    public static CategoryContext of(List<ChangedFile> files) {
        Map<String, RustTree> sources = new LinkedHashMap<>();
        for (ChangedFile file : files) {
            if (file.newTree() != null) {
                sources.put(file.path(), file.newTree());
            }
        }
        return of(sources);
    }

    /**
     * A context over Rust sources by path: the changed files' new trees plus any unchanged files of the crate
     * the caller chooses to parse, so that an impl can be seen to mirror a sibling impl the change does not touch.
     */
    public static CategoryContext of(Map<String, RustTree> sources) {
        Map<String, List<Impl>> impls = new HashMap<>();
        Map<String, Set<String>> traits = new HashMap<>();
        Map<String, Set<String>> errors = new HashMap<>();
        for (Map.Entry<String, RustTree> source : sources.entrySet()) {
            String path = source.getKey();
            RustTree tree = source.getValue();
            for (Node node : tree.find(tree.root(), "impl_item", "trait_item", "enum_item", "struct_item")) {
                if (Syntax.is(node, "trait_item")) {
                    Syntax.field(node, "name").ifPresent(n -> traits.computeIfAbsent(path, k -> new HashSet<>())
                            .add(tree.text(n)));
                } else if (Syntax.is(node, "impl_item")) {
                    Optional<Node> trait = Syntax.field(node, "trait");
                    if (trait.isEmpty()) {
                        continue;
                    }
                    String type = Syntax.field(node, "type").map(t -> RustShapes.squash(tree.text(t))).orElse("?");
                    String name = RustShapes.lastSegment(RustShapes.stripGenerics(tree.text(trait.get())));
                    impls.computeIfAbsent(name, k -> new ArrayList<>()).add(new Impl(path, type));
                    if (name.equals("Error")) {
                        errors.computeIfAbsent(path, k -> new HashSet<>()).add(RustShapes.stripGenerics(type));
                    }
                } else if (RustShapes.derives(tree, node).contains("Error")) {
                    Syntax.field(node, "name").ifPresent(n -> errors.computeIfAbsent(path, k -> new HashSet<>())
                            .add(tree.text(n)));
                }
            }
        }
        return new CategoryContext(Set.copyOf(sources.keySet()), impls, traits, errors);
    }

    /** This context plus {@code file}'s own impls, trait definitions and error types, when not yet included. */
    CategoryContext including(ChangedFile file) {
        if (paths.contains(file.path()) || file.newTree() == null) {
            return this;
        }
        CategoryContext own = of(List.of(file));
        Map<String, List<Impl>> impls = new HashMap<>(implsByTrait);
        own.implsByTrait.forEach((k, v) -> impls.merge(k, v, (a, b) -> {
            List<Impl> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        Map<String, Set<String>> traits = new HashMap<>(traitsByPath);
        traits.putAll(own.traitsByPath);
        Map<String, Set<String>> errors = new HashMap<>(errorTypesByPath);
        errors.putAll(own.errorTypesByPath);
        Set<String> all = new HashSet<>(paths);
        all.add(file.path());
        return new CategoryContext(all, impls, traits, errors);
    }

    /**
     * The sibling impl that {@code impl trait for type} in {@code path} mirrors ("impl ExternalService for
     * RedisService in src/services/redis.rs"): the same trait implemented for another type in the same file,
     * or in another file when the trait is not defined in this one.
     */
    Optional<String> sibling(String path, String trait, String type) {
        boolean definedHere = traitsByPath.getOrDefault(path, Set.of()).contains(trait);
        Impl elsewhere = null;
        for (Impl impl : implsByTrait.getOrDefault(trait, List.of())) {
            if (impl.type().equals(type)) {
                continue;
            }
            if (impl.path().equals(path)) {
                return Optional.of("impl " + trait + " for " + impl.type());
            }
            if (!definedHere && elsewhere == null) {
                elsewhere = impl;
            }
        }
        if (local && !definedHere) {
            askedOthers = true; // another file may hold a sibling impl; this one had none
        }
        return Optional.ofNullable(elsewhere).map(i -> "impl " + trait + " for " + i.type() + " in " + i.path());
    }

    /** Types the file marks as errors ({@code #[derive(Error)]}, {@code impl Error for X}). */
    Set<String> errorTypes(String path) {
        return errorTypesByPath.getOrDefault(path, Set.of());
    }
}
