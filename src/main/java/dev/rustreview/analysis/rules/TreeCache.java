package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RustTree;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-file index ({@link TypeFacts} with its {@link Nav}) shared by the rules of one
 * {@link AsyncConcurrencyRules#all()} set, so a file's tree is walked once rather than once per rule. Holds the
 * few most recent trees only; a miss just rebuilds the index.
 */
final class TreeCache {

    private static final int SIZE = 4;

    private final Map<RustTree, TypeFacts> recent = new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RustTree, TypeFacts> eldest) {
            return size() > SIZE;
        }
    };

    /** The index of {@code tree}, built on first use (outside the lock, so threads never wait for each other). */
    TypeFacts facts(RustTree tree) {
        synchronized (recent) {
            TypeFacts cached = recent.get(tree);
            if (cached != null) {
                return cached;
            }
        }
        TypeFacts built = TypeFacts.of(tree);
        synchronized (recent) {
            recent.putIfAbsent(tree, built);
            return recent.get(tree);
        }
    }
}
