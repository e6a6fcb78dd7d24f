package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS24: a read-modify-write of locked state split across two acquisitions of the lock. */
class UpdateSplitAcrossLocksTest {

    private final UpdateSplitAcrossLocks rule = new UpdateSplitAcrossLocks();

    /** Xline's kv store backend with cd6a54b3 reversed. */
    private static final String KV = """
              use parking_lot::Mutex;
              use std::sync::Arc;

              pub struct KvStoreBackend {
                  revision: Arc<Mutex<i64>>,
                  index: Arc<Index>,
                  kv_update_tx: mpsc::Sender<(i64, Vec<Event>)>,
              }

              impl KvStoreBackend {
                  pub fn revision(&self) -> i64 {
                      *self.revision.lock()
                  }

                  async fn sync_requests(&self, requests: Vec<RequestWrapper>) -> i64 {
                      if requests.is_empty() {
                          return self.revision();
                      }
            -         let next_revision = self.revision.map_lock(|mut r| {
            -             *r = r.overflow_add(1);
            -             *r
            -         });
            +         let revision = self.revision();
            +         let next_revision = revision.overflow_add(1);
                      let mut sub_revision = 0;
                      let mut all_events = vec![];
                      for request in requests {
                          let mut events = self.sync_request(request, next_revision, sub_revision);
                          sub_revision = sub_revision.overflow_add(events.len().cast());
                          all_events.append(&mut events);
                      }
                      self.notify_updates(next_revision, all_events).await;
            +         *self.revision.lock() = next_revision;
                      next_revision
                  }

                  async fn notify_updates(&self, revision: i64, events: Vec<Event>) {
                      let _ = self.kv_update_tx.send((revision, events)).await;
                  }
              }
            """;

    @Test
    void aRevisionReadThroughACrateFnAndWrittenBackPlusOneIsReported() {
        List<Finding> f = RuleRun.on(rule, "xline/src/storage/kvstore.rs", KV);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS24", MEDIUM, NEW, 26, 26));
        assertThat(f.get(0).title()).isEqualTo("`sync_requests` reads `KvStoreBackend::revision` and writes it back "
                + "under a second lock");
        assertThat(f.get(0).explanation()).contains("`revision` is read").contains("(`next_revision`)");
    }

    @Test
    void aTemporaryGuardReadIsTheSameSplit() {
        String temporary = KV.replace("+         let revision = self.revision();", "+         let revision = *self.revision.lock();");
        assertThat(temporary).isNotEqualTo(KV);
        assertThat(RuleRun.shape(RuleRun.on(rule, "xline/src/storage/kvstore.rs", temporary)))
                .containsExactly(tuple("SS24", MEDIUM, NEW, 26, 26));
    }

    @Test
    void oneGuardAnUnrelatedValueOrAMutSelfFnIsNotReported() {
        String oneGuard = KV.replace("+         let revision = self.revision();", "+         let mut guard = self.revision.lock();\n+         let revision = *guard;")
                .replace("+         *self.revision.lock() = next_revision;", "+         *guard = next_revision;");
        assertThat(oneGuard).isNotEqualTo(KV);
        assertThat(RuleRun.on(rule, "xline/src/storage/kvstore.rs", oneGuard)).isEmpty();
        String unrelated = KV.replace("+         *self.revision.lock() = next_revision;", "+         *self.revision.lock() = sub_revision;");
        assertThat(unrelated).isNotEqualTo(KV);
        assertThat(RuleRun.on(rule, "xline/src/storage/kvstore.rs", unrelated)).isEmpty();
        String exclusive = KV.replace("async fn sync_requests(&self,", "async fn sync_requests(&mut self,");
        assertThat(exclusive).isNotEqualTo(KV);
        assertThat(RuleRun.on(rule, "xline/src/storage/kvstore.rs", exclusive)).isEmpty();
    }

    @Test
    void aRefCellTakenAndPutBackIsNotReported() {
        String cell = """
                  use std::cell::RefCell;
                  struct Context {
                      core: RefCell<Option<Box<Core>>>,
                  }
                  impl Context {
                      fn run_task(&self, task: Notified) -> RunResult {
                +         let mut core = self.core.borrow_mut().take().expect("core");
                          core.stats.start_poll();
                +         *self.core.borrow_mut() = Some(core);
                          task.run();
                          Ok(())
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "tokio/src/runtime/scheduler/multi_thread/worker.rs", cell)).isEmpty();
    }
}
