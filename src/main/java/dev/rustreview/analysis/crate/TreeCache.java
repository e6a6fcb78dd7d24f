package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.RustTree;

/**
 * The per-file index ({@link TypeFacts} with its {@link Nav}), built once per tree and kept on the tree itself
 * ({@link RustTree#derived}), so a file is indexed once rather than once per rule.
 */
public final class TreeCache {

    /** The index of {@code tree}, built on first use. */
    public static TypeFacts of(RustTree tree) {
        return tree.derived(TypeFacts.class, TypeFacts::of);
    }

    /** As {@link #of}; an instance so that rule sets can share one (kept for their constructors). */
    public TypeFacts facts(RustTree tree) {
        return of(tree);
    }
}
