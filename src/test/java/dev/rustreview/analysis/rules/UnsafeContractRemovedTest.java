package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US20: an unsafe fn made safe while its body still runs unsafe code. */
class UnsafeContractRemovedTest {

    private final UnsafeContractRemoved rule = new UnsafeContractRemoved();

    /** gitoxide 59b8104a, reversed: init_handler hands a caller's closure to a signal handler, now from safe code. */
    private static final String INIT_HANDLER = """
              mod init {
                  /// It will abort the process on second press.
            -     ///
            -     /// SAFETY: `interrupt()` will be called from a signal handler.
            -     #[allow(unsafe_code)]
            -     pub unsafe fn init_handler(
            +     pub fn init_handler(
                      grace_count: usize,
                      interrupt: impl Fn() + Send + Sync + Clone + 'static,
                  ) -> io::Result<Deregister> {
                      let mut sig_ids = Vec::new();
                      for sig in signal_hook::consts::TERM_SIGNALS {
                          #[allow(unsafe_code)]
                          let sig_id = unsafe {
                              signal_hook::low_level::register(*sig, { let interrupt = interrupt.clone(); move || interrupt() })?
                          };
                          sig_ids.push(sig_id);
                      }
                      Ok(Deregister(sig_ids))
                  }
              }
            """;

    @Test
    void unsafeDroppedFromASignatureWhoseBodyKeepsUnsafeCode() {
        List<Finding> f = RuleRun.on(rule, "gix/src/interrupt.rs", INIT_HANDLER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US20", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`init_handler` is no longer an `unsafe fn`, but its body still runs unsafe code");
        String fix = INIT_HANDLER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(rule, "gix/src/interrupt.rs", fix)).isEmpty();
    }

    @Test
    void safeBodiesUnchangedSignaturesAndTestsAreFine() {
        // the body no longer needs unsafe code: nothing left to promise
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                - pub unsafe fn get(v: &[u8], i: usize) -> u8 {
                -     unsafe { *v.get_unchecked(i) }
                + pub fn get(v: &[u8], i: usize) -> u8 {
                +     v[i]
                  }
                """)).isEmpty();
        // still unsafe, body edited
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                  pub unsafe fn get(v: &[u8], i: usize) -> u8 {
                -     unsafe { *v.get_unchecked(i) }
                +     unsafe { *v.as_ptr().add(i) }
                  }
                """)).isEmpty();
        // the signature edited, still unsafe
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                - pub unsafe fn get(v: &[u8], i: usize) -> u8 {
                + pub(crate) unsafe fn get(v: &[u8], i: usize) -> u8 {
                      unsafe { *v.get_unchecked(i) }
                  }
                """)).isEmpty();
        // the signature edited, never unsafe
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                - pub fn get(v: &[u8], i: usize) -> u8 {
                + pub fn get(v: &[u8], idx: usize) -> u8 {
                      unsafe { *v.get_unchecked(idx.min(v.len() - 1)) }
                  }
                """)).isEmpty();
        // a safe fn that was always safe
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                  pub fn get(v: &[u8], i: usize) -> u8 {
                -     unsafe { *v.get_unchecked(i) }
                +     unsafe { *v.get_unchecked(i.min(v.len() - 1)) }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                  #[cfg(test)]
                  mod tests {
                -     unsafe fn helper(p: *const u8) -> u8 {
                +     fn helper(p: *const u8) -> u8 {
                          unsafe { *p }
                      }
                  }
                """)).isEmpty();
    }
}
