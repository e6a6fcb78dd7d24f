package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC36: a call taken out of block_in_place, spawn_blocking or allow_threads. */
class OffloadRemovedTest {

    private final OffloadRemoved rule = new OffloadRemoved();

    /** rerun 91825937, reversed: tokio's blocking_write no longer wrapped in a block_in_place helper. */
    private static final String SET_TOKEN = """
              impl ConnectionRegistryHandle {
                  pub fn set_token(&self, origin: &re_uri::Origin, token: Jwt) {
            -         wrap_blocking_lock(|| {
            -             let mut inner = self.inner.blocking_write();
            -             inner.saved_tokens.insert(origin.clone(), token);
            -             inner.clients.remove(origin);
            -         });
            +         let mut inner = self.inner.blocking_write();
            +         inner.saved_tokens.insert(origin.clone(), token);
            +         inner.clients.remove(origin);
                  }
              }

            - /// Wraps code using blocking tokio locks.
            - fn wrap_blocking_lock<F, R>(inner: F) -> R
            - where
            -     F: FnOnce() -> R,
            - {
            -     #[cfg(not(target_arch = "wasm32"))]
            -     let res = tokio::task::block_in_place(inner);
            -     #[cfg(target_arch = "wasm32")]
            -     let res = inner();
            -     res
            - }
            """;

    /** rerun 7f72b232, reversed: record_row called with the GIL held. */
    private static final String LOG_ARROW = """
              fn log_arrow_msg(py: Python<'_>, entity_path: &str, components: Bound<'_, PyDict>) -> PyResult<()> {
                  let row = crate::arrow::build_row_from_components(&components, &TimePoint::default())?;
            -     py.allow_threads(|| {
            -         recording.record_row(entity_path, row, !static_);
            -         flush_garbage_queue();
            -         Ok(())
            -     })
            +     recording.record_row(entity_path, row, !static_);
            +     py.allow_threads(flush_garbage_queue);
            +     Ok(())
              }
            """;

    @Test
    void blockingLockTakenOutOfABlockInPlaceHelper() {
        List<Finding> f = RuleRun.on(rule, "crates/store/re_grpc_client/src/connection_registry.rs", SET_TOKEN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC36", HIGH, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`blocking_write(..)` no longer runs inside `wrap_blocking_lock` in `set_token`");
        assertThat(f.get(0).explanation()).contains("which runs its work in `block_in_place`").contains("panic");
        assertThat(RuleRun.on(rule, "crates/store/re_grpc_client/src/connection_registry.rs", fixDirection(SET_TOKEN)))
                .isEmpty();
    }

