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
}
