package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.CRITICAL;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A method called on a field whose type has no such method but derefs to one that has: the crate model resolves it
 * through the {@code Deref} impl (an import alias in the target included), so a guard accessor reached that way is
 * a lock like any other.
 */
class DerefMethodLockTest {

    private final DoubleLock rule = new DoubleLock();

    /** lsm-tree's tree (src/tree/mod.rs): the memtable lock and its guard accessor. */
    private static final String TREE = """
            use std::sync::{Arc, RwLock, RwLockWriteGuard};

            pub struct TreeInner {
                pub active_memtable: Arc<RwLock<Memtable>>,
            }

            pub struct Tree(pub Arc<TreeInner>);

            impl std::ops::Deref for Tree {
                type Target = TreeInner;

                fn deref(&self) -> &Self::Target {
                    &self.0
                }
            }

            impl AbstractTree for Tree {
                fn lock_active_memtable(&self) -> RwLockWriteGuard<'_, Memtable> {
                    self.active_memtable.write().expect("lock is poisoned")
                }
            }
            """;

    /** The blob tree's index (src/blob_tree/index.rs): a newtype that derefs to the tree under an alias. */
    private static final String INDEX = """
            use crate::{AbstractTree, Tree as LsmTree};

            pub struct IndexTree(pub LsmTree);

            impl std::ops::Deref for IndexTree {
                type Target = LsmTree;

                fn deref(&self) -> &Self::Target {
                    &self.0
                }
            }
            """;

    /** lsm-tree 9339b461 reversed: the flush locks the memtable and calls a fn that locks it again. */
    private static final String BLOB = """
              use index::IndexTree;

              pub struct BlobTree {
                  pub index: IndexTree,
              }

              impl BlobTree {
                  pub fn flush_active_memtable(&self, eviction_seqno: SeqNo) -> crate::Result<Option<Segment>> {
                      let Some((segment_id, yanked)) = self.index.rotate_memtable() else {
                          return Ok(None);
                      };
            +         let _lock = self.index.lock_active_memtable();
                      let segment = self.flush_memtable(segment_id, &yanked, eviction_seqno)?;
                      Ok(segment)
                  }

                  fn flush_memtable(&self, id: SegmentId, memtable: &Memtable, seqno: SeqNo) -> crate::Result<Option<Segment>> {
                      let _memtable_lock = self.lock_active_memtable();
                      self.index.consume_writer(id, memtable)
                  }

                  fn lock_active_memtable(&self) -> std::sync::RwLockWriteGuard<'_, Memtable> {
                      self.index.lock_active_memtable()
                  }
              }
            """;

    private static List<Finding> run(DoubleLock rule, String blob, String index) {
        return rule.check(Snippet.inCrate(Snippet.of("src/blob_tree/mod.rs", blob), Edition.E2021,
                Map.of("src/tree/mod.rs", TREE, "src/blob_tree/index.rs", index)));
    }

    @Test
    void aGuardAccessorReachedThroughTwoDerefsIsTheLockTheCalleeTakesAgain() {
        List<Finding> f = run(rule, BLOB, INDEX);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC1", CRITICAL, NEW, 10, 11));
        assertThat(f.get(0).title()).contains("TreeInner::active_memtable");
    }

    @Test
    void aCalleeThatNoLongerLocksAndAnAliasThatIsNotTheTreeAreQuiet() {
        String unlocked = BLOB.replace("          let _memtable_lock = self.lock_active_memtable();\n", "");
        assertThat(unlocked).isNotEqualTo(BLOB);
        assertThat(run(rule, unlocked, INDEX)).isEmpty();
        // the newtype derefs to another crate's type of the same name: not this crate's tree
        String foreign = INDEX.replace("use crate::{AbstractTree, Tree as LsmTree};", "use lsm::{AbstractTree, Tree as LsmTree};");
        assertThat(foreign).isNotEqualTo(INDEX);
        assertThat(run(rule, BLOB, foreign)).isEmpty();
    }
}