    @Test
    void callTakenOutOfAllowThreads() {
        List<Finding> f = RuleRun.on(rule, "rerun_py/src/python_bridge.rs", LOG_ARROW);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC36", HIGH, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`record_row(..)` no longer runs inside `allow_threads` in `log_arrow_msg`");
        assertThat(f.get(0).explanation()).contains("GIL");
        assertThat(RuleRun.on(rule, "rerun_py/src/python_bridge.rs", fixDirection(LOG_ARROW))).isEmpty();
    }

    @Test
    void directBlockInPlaceAndPyDetach() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/store.rs", """
                  fn load(&self) -> Vec<u8> {
                -     tokio::task::block_in_place(|| self.handle.block_on(self.fetch()))
                +     self.handle.block_on(self.fetch())
                  }
                """))).containsExactly(tuple("CC36", HIGH, NEW, 2, 2));
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  fn send(py: Python<'_>, chunk: Chunk) {
                -     py.detach(|| sink.send_chunk(chunk));
                +     sink.send_chunk(chunk);
                  }
                """))).containsExactly(tuple("CC36", HIGH, NEW, 2, 2));
    }

    @Test
    void aCallInAClosureThatWasThereBefore() {
        // gitbutler 580583e5, reversed: a sync handler called on the runtime's worker inside an axum route
        assertThat(RuleRun.shape(RuleRun.on(rule, "crates/but-server/src/lib.rs", """
                  fn sync_route<P, F>(f: F) -> MethodRouter<S>
                  where
                      F: Fn(P) -> anyhow::Result<serde_json::Value> + Clone + Send + Sync + 'static,
                  {
                      post(move |Json(params)| async move {
                -         let res = tokio::task::spawn_blocking(move || f(params))
                -             .await
                -             .unwrap_or_else(|e| Err(anyhow::anyhow!("handler task panicked: {e}")));
                +         let res = f(params);
                          cmd_result_to_json(res)
                      })
                  }
                """))).containsExactly(tuple("CC36", HIGH, NEW, 6, 6));
    }

    @Test
    void aClosureReturnedByABlockArgument() {
        // meilisearch 373838b8, reversed: the local searches ran on the async handler again
        assertThat(RuleRun.shape(RuleRun.on(rule, "crates/meilisearch/src/search/federated/perform.rs", """
                  pub async fn perform_federated_search(index_scheduler: Data<IndexScheduler>) -> Result<FederatedSearchResult, ResponseError> {
                -     let (search_by_index, deadline) = tokio::task::spawn_blocking({
                -         let progress = progress.clone();
                -         move || -> Result<_, ResponseError> {
                -             for (index_uid, queries) in local_queries_by_index {
                -                 search_by_index.execute(index_uid, queries, &params, &progress)?;
                -             }
                -             Ok((search_by_index, deadline))
                -         }
                -     })
                -     .await
                -     .unwrap()?;
                +     for (index_uid, queries) in local_queries_by_index {
                +         search_by_index.execute(index_uid, queries, &params, progress)?;
                +     }
                      Ok(search_by_index.into_result())
                  }
                """))).containsExactly(tuple("CC36", HIGH, NEW, 3, 3));
    }

    @Test
    void asyncTwinsCallsStillWrappedAndCallsAlsoOutsideAreFine() {
        // the blocking work became a future that is awaited
        assertThat(RuleRun.on(rule, "src/store.rs", """
                  async fn load(&self) -> Vec<u8> {
                -     tokio::task::block_in_place(|| self.handle.block_on(self.fetch()))
                +     self.fetch().await
                  }
                """)).isEmpty();
        // the call moved, but into another wrapper
        assertThat(RuleRun.on(rule, "src/store.rs", """
                  async fn load(&self) -> Vec<u8> {
                -     tokio::task::block_in_place(|| compress(&self.data))
                +     tokio::task::spawn_blocking(move || compress(&data)).await.unwrap()
                  }
                """)).isEmpty();
        // the old code already called it outside the wrapper too
        assertThat(RuleRun.on(rule, "src/store.rs", """
                  fn load(&self) -> Vec<u8> {
                      let head = compress(&self.head);
                -     let tail = tokio::task::block_in_place(|| compress(&self.data));
                +     let tail = compress(&self.data);
                      [head, tail].concat()
                  }
                """)).isEmpty();
        // the work moved into a closure handed to another runner (deadpool f5067f99)
        assertThat(RuleRun.on(rule, "diesel/src/manager.rs", """
                  async fn create(&self) -> Result<Self::Type, Self::Error> {
                      let database_url = self.database_url.clone();
                -     tokio::task::spawn_blocking(move || C::establish(&database_url))
                -         .await
                -         .unwrap()
                -         .map_err(Error::ConnectionError)
                +     SyncWrapper::new(self.runtime.clone(), move || {
                +         C::establish(&database_url).map_err(Error::ConnectionError)
                +     })
                +     .await
                  }
                """)).isEmpty();
        // only adapters of the result are left outside: the work itself went into a closure
        assertThat(RuleRun.on(rule, "diesel/src/manager.rs", """
                  async fn recycle(&self, obj: &mut Self::Type) -> RecycleResult<Self::Error> {
                -     let conn = tokio::task::spawn_blocking(move || {
                -         conn.execute("SELECT 1")
                -             .map_err(Error::QueryError)
                -             .map_err(RecycleError::Backend)
                -     })
                -     .await
                -     .unwrap()?;
                -     Ok(())
                +     obj.interact(|conn| conn.execute("SELECT 1").map_err(Error::QueryError))
                +         .await
                +         .map_err(|e| RecycleError::Message(format!("Panic: {:?}", e)))
                +         .map(|_| ())
                  }
                """)).isEmpty();
        // an argument of a helper that offloads its own work was never run off the worker
        assertThat(RuleRun.on(rule, "src/store.rs", """
                  fn save(&self, key: &str, v: &Value) {
                -     self.put(key, serialize(v));
                +     let bytes = serialize(v);
                +     self.put(key, bytes);
                  }
                  fn put(&self, key: &str, bytes: Vec<u8>) {
                      tokio::task::block_in_place(|| self.db.write(key, &bytes));
                  }
                """)).isEmpty();
        // the work moved to a plain thread: the line that runs it did not change
        assertThat(RuleRun.on(rule, "src/store.rs", """
                  fn load(&self) {
                -     tokio::task::spawn_blocking(move || {
                +     std::thread::spawn(move || {
                          compress(&data);
                      });
                  }
                """)).isEmpty();
        // `detach` on something that is not the GIL token
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn run(task: Task) {
                -     task.detach(|| finish(task));
                +     finish(task);
                  }
                """)).isEmpty();
        // a test fn
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  #[test]
                  fn loads() {
                -     tokio::task::block_in_place(|| compress(&DATA));
                +     compress(&DATA);
                  }
                """)).isEmpty();
    }

    private static String fixDirection(String diff) {
        return diff.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
    }

    /** ntpd-rs 9586e8a2 reversed: the finding names the certificate load, not the empty store built first. */
    @Test
    void theCallThatBlocksNamesTheFinding() {
        List<Finding> f = RuleRun.on(rule, "ntpd/src/daemon/keyexchange.rs", """
                - async fn build_client_config(extra: &[CertificateDer<'_>]) -> Result<ClientConfig, KeyExchangeError> {
                -     let mut roots = tokio::task::spawn_blocking(move || {
                -         let mut roots = rustls::RootCertStore::empty();
                -         for cert in rustls_native_certs::load_native_certs()? {
                -             roots.add(cert).map_err(KeyExchangeError::Certificate)?;
                -         }
                -         Ok::<_, KeyExchangeError>(roots)
                -     })
                -     .await
                -     .expect("Unexpected error while loading root certificates")?;
                + fn build_client_config(extra: &[CertificateDer]) -> Result<ClientConfig, KeyExchangeError> {
                +     let mut roots = rustls::RootCertStore::empty();
                +     for cert in rustls_native_certs::load_native_certs()? {
                +         roots.add(cert).map_err(KeyExchangeError::Certificate)?;
                +     }
                      Ok(config(roots, extra))
                  }
                """);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).title()).startsWith("`load_native_certs(..)` no longer runs inside `spawn_blocking`");
    }
}
