package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lock, guard and call patterns of real bugs, on small crates shaped like the code they come from: a sharded
 * map whose length walks every shard, a broadcast channel whose waiter list is woken through a method of the
 * guarded state, a queue whose callback runs under its lock, an executor whose drop guard locks. Each change
 * is in one file and calls into a second file of the crate that the rules see only through the crate model.
 */
class LockRecallPatternsTest {

    /** A sharded map: `len` and `shard_sizes` read-lock every shard (unchanged file). */
    private static final String SHARDS = """
            use parking_lot::RwLock;
            use std::collections::HashMap;

            pub struct ShardedMap<K, V> {
                shards: Box<[RwLock<HashMap<K, V>>]>,
                hasher: RandomState,
            }

            impl<K, V> ShardedMap<K, V> {
                pub fn len(&self) -> usize {
                    self.count_all()
                }

                fn count_all(&self) -> usize {
                    self.shards.iter().map(|s| s.read().len()).sum()
                }

                pub fn capacity_of(&self, idx: usize) -> usize {
                    idx * 2
                }
            }
            """;

    private static ChangedFile inCrate(String path, String source, Map<String, String> others) {
        ChangedFile added = Snippet.of(path, source.lines().map(l -> "+ " + l + "\n").reduce("", String::concat));
        return Snippet.inCrate(added, Edition.E2021, others);
    }

    @Test
    void guardTemporaryAliveWhileAnArgumentLocksEveryShardAgain() {
        Finding f = assertSingle(new DoubleLock(), inCrate("src/shrink.rs", """
                use crate::map::ShardedMap;

                impl<K, V> ShardedMap<K, V> {
                    pub fn shrink_to_fit(&self) {
                        self.shards.iter().for_each(|s| {
                            s.write().shrink_to(self.len(), |k| hash(k));
                        });
                    }
                }
                """, Map.of("src/map.rs", SHARDS)), "CC1", Severity.HIGH, 6, 6);
        assertThat(f.title()).contains("self.len()").contains("ShardedMap::shards[]");
        assertThat(f.explanation()).contains("`ShardedMap::len` → `ShardedMap::count_all`")
                .contains("alive to the end of its statement");
    }

    @Test
    void sizeReadThroughTheGuardItselfOrAfterTheStatementIsNotADoubleLock() {
        assertNone(new DoubleLock(), inCrate("src/shrink.rs", """
                use crate::map::ShardedMap;

                impl<K, V> ShardedMap<K, V> {
                    pub fn shrink_to_fit(&self) {
                        self.shards.iter().for_each(|s| {
                            let mut shard = s.write();
                            let size = shard.len();
                            shard.shrink_to(size, |k| hash(k));
                        });
                    }

                    pub fn report(&self) -> usize {
                        for s in self.shards.iter() {
                            s.write().clear();
                        }
                        let total = self.len();
                        self.shards[0].write().reserve(self.capacity_of(total));
                        total
                    }
                }
                """, Map.of("src/map.rs", SHARDS)));
    }
}
