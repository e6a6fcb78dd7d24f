package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC47: a blocking channel send moved under a lock guard. */
class SendMovedUnderLockTest {

    private final SendMovedUnderLock rule = new SendMovedUnderLock();

    /** tonbo's DB::flush with its fix (c84f2236) reversed: the compaction send made under the schema's read guard. */
    private static final String FIXED = """
            use std::sync::Arc;
            use async_lock::RwLock;
            use flume::Sender;

            pub struct Schema {
                compaction_tx: Sender<CompactTask>,
            }

            pub struct DB {
                schema: Arc<RwLock<Schema>>,
            }

            impl DB {
                pub async fn flush(&self) -> Result<(), CommitError> {
                    let (tx, rx) = oneshot::channel();
                    let compaction_tx = { self.schema.read().await.compaction_tx.clone() };
                    compaction_tx.send(CompactTask::Flush(Some(tx)))?;
                    rx.await.map_err(|_| CommitError::ChannelClose)?;
                    Ok(())
                }
            }
            """;

    private static final String UNDER = FIXED.replace("""
                    let compaction_tx = { self.schema.read().await.compaction_tx.clone() };
                    compaction_tx.send(CompactTask::Flush(Some(tx)))?;
            """, """
                    self.schema.read().await.compaction_tx.send(CompactTask::Flush(Some(tx)))?;
            """);

    @Test
    void aSendMadeThroughTheGuardItUsedToLeaveIsReported() {
        assertThat(UNDER).contains("self.schema.read().await.compaction_tx.send(");
        List<Finding> f = new SendMovedUnderLock().check(Snippet.of("src/lib.rs", RuleRun.diff(FIXED, UNDER)));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC47", MEDIUM, NEW, 16, 16));
        assertThat(f.get(0).title()).isEqualTo("`compaction_tx.send(..)` now runs while `DB::schema` is locked");
        // a let guard alive over the send, where the old fn dropped it first
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  use std::sync::Mutex;
                  pub struct Pool { state: Mutex<State>, tx: std::sync::mpsc::SyncSender<Job> }
                  impl Pool {
                      pub fn push(&self, job: Job) {
                          let mut state = self.state.lock().unwrap();
                          state.queued += 1;
                -         drop(state);
                          self.tx.send(job).unwrap();
                      }
                  }
                """))).isEmpty(); // the send line itself is not touched: nothing the change wrote runs under the lock
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  use std::sync::Mutex;
                  pub struct Pool { state: Mutex<State>, tx: std::sync::mpsc::SyncSender<Job> }
                  impl Pool {
                      pub fn push(&self, job: Job) {
                          let mut state = self.state.lock().unwrap();
                          state.queued += 1;
                -         drop(state);
                -         self.tx.send(job).unwrap();
                +         self.tx.send(job).unwrap();
                +         state.sent += 1;
                      }
                  }
                """))).containsExactly(tuple("CC47", MEDIUM, NEW, 7, 7));
    }

    @Test
    void theFixAnAwaitedSendAndASendThatWasAlwaysUnderTheLockAreQuiet() {
        assertThat(new SendMovedUnderLock().check(Snippet.of("src/lib.rs", RuleRun.diff(UNDER, FIXED)))).isEmpty();
        // an async send awaited under the guard is AL1's matter, not a blocked thread
        String awaited = UNDER.replace(".send(CompactTask::Flush(Some(tx)))?;", ".send(CompactTask::Flush(Some(tx))).await?;");
        assertThat(new SendMovedUnderLock().check(Snippet.of("src/lib.rs", RuleRun.diff(FIXED, awaited)))).isEmpty();
        // sqlx ff0252d4: a send that always ran under the connection's guard, only re-indented (a drop elsewhere)
        assertThat(RuleRun.on(rule, "sqlx-sqlite/src/connection/worker.rs", """
                  use std::sync::Mutex;
                  pub struct Worker { conn: Mutex<Conn> }
                  impl Worker {
                      pub fn run(&self, tx: flume::Sender<Row>, limit: Option<usize>) {
                          let mut conn = self.conn.lock().unwrap();
                          let iter = conn.rows();
                -         for res in iter {
                -             if tx.send(res).is_err() { break; }
                -         }
                +         match limit {
                +             None => for res in iter {
                +                 if tx.send(res).is_err() { break; }
                +             },
                +             Some(_) => { drop(iter); }
                +         }
                          drop(conn);
                      }
                  }
                """)).isEmpty();
        // the old fn sent under the guard as well (nothing cloned out, no guard dropped)
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  use std::sync::Mutex;
                  pub struct Pool { state: Mutex<State> }
                  impl Pool {
                      pub fn push(&self, job: Job) {
                          let state = self.state.lock().unwrap();
                -         state.tx.send(job).unwrap();
                +         state.tx.send(job).expect("pool closed");
                      }
                  }
                """)).isEmpty();
    }
}
