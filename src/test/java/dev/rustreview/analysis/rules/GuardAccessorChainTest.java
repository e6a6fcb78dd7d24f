package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lock taken through a guard accessor of one of a collection's mutexes, and a method called on the value of its
 * temporary guard: garage's block manager with e4c9a8cd reversed.
 */
class GuardAccessorChainTest {

    private final DoubleLock cc1 = new DoubleLock();

    private static final String MANAGER = """
              use tokio::sync::{Mutex, MutexGuard};

              pub struct BlockManager {
                  mutation_lock: Vec<Mutex<BlockManagerLocked>>,
              }

              pub struct BlockManagerLocked();

              impl BlockManager {
                  pub(crate) async fn read_block_from(&self, hash: &Hash, path: &DataBlockPath) -> Result<DataBlock, Error> {
                      let data = read_file(path).await?;
                      if data.verify(hash).is_err() {
                          self.lock_mutate(hash).await.move_block_to_corrupted(path).await?;
                          return Err(Error::CorruptData(*hash));
                      }
                      Ok(data)
                  }

                  async fn fix_block_location(&self, hash: &Hash, wrong_path: DataBlockPath) -> Result<usize, Error> {
            -         let data = self.read_block_from(hash, &wrong_path).await?;
                      self.lock_mutate(hash)
                          .await
            -             .write_block_inner(hash, &data, self, Some(wrong_path))
            -             .await?;
            -         Ok(data.len())
            +             .fix_block_location(hash, wrong_path, self)
            +             .await
                  }

                  async fn lock_mutate(&self, hash: &Hash) -> MutexGuard<'_, BlockManagerLocked> {
                      let ilock = u16::from_be_bytes([hash.as_slice()[0], hash.as_slice()[1]]) as usize % self.mutation_lock.len();
                      self.mutation_lock[ilock].lock().await
                  }
              }

              impl BlockManagerLocked {
                  async fn move_block_to_corrupted(&self, path: &DataBlockPath) -> Result<(), Error> {
                      rename(path, path.corrupted()).await
                  }

                  async fn write_block_inner(&self, hash: &Hash, data: &DataBlock, mgr: &BlockManager,
                                             wrong: Option<DataBlockPath>) -> Result<(), Error> {
                      write_file(mgr.path_for(hash), data).await
                  }

            +     async fn fix_block_location(&self, hash: &Hash, wrong_path: DataBlockPath, mgr: &BlockManager) -> Result<usize, Error> {
            +         let data = mgr.read_block_from(hash, &wrong_path).await?;
            +         self.write_block_inner(hash, &data, mgr, Some(wrong_path)).await?;
            +         Ok(data.len())
            +     }
              }
            """;

    @Test
    void aMethodOfTheTemporaryGuardsValueThatLocksAgainIsReported() {
        List<Finding> f = RuleRun.on(cc1, "src/block/manager.rs", MANAGER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC1", HIGH, NEW, 16, 18));
        assertThat(f.get(0).title()).isEqualTo("`self.lock_mutate(hash).await.fix_block_location(hash, wrong_path, self)` "
                + "locks `BlockManager::mutation_lock[]` again while its guard is alive");
    }

    @Test
    void theFixAndAMethodThatDoesNotLockAreQuiet() {
        String fixed = MANAGER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(cc1, "src/block/manager.rs", fixed)).isEmpty();
        // the locked half's method writes the block and never reads it back through the manager
        String writes = MANAGER.replace("+         let data = mgr.read_block_from(hash, &wrong_path).await?;",
                "+         let data = read_file(&wrong_path).await?;");
        assertThat(writes).isNotEqualTo(MANAGER);
        assertThat(RuleRun.on(cc1, "src/block/manager.rs", writes)).isEmpty();
    }

    @Test
    void theGuardBoundFromTheAccessorIsTypedByTheValueItGuards() {
        String bound = MANAGER.replace("""
                          self.lock_mutate(hash)
                              .await
                """, """
                          let locked = self.lock_mutate(hash).await;
                          locked
                """);
        assertThat(bound).isNotEqualTo(MANAGER);
        assertThat(RuleRun.shape(RuleRun.on(cc1, "src/block/manager.rs", bound)))
                .containsExactly(tuple("CC1", HIGH, NEW, 16, 18));
    }

    /** Two shards a method returns are two locks, whatever its name: a call's value names no lock. */
    @Test
    void twoLocksReachedThroughACallAreNotOneLock() {
        String shards = """
                  use std::sync::Mutex;

                  pub struct Table {
                      shards: Vec<Mutex<Shard>>,
                  }

                  impl Table {
                      fn shard(&self, key: u64) -> &Mutex<Shard> {
                          &self.shards[key as usize % self.shards.len()]
                      }

                +     pub fn swap(&self, a: u64, b: u64) {
                +         let first = self.shard(a).lock().unwrap();
                +         let second = self.shard(b).lock().unwrap();
                +         first.exchange(&second);
                +     }
                  }
                """;
        assertThat(RuleRun.on(cc1, "src/table.rs", shards)).isEmpty();
    }
}
