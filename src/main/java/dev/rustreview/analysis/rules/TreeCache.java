package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RustTree;

/**
 * Gives the rules of one {@link AsyncConcurrencyRules#all()} set the per-file index ({@link TypeFacts} with its
 * {@link Nav}), built once per tree and kept on the tree itself ({@link RustTree#derived}), so a file is
 * indexed once rather than once per rule.
 */
final class TreeCache {

    /** The index of {@code tree}, built on first use. */
    TypeFacts facts(RustTree tree) {
        return tree.derived(TypeFacts.class, TypeFacts::of);
    }
}
