package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules and shapes read from the misses of held-out sets s3 and t3, each on its reversed real fix. */
class SetS3RulesTest {

    private final AsyncTraitMadeNotSend al46 = new AsyncTraitMadeNotSend();

    /** sea-orm's sea_schema shim with ddf0a714 reversed. */
    private static final String SHIM = """
              use std::sync::Arc;

            - #[async_trait::async_trait]
            + #[async_trait::async_trait(?Send)]
              impl sea_schema::Connection for DatabaseConnection {
                  async fn query_all(&self, select: SelectStatement) -> Result<Vec<SqlxRow>, SqlxError> {
                      map_result(ConnectionTrait::query_all(self, &select).await)
                  }
              }

            - #[async_trait::async_trait]
            + #[async_trait::async_trait(?Send)]
              impl sea_schema::Connection for DatabaseTransaction {
                  async fn query_all(&self, select: SelectStatement) -> Result<Vec<SqlxRow>, SqlxError> {
                      map_result(ConnectionTrait::query_all(self, &select).await)
                  }
              }
            """;

    @Test
    void asyncTraitMadeNotSendIsReportedOnEachImpl() {
        List<Finding> f = RuleRun.on(al46, "src/database/sea_schema_shim.rs", SHIM);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL46", MEDIUM, NEW, 2, 2), tuple("AL46", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`#[async_trait(?Send)]` replaces `#[async_trait]` on "
                + "`impl sea_schema::Connection for DatabaseConnection`");
    }

    @Test
    void theFixANewNotSendImplAndTestCodeAreQuiet() {
        String fixed = SHIM.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fixed).isNotEqualTo(SHIM);
        assertThat(RuleRun.on(al46, "src/database/sea_schema_shim.rs", fixed)).isEmpty();
        // an impl added with ?Send from the start says so where it is written: nothing was taken away
        String added = SHIM.replace("- #[async_trait::async_trait]\n", "");
        assertThat(added).isNotEqualTo(SHIM);
        assertThat(RuleRun.on(al46, "src/database/sea_schema_shim.rs", added)).isEmpty();
        assertThat(RuleRun.on(al46, "tests/shim.rs", SHIM)).isEmpty();
    }

    private final CallWhileLocked cc3 = new CallWhileLocked();

    /** rspack's napi runtime with b1ce25cb reversed: the read guard shadowed by the runtime it guards. */
    private static final String RUNTIME = """
              use std::sync::{LazyLock, RwLock};

              static RUNTIME: LazyLock<RwLock<Option<tokio::runtime::Runtime>>> = LazyLock::new(|| RwLock::new(None));

              pub fn block_on<F: Future>(future: F) -> F::Output {
                  with_runtime(|runtime| runtime.block_on(future))
              }

            - fn with_runtime<R>(f: impl FnOnce(&tokio::runtime::Handle) -> R) -> R {
            + fn with_runtime<R>(f: impl FnOnce(&tokio::runtime::Runtime) -> R) -> R {
                  start_runtime();
            -     let handle = RUNTIME
            -         .read()
            -         .expect("Read tokio runtime failed")
            +     let runtime = RUNTIME.read().expect("Read tokio runtime failed");
            +     let runtime = runtime
                      .as_ref()
            -         .expect("Access tokio runtime failed after initialization")
            -         .handle()
            -         .clone();
            -     f(&handle)
            +         .expect("Access tokio runtime failed after initialization");
            +     f(runtime)
              }

              fn start_runtime() {
                  let mut runtime = RUNTIME.write().expect("Write tokio runtime failed");
                  if runtime.is_none() {
                      *runtime = Some(create_runtime());
                  }
              }
            """;

    @Test
    void aGuardShadowedByABorrowOfItStaysAliveForTheCallback() {
        List<Finding> f = RuleRun.on(cc3, "crates/rspack_napi/src/runtime.rs", RUNTIME);
        assertThat(f).extracting(Finding::ruleId, Finding::title)
                .containsExactly(tuple("CC3", "Callback `f` called while `RUNTIME` is locked"));
    }

    @Test
    void theFixAndAGuardMovedIntoItsShadowAreQuiet() {
        String fixed = RUNTIME.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(cc3, "crates/rspack_napi/src/runtime.rs", fixed)).isEmpty();
        // `let runtime = runtime;` moves the guard into the new name, and `f(runtime)` hands the guard itself on
        String moved = RUNTIME.replace("""
                +     let runtime = runtime
                          .as_ref()
                -         .expect("Access tokio runtime failed after initialization")
                -         .handle()
                -         .clone();
                -     f(&handle)
                +         .expect("Access tokio runtime failed after initialization");
                +     f(runtime)
                """, """
                +     let runtime = runtime;
                +     f(runtime)
                """).replace("f: impl FnOnce(&tokio::runtime::Runtime) -> R", "f: impl FnOnce(Guard) -> R");
        assertThat(moved).isNotEqualTo(RUNTIME);
        assertThat(RuleRun.on(cc3, "crates/rspack_napi/src/runtime.rs", moved)).isEmpty();
    }

    private final DelegationCycle pn36 = new DelegationCycle();

    /** rust-bitcoin's SerializedSignature with 65b1c7ea reversed: one dereference too few. */
    private static final String SIGNATURE = """
              impl SerializedSignature {
                  /// Returns an iterator over bytes of the signature.
                  #[inline]
                  pub fn iter(&self) -> core::slice::Iter<'_, u8> { self.into_iter() }
              }

              impl core::ops::Deref for SerializedSignature {
                  type Target = [u8];

                  #[inline]
                  fn deref(&self) -> &Self::Target { &self.data[..self.len] }
              }

              impl<'a> IntoIterator for &'a SerializedSignature {
                  type IntoIter = core::slice::Iter<'a, u8>;
                  type Item = &'a u8;

                  #[inline]
            -     fn into_iter(self) -> Self::IntoIter { (**self).iter() }
            +     fn into_iter(self) -> Self::IntoIter { (*self).iter() }
              }
            """;

    @Test
    void twoMethodsThatOnlyCallEachOtherAreReported() {
        List<Finding> f = RuleRun.on(pn36, "bitcoin/src/crypto/ecdsa.rs", SIGNATURE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN36", MEDIUM, NEW, 15, 15));
        assertThat(f.get(0).title()).isEqualTo("`into_iter` calls `iter`, which calls `into_iter` back: unbounded recursion");
    }

    @Test
    void theDerefTargetsMethodAndACallOnAFieldAreQuiet() {
        String fixed = SIGNATURE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(pn36, "bitcoin/src/crypto/ecdsa.rs", fixed)).isEmpty();
        String field = SIGNATURE.replace("pub fn iter(&self) -> core::slice::Iter<'_, u8> { self.into_iter() }",
                "pub fn iter(&self) -> core::slice::Iter<'_, u8> { self.data[..self.len].iter() }");
        assertThat(field).isNotEqualTo(SIGNATURE);
        assertThat(RuleRun.on(pn36, "bitcoin/src/crypto/ecdsa.rs", field)).isEmpty();
        // `iter` that does more than delegate (a condition decides) is not a cycle the text can prove
        String conditional = SIGNATURE.replace("{ self.into_iter() }",
                "{\n          if self.len == 0 { [].iter() } else { self.into_iter() }\n      }");
        assertThat(conditional).isNotEqualTo(SIGNATURE);
        assertThat(RuleRun.on(pn36, "bitcoin/src/crypto/ecdsa.rs", conditional)).isEmpty();
    }

    @Test
    void eqAndNeDefinedByEachOtherAreACycle() {
        String cmp = """
                  impl PartialEq for Version {
                +     fn eq(&self, other: &Self) -> bool { !self.ne(other) }

                      fn ne(&self, other: &Self) -> bool { !self.eq(other) }
                  }
                """;
        assertThat(RuleRun.shape(RuleRun.on(pn36, "src/version.rs", cmp))).containsExactly(tuple("PN36", MEDIUM, NEW, 2, 2));
    }

    private final LimitGuardClauseRemoved pn11 = new LimitGuardClauseRemoved();

    /** ockam's handshake with b93ce409 reversed: the length guard gone, the slice it kept in range rewritten. */
    private static final String HANDSHAKE = """
              impl Handshake {
                  /// Read the first 'length' bytes of the message
                  fn read_start<const N: usize>(message: &[u8]) -> Result<&[u8; N]> {
            -         if message.len() < N {
            -             return Err(XXError::MessageLenMismatch)?;
            -         }
            -
            -         Ok(message[..N].try_into().unwrap())
            +         Ok(message[..N]
            +             .try_into()
            +             .map_err(|_| XXError::MessageLenMismatch)?)
                  }
              }
            """;

    @Test
    void aLengthGuardRemovedWhileItsSliceIsRewrittenIsReported() {
        List<Finding> f = RuleRun.on(pn11, "ockam_identity/src/secure_channel/handshake/handshake.rs", HANDSHAKE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 4, 4));
    }

    @Test
    void theFixAndASliceMadeCheckedAreQuiet() {
        String fixed = HANDSHAKE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(pn11, "src/handshake.rs", fixed)).isEmpty();
        String checked = HANDSHAKE.replace("+         Ok(message[..N]", "+         Ok(message.get(..N).ok_or(XXError::MessageLenMismatch)?");
        assertThat(checked).isNotEqualTo(HANDSHAKE);
        assertThat(RuleRun.on(pn11, "src/handshake.rs", checked)).isEmpty();
    }

    private final RecheckUnderLockRemoved cc57 = new RecheckUnderLockRemoved();

    /** buck2's AtomicWakerSetEntry::register with 2555cc20 reversed (the insert path shortened). */
    private static final String REGISTER = """
              impl AtomicWakerSetEntry {
                  pub unsafe fn register(self: Pin<&mut Self>, set: &AtomicWakerSet, waker: Waker) {
                      unsafe {
                          let this = Pin::into_inner_unchecked(self.into_ref());
                          let is_already_inserted = this.next.load(Ordering::Acquire) != NOT_INSERTED;
                          if is_already_inserted {
                              let guard = set.mutex.lock();
            -                 let still_inserted = *this.next.as_ptr() != NOT_INSERTED;
            -                 if still_inserted {
            -                     let old = std::mem::replace(&mut *this.waker.get(), Some(waker));
            -                     drop(guard);
            -                     drop(old);
            -                     return;
            -                 }
            +                 let old = std::mem::replace(&mut *this.waker.get(), Some(waker));
            +                 drop(guard);
            +                 drop(old);
            +             } else {
            +                 *this.waker.get() = Some(waker);
            +                 let mut guard = set.mutex.lock();
            +                 *this.next.as_ptr() = *guard;
            +                 *guard = this as *const _ as *mut _;
                          }
            -             *this.waker.get() = Some(waker);
            -             let mut guard = set.mutex.lock();
            -             *this.next.as_ptr() = *guard;
            -             *guard = this as *const _ as *mut _;
                      }
                  }
              }
            """;

    @Test
    void theSecondCheckOfADoubleCheckedLockRemovedIsReported() {
        List<Finding> f = RuleRun.on(cc57, "dice/dice_futures/src/atomic_waker_set.rs", REGISTER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC57", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`*this.next.as_ptr() != NOT_INSERTED` is no longer checked again under "
                + "`guard` in `register`");
    }

    @Test
    void theFixAndARemovedCheckOfOtherStateAreQuiet() {
        String fixed = REGISTER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(cc57, "src/atomic_waker_set.rs", fixed)).isEmpty();
        String other = REGISTER.replace("-                 let still_inserted = *this.next.as_ptr() != NOT_INSERTED;",
                "-                 let still_inserted = set.generation.get() == this.generation;");
        assertThat(other).isNotEqualTo(REGISTER);
        assertThat(RuleRun.on(cc57, "src/atomic_waker_set.rs", other)).isEmpty();
        // a check that ran under the lock from the start is not the second half of a double-checked lock
        String noOuter = REGISTER.replace("""
                              let is_already_inserted = this.next.load(Ordering::Acquire) != NOT_INSERTED;
                              if is_already_inserted {
                """, """
                              let is_already_inserted = true;
                              if is_already_inserted {
                """);
        assertThat(noOuter).isNotEqualTo(REGISTER);
        assertThat(RuleRun.on(cc57, "src/atomic_waker_set.rs", noOuter)).isEmpty();
    }

    private final WriteMovedBeforeCheck er19 = new WriteMovedBeforeCheck();

    /** sea-orm's DatabaseTransaction with df2dcdab reversed. */
    private static final String TRANSACTION = """
              impl DatabaseTransaction {
                  pub async fn commit(mut self) -> Result<(), DbErr> {
            +         self.open = false;
                      match *self.conn.lock().await {
                          InnerConnection::Postgres(ref mut c) => {
                              <sqlx::Postgres as sqlx::Database>::TransactionManager::commit(c)
                                  .await
                                  .map_err(sqlx_error_to_query_err)?
                          }
                          InnerConnection::Mock(ref mut c) => {
                              c.commit();
                          }
                      }
            -         self.open = false;
                      Ok(())
                  }

                  fn start_rollback(&mut self) {
                      if self.open {
                          if let Some(mut conn) = self.conn.try_lock() {
                              conn.start_rollback();
                          }
                      }
                  }
              }

              impl Drop for DatabaseTransaction {
                  fn drop(&mut self) {
                      self.start_rollback();
                  }
              }
            """;

    @Test
    void aFlagTheDropReadsSetBeforeAFallibleStepIsReported() {
        List<Finding> f = RuleRun.on(er19, "src/database/transaction.rs", TRANSACTION);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER19", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`self.open = false;` now runs before `.map_err(sqlx_error_to_query_err)?` "
                + "in `commit`");
    }

    @Test
    void theFixAndAFlagNoDropReadsAreQuiet() {
        String fixed = TRANSACTION.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(er19, "src/database/transaction.rs", fixed)).isEmpty();
        String noDrop = TRANSACTION.replace("self.start_rollback();", "tracing::debug!(\"dropped\");");
        assertThat(noDrop).isNotEqualTo(TRANSACTION);
        assertThat(RuleRun.on(er19, "src/database/transaction.rs", noDrop)).isEmpty();
    }

    private final PoolConnectionHeldAcrossCall cc58 = new PoolConnectionHeldAcrossCall();

    /** ockam's spaces repository with 32ca74e2 reversed. */
    private static final String SPACES = """
              #[async_trait]
              impl SpacesRepository for SpacesSqlxDatabase {
                  async fn store_space(&self, space: &Space) -> Result<()> {
            +         let mut transaction = self.database.begin().await.into_core()?;
                      let is_already_default = self
                          .get_default_space()
                          .await?
                          .map(|s| s.id == space.id)
                          .unwrap_or(false);

            -         let mut transaction = self.database.begin().await.into_core()?;
                      let query1 = query("INSERT OR REPLACE INTO space VALUES (?, ?, ?)")
                          .bind(space.id.to_sql())
                          .bind(is_already_default.to_sql());
                      query1.execute(&mut *transaction).await.void()?;
                      transaction.commit().await.void()
                  }

                  async fn get_default_space(&self) -> Result<Option<Space>> {
                      let query = query("SELECT space_name FROM space WHERE is_default=$1").bind(true.to_sql());
                      let row: Option<SqliteRow> = query.fetch_optional(&self.database.pool).await.into_core()?;
                      Ok(row.map(|r| Space::new(r.get(0))))
                  }
              }
            """;

    @Test
    void aTransactionHeldWhileAwaitingAMethodOnTheSamePoolIsReported() {
        List<Finding> f = RuleRun.on(cc58, "ockam_api/src/cli_state/storage/spaces_repository_sql.rs", SPACES);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC58", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`self.get_default_space(..)` is awaited while `transaction` holds a "
                + "connection of `self.database` in `store_space`");
    }

    @Test
    void theFixACallAfterCommitAndAMethodOffThePoolAreQuiet() {
        String fixed = SPACES.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(cc58, "src/spaces_repository_sql.rs", fixed)).isEmpty();
        String offPool = SPACES.replace("query.fetch_optional(&self.database.pool)", "query.fetch_optional(&self.cache)");
        assertThat(offPool).isNotEqualTo(SPACES);
        assertThat(RuleRun.on(cc58, "src/spaces_repository_sql.rs", offPool)).isEmpty();
        String committed = SPACES.replace("""
                +         let mut transaction = self.database.begin().await.into_core()?;
                """, """
                +         let mut transaction = self.database.begin().await.into_core()?;
                +         transaction.commit().await.void()?;
                """);
        assertThat(committed).isNotEqualTo(SPACES);
        assertThat(RuleRun.on(cc58, "src/spaces_repository_sql.rs", committed)).isEmpty();
    }

    private final CleanupStopsAtFirstError er44 = new CleanupStopsAtFirstError();

    /** ockam's inlet session replacer with a5400323 reversed. */
    private static final String CLOSE = """
              impl SessionReplacer for InletSessionReplacer {
            -     async fn close(&mut self) {
            +     async fn close(&mut self) -> std::result::Result<(), ockam_core::Error> {
                      if let Some(connection) = self.connection.take() {
            -             let result = connection.close(&self.context, &self.node_manager).await;
            -             if let Err(err) = result {
            -                 error!(?err, "Failed to close connection");
            -             }
            +             connection.close(&self.context, &self.node_manager).await?;
                      }

                      if let Some(inlet_address) = self.inlet_address.take() {
            -             let result = self.node_manager.tcp_transport.stop_inlet(inlet_address.clone()).await;
            -             if let Err(err) = result {
            -                 error!(?err, "Failed to remove inlet with address {inlet_address}");
            -             }
            +             self.node_manager.tcp_transport.stop_inlet(inlet_address.clone()).await?;
                      }
            +         Ok(())
                  }
              }
            """;

    @Test
    void aCleanupStepMadeToReturnItsErrorBeforeTheRestIsReported() {
        List<Finding> f = RuleRun.on(er44, "ockam_api/src/nodes/service/portals.rs", CLOSE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER44", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`close` now stops at a failed `connection.close(&self.context, "
                + "&self.node_manager).await` before `if let Some(inlet_address) = self.inlet_address.take() {`");
    }

    @Test
    void theFixTheLastStepAndAnotherFnAreQuiet() {
        String fixed = CLOSE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(er44, "src/portals.rs", fixed)).isEmpty();
        // only the last step returns its error: nothing after it is skipped
        String lastOnly = CLOSE.replace("""
                -             let result = connection.close(&self.context, &self.node_manager).await;
                -             if let Err(err) = result {
                -                 error!(?err, "Failed to close connection");
                -             }
                +             connection.close(&self.context, &self.node_manager).await?;
                """, """
                              let result = connection.close(&self.context, &self.node_manager).await;
                              if let Err(err) = result {
                                  error!(?err, "Failed to close connection");
                              }
                """);
        assertThat(lastOnly).isNotEqualTo(CLOSE);
        assertThat(RuleRun.on(er44, "src/portals.rs", lastOnly)).isEmpty();
        String notCleanup = CLOSE.replace("async fn close(", "async fn reconnect(");
        assertThat(notCleanup).isNotEqualTo(CLOSE);
        assertThat(RuleRun.on(er44, "src/portals.rs", notCleanup)).isEmpty();
    }

    private final BlockingLockBesideAwaits al47 = new BlockingLockBesideAwaits();

    /** kata-containers' memory agent MemCG with 68538553 reversed. */
    private static final String MEMCG = """
            - use std::sync::RwLock;
            + use tokio::sync::RwLock;

              impl MemCG {
                  pub fn get_timeout_list(&self) -> Vec<u64> {
            -         self.memcgs.read().unwrap().get_timeout_list()
            +         self.memcgs.blocking_read().get_timeout_list()
                  }

                  pub fn reset_timers(&mut self, work_list: &Vec<u64>) {
            -         self.memcgs.write().unwrap().reset_timers(work_list);
            +         self.memcgs.blocking_write().reset_timers(work_list);
                  }

                  pub async fn async_get_remaining_tokio_duration(&self) -> TokioDuration {
            -         self.memcgs.read().unwrap().get_remaining_tokio_duration()
            +         self.memcgs.read().await.get_remaining_tokio_duration()
                  }
              }
            """;

    @Test
    void aBlockingAcquisitionOfALockAsyncCodeAwaitsIsReported() {
        List<Finding> f = RuleRun.on(al47, "src/libs/mem-agent/src/memcg.rs", MEMCG);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL47", MEDIUM, NEW, 4, 4), tuple("AL47", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`self.memcgs.blocking_read()` in `get_timeout_list`, a lock "
                + "`async_get_remaining_tokio_duration` awaits");
    }

    @Test
    void theFixAndALockNoAsyncFnAwaitsAreQuiet() {
        String fixed = MEMCG.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(al47, "src/memcg.rs", fixed)).isEmpty();
        String syncOnly = MEMCG.replace("+         self.memcgs.read().await.get_remaining_tokio_duration()",
                "+         self.other.read().await.get_remaining_tokio_duration()");
        assertThat(syncOnly).isNotEqualTo(MEMCG);
        assertThat(RuleRun.on(al47, "src/memcg.rs", syncOnly)).isEmpty();
    }
}
