package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER20: a handle released with `?` before its field is cleared, so `Drop` releases it again. */
class ClearSkippedOnErrorTest {

    private final ClearSkippedOnError rule = new ClearSkippedOnError();

    /** heed's RoTxn::abort with its fix (9ac0afd0) reversed. */
    private static final String ABORT = """
              pub struct RoTxn<T = ()> {
                  pub(crate) txn: *mut ffi::MDB_txn,
                  _phantom: marker::PhantomData<T>,
              }
              impl<T> RoTxn<T> {
                  pub fn abort(mut self) -> Result<()> {
            -         let result = abort_txn(self.txn);
            +         abort_txn(self.txn)?;
                      self.txn = ptr::null_mut();
            -         result
            +         Ok(())
                  }
              }
              impl<T> Drop for RoTxn<T> {
                  fn drop(&mut self) {
                      if !self.txn.is_null() {
                          let _ = abort_txn(self.txn);
                      }
                  }
              }
            """;

    @Test
    void aReleaseTriedBeforeItsFieldIsClearedIsReported() {
        List<Finding> f = RuleRun.on(rule, "heed/src/txn.rs", ABORT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER20", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`abort` returns on an error before it clears `self.txn`, which `Drop` releases");
    }

    @Test
    void theFixOtherFieldsNoDropOrNoClearingAreQuiet() {
        // the fix direction
        assertThat(RuleRun.on(rule, "heed/src/txn.rs", ABORT
                .replace("-         let result", "+         let result").replace("+         abort_txn(self.txn)?;", "-         abort_txn(self.txn)?;")
                .replace("-         result", "+         result").replace("+         Ok(())", "-         Ok(())"))).isEmpty();
        // Drop reads another field
        assertThat(RuleRun.on(rule, "heed/src/txn.rs", ABORT.replace("if !self.txn.is_null() {", "if !self.env.is_null() {")
                .replace("let _ = abort_txn(self.txn);", "let _ = close(self.env);"))).isEmpty();
        // no Drop for the type
        assertThat(RuleRun.on(rule, "heed/src/txn.rs", ABORT.replace("impl<T> Drop for RoTxn<T>", "impl<T> Drop for Env<T>"))).isEmpty();
        // the field is not cleared after the call
        assertThat(RuleRun.on(rule, "heed/src/txn.rs", ABORT.replace("          self.txn = ptr::null_mut();\n", ""))).isEmpty();
        // the field is read, not handed over
        assertThat(RuleRun.on(rule, "heed/src/txn.rs", ABORT.replace("abort_txn(self.txn)?;", "check(self.txn.is_null())?;"))).isEmpty();
        // the call's line is not the change's
        assertThat(RuleRun.on(rule, "heed/src/txn.rs", ABORT.replace("-         let result = abort_txn(self.txn);\n", "")
                .replace("+         abort_txn(self.txn)?;", "          abort_txn(self.txn)?;"))).isEmpty();
    }

    /** turso's WalSession::end with its fix (0c86f44f) reversed: Drop ends the session again while `in_txn` is set. */
    private static final String SESSION = """
              pub struct WalSession {
                  conn: Arc<Connection>,
                  in_txn: bool,
              }
              impl WalSession {
                  pub fn begin(&mut self) -> Result<()> {
                      self.conn.wal_insert_begin()?;
                      self.in_txn = true;
                      Ok(())
                  }
                  pub fn end(&mut self, force_commit: bool) -> Result<()> {
                      assert!(self.in_txn);
            -         let result = self.conn.wal_insert_end(force_commit);
            +         self.conn.wal_insert_end(force_commit)?;
                      self.in_txn = false;
            -         result?;
                      Ok(())
                  }
              }
              impl Drop for WalSession {
                  fn drop(&mut self) {
                      if self.in_txn {
                          let _ = self.end(false);
                      }
                  }
              }
            """;

    @Test
    void aFlagThatDropTestsClearedOnlyAfterTheFailingCallIsReported() {
        List<Finding> f = RuleRun.on(rule, "sync/engine/src/wal_session.rs", SESSION);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER20", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo(
                "`end` returns on an error before it clears `self.in_txn`, and `Drop` cleans up again while it is set");
        // Drop calling the failing method itself, not `end`, is the same case
        assertThat(RuleRun.on(rule, "sync/engine/src/wal_session.rs", SESSION.replace("let _ = self.end(false);",
                "let _ = self.conn.wal_insert_end(false);"))).hasSize(1);
    }

    @Test
    void theFlagFormIsQuietOnTheFixAndWhenDropDoesNotRedoTheCleanup() {
        String fix = SESSION.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).isNotEqualTo(SESSION).contains("+         result?;");
        assertThat(RuleRun.on(rule, "sync/engine/src/wal_session.rs", fix)).isEmpty();
        // Drop only logs
        assertThat(RuleRun.on(rule, "sync/engine/src/wal_session.rs", SESSION.replace("let _ = self.end(false);",
                "tracing::warn!(\"session dropped in a transaction\");"))).isEmpty();
        // Drop does not test the flag
        assertThat(RuleRun.on(rule, "sync/engine/src/wal_session.rs", SESSION.replace("if self.in_txn {",
                "if self.conn.is_open() {"))).isEmpty();
        // the flag is raised, not cleared
        assertThat(RuleRun.on(rule, "sync/engine/src/wal_session.rs", SESSION.replace("self.in_txn = false;",
                "self.in_txn = true;"))).isEmpty();
    }
}
