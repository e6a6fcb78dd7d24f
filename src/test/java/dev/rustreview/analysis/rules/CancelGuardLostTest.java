package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL14: a future loses the guard whose Drop undid its await's work when it was cancelled. */
class CancelGuardLostTest {

    private final CancelGuardLost rule = new CancelGuardLost();

    /** sqlx's Transaction::begin with its fix (ce878ce87) reversed, beside the Drop that rolls back. */
    private static final String TRANSACTION = """
              impl<'c, DB: Database> Transaction<'c, DB> {
                  pub fn begin(conn: impl Into<MaybePoolConnection<'c, DB>>) -> BoxFuture<'c, Result<Self, Error>> {
            -         let conn = conn.into();
            +         let mut conn = conn.into();
                      Box::pin(async move {
            -             let mut tx = Self {
            -                 connection: conn,
            -                 open: true,
            -             };
            -             DB::TransactionManager::begin(&mut tx.connection).await?;
            -             Ok(tx)
            +             DB::TransactionManager::begin(&mut conn).await?;
            +             Ok(Self { connection: conn, open: true })
                      })
                  }

                  pub async fn commit(mut self) -> Result<(), Error> {
                      DB::TransactionManager::commit(&mut self.connection).await?;
                      self.open = false;
                      Ok(())
                  }
              }

              impl<'c, DB: Database> Drop for Transaction<'c, DB> {
                  fn drop(&mut self) {
                      if self.open {
                          DB::TransactionManager::start_rollback(&mut self.connection);
                      }
                  }
              }
            """;

    @Test
    void aTransactionBuiltOnlyAfterItsBeginIsAwaitedIsReported() {
        List<Finding> f = RuleRun.on(rule, "sqlx-core/src/transaction.rs", TRANSACTION);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL14", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`begin` awaits on line 5 without `Transaction` to undo it if cancelled");
    }

    @Test
    void aRollbackGuardDeletedFromAroundTheAwaitIsReported() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "tokio-postgres/src/transaction_builder.rs", """
                  impl<'a> TransactionBuilder<'a> {
                      pub async fn start(self) -> Result<Transaction<'a>, Error> {
                          let query = self.query();
                -         struct RollbackIfNotDone<'me> { client: &'me Client, done: bool }
                -         impl<'a> Drop for RollbackIfNotDone<'a> {
                -             fn drop(&mut self) { if !self.done { self.client.rollback_now(); } }
                -         }
                -         let mut cleaner = RollbackIfNotDone { client: self.client, done: false };
                          self.client.batch_execute(&query).await?;
                -         cleaner.done = true;
                          Ok(Transaction::new(self.client))
                      }
                  }
                """))).containsExactly(tuple("AL14", MEDIUM, NEW, 4, 4));
    }

    @Test
    void aCleanupGuardBuiltOnlyByTheCreatorAndReplacedByARemoveAfterTheAwaitIsReported() {
        // hickory-dns's NameServerPool::send with the fix (85c02390) reversed: if the shared lookup panics or the
        // future is dropped, the in-flight entry is never removed and every later request for the key gets it.
        List<Finding> f = RuleRun.on(rule, "crates/resolver/src/name_server_pool.rs", """
                  impl<P: ConnectionProvider> DnsHandle for NameServerPool<P> {
                      fn send(&self, request: DnsRequest) -> Self::Response {
                          Box::pin(async move {
                              let (lookup, is_creator) = self.lookup_or_insert(&key);
                -             let _cleanup = is_creator.then(|| ActiveRequestCleanup {
                -                 active_requests: active_requests.clone(),
                -                 key: key.clone(),
                -             });
                              let response = lookup.await;
                +             active_requests.lock().remove(&key);
                              response
                          })
                      }
                  }
                  impl Drop for ActiveRequestCleanup {
                      fn drop(&mut self) {
                          self.active_requests.lock().remove(&self.key);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL14", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).contains("without `ActiveRequestCleanup`");
        // built unconditionally with Some(..) and kept: quiet
        assertThat(RuleRun.on(rule, "src/pool.rs", """
                  impl Pool {
                      async fn send(&self, key: Key) -> Response {
                          let _cleanup = Some(Cleanup::new(&self.active, key));
                -         trace!("sending");
                +         debug!("sending");
                          self.lookup(key).await
                      }
                  }
                  impl Drop for Cleanup {
                      fn drop(&mut self) { self.active.lock().remove(&self.key); }
                  }
                """)).isEmpty();
    }

    @Test
    void theFixAGuardWithoutDropAndAGuardThatNeverCoveredAnAwaitAreNotReported() {
        // the fix: the transaction bound before the await
        assertThat(RuleRun.on(rule, "sqlx-core/src/transaction.rs", """
                  impl<'c, DB: Database> Transaction<'c, DB> {
                      pub fn begin(conn: impl Into<MaybePoolConnection<'c, DB>>) -> BoxFuture<'c, Result<Self, Error>> {
                          Box::pin(async move {
                -             DB::TransactionManager::begin(&mut conn).await?;
                -             Ok(Self { connection: conn, open: true })
                +             let mut tx = Self { connection: conn, open: true };
                +             DB::TransactionManager::begin(&mut tx.connection).await?;
                +             Ok(tx)
                          })
                      }
                  }
                  impl<'c, DB: Database> Drop for Transaction<'c, DB> {
                      fn drop(&mut self) { if self.open { self.rollback(); } }
                  }
                """)).isEmpty();
        // the guard stays bound before the await; only the log line around it changed
        assertThat(RuleRun.on(rule, "sqlx-core/src/transaction.rs", """
                  impl<'c, DB: Database> Transaction<'c, DB> {
                      pub fn begin(conn: impl Into<MaybePoolConnection<'c, DB>>) -> BoxFuture<'c, Result<Self, Error>> {
                          Box::pin(async move {
                              let mut tx = Self { connection: conn, open: true };
                -             trace!("begin");
                +             debug!("begin");
                              DB::TransactionManager::begin(&mut tx.connection).await?;
                              Ok(tx)
                          })
                      }
                  }
                  impl<'c, DB: Database> Drop for Transaction<'c, DB> {
                      fn drop(&mut self) { if self.open { self.rollback(); } }
                  }
                """)).isEmpty();
        // no Drop impl for the type: binding it early undid nothing
        assertThat(RuleRun.on(rule, "sqlx-core/src/transaction.rs", TRANSACTION.substring(0,
                TRANSACTION.indexOf("  impl<'c, DB: Database> Drop")))).isEmpty();
        // bound after the only await before and after the change: it never covered the await
        assertThat(RuleRun.on(rule, "src/lock.rs", """
                  impl Lock {
                      pub async fn acquire(&self, conn: &mut Conn) -> Result<Guard<'_>> {
                          conn.execute("SELECT pg_advisory_lock(1)").await?;
                -         let guard = Guard::new(self, conn);
                -         Ok(guard)
                +         conn.execute("SELECT 1").await?;
                +         Ok(Guard::new(self, conn))
                      }
                  }
                  impl Drop for Guard<'_> {
                      fn drop(&mut self) { self.conn.queue_unlock(); }
                  }
                """)).isEmpty();
    }
}
