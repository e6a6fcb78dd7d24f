package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL29: a Notify handed out where a Notified was created under the state's lock. */
class NotifiedHandedOutLateTest {

    private final NotifiedHandedOutLate rule = new NotifiedHandedOutLate();

    /** iceberg-rust fc308a23, reversed: the Notified is created after the read lock's block ends. */
    private static final String INDEX = """
              impl DeleteFileIndex {
                  pub(crate) async fn get_deletes_for_data_file(&self, data_file: &DataFile) -> Vec<FileScanTaskDeleteFile> {
            -         let notified = {
            +         let notifier = {
                          let guard = self.state.read().unwrap();
            -             match &*guard {
            -                 DeleteFileIndexState::Populating(notifier) => notifier.clone().notified_owned(),
            -                 DeleteFileIndexState::Populated(index) => {
            +             match *guard {
            +                 DeleteFileIndexState::Populating(ref notifier) => notifier.clone(),
            +                 DeleteFileIndexState::Populated(ref index) => {
                                  return index.get_deletes_for_data_file(data_file);
                              }
                          }
                      };
            -         notified.await;
            +         notifier.notified().await;
                      self.lookup(data_file)
                  }
              }
              async fn populate(state: Arc<RwLock<DeleteFileIndexState>>, notify: Arc<Notify>) {
                  *state.write().unwrap() = DeleteFileIndexState::Populated(index);
                  notify.notify_waiters();
              }
            """;

    /** iceberg-rust dbbefa41, reversed: WaitFor carries the Arc<Notify> again. */
    private static final String FILTER = """
              impl DeleteFilter {
                  pub(crate) fn try_start_pos_del_load(&self, file_path: &str) -> PosDelLoadAction {
                      let mut state = self.state.write().unwrap();
                      if let Some(state) = state.positional_deletes.get(file_path) {
                          match state {
                              PosDelState::Loaded => return PosDelLoadAction::AlreadyLoaded,
            -                 PosDelState::Loading(notify) => {
            -                     return PosDelLoadAction::WaitFor(notify.clone().notified_owned());
            -                 }
            +                 PosDelState::Loading(notify) => return PosDelLoadAction::WaitFor(notify.clone()),
                          }
                      }
                      PosDelLoadAction::Load
                  }
                  pub(crate) fn finish_pos_del_load(&self, file_path: &str) {
                      if let Some(PosDelState::Loading(notify)) = self.state.write().unwrap().positional_deletes.insert(file_path.to_string(), PosDelState::Loaded) {
                          notify.notify_waiters();
                      }
                  }
              }
            """;

    @Test
    void notifyHandedOutWhereANotifiedWasCreated() {
        List<Finding> f = RuleRun.on(rule, "crates/iceberg/src/delete_file_index.rs", INDEX);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL29", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`get_deletes_for_data_file` hands out `notifier` instead of a `Notified` it created");
        assertThat(RuleRun.on(rule, "crates/iceberg/src/delete_file_index.rs", fixDirection(INDEX))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "crates/iceberg/src/arrow/delete_filter.rs", FILTER)))
                .containsExactly(tuple("AL29", MEDIUM, NEW, 7, 7));
        assertThat(RuleRun.on(rule, "crates/iceberg/src/arrow/delete_filter.rs", fixDirection(FILTER))).isEmpty();
    }

    @Test
    void withoutNotifyWaitersOrWithAnAwaitedNotifiedNothingIsLost() {
        // notify_one stores a permit: a late Notified still sees it
        assertThat(RuleRun.on(rule, "src/index.rs", INDEX.replace("notify_waiters", "notify_one"))).isEmpty();
        // the removed Notified was awaited on the spot: nothing was handed out before
        assertThat(RuleRun.on(rule, "src/index.rs", """
                  async fn wait(&self) {
                -     notify.notified().await;
                +     let n = notify.clone();
                +     n.notified().await;
                  }
                  fn done(&self) { self.notify.notify_waiters(); }
                """)).isEmpty();
        // the Notified is still created: the added clone is for something else
        assertThat(RuleRun.on(rule, "src/index.rs", """
                  fn waiter(&self) -> (Waiter, Arc<Notify>) {
                      let w = Waiter(notify.clone().notified_owned());
                -     let n = 0;
                +     let keep = notify.clone();
                      (w, keep)
                  }
                  fn done(&self) { self.notify.notify_waiters(); }
                """)).isEmpty();
        // the clone was there before the change; nothing new is handed out
        assertThat(RuleRun.on(rule, "src/index.rs", """
                  fn arm(&self) -> Arc<Notify> {
                      let copy = notify.clone();
                -     let w = notify.notified();
                -     self.pending.push(w);
                      copy
                  }
                  fn done(&self) { self.notify.notify_waiters(); }
                """)).isEmpty();
        // another name is cloned
        assertThat(RuleRun.on(rule, "src/index.rs", """
                  fn waiter(&self) -> Waiter {
                -     Waiter(notify.clone().notified_owned())
                +     Waiter(other.clone())
                  }
                  fn done(&self) { self.notify.notify_waiters(); }
                """)).isEmpty();
    }

    private static String fixDirection(String diff) {
        return diff.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
    }
}
