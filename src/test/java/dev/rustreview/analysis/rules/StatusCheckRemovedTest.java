package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER36: a status check removed from a call. */
class StatusCheckRemovedTest {

    private final StatusCheckRemoved rule = new StatusCheckRemoved();

    /** esp-idf-svc's EthDriver::internal_set_rx_callback with its fix (789472f5) reversed. */
    private static final String RX = """
              impl<'d, T> EthDriver<'d, T> {
                  unsafe fn internal_set_rx_callback<F>(&mut self, mut callback: Box<F>) -> Result<(), EspError> {
                      let unsafe_callback = UnsafeCallback::from(&mut callback);
            -         esp!(unsafe {
            -             esp_eth_update_input_path(self.handle(), Some(Self::handle), unsafe_callback.as_ptr())
            -         })?;
            +         unsafe {
            +             esp_eth_update_input_path(self.handle(), Some(Self::handle), unsafe_callback.as_ptr());
            +         }
                      self.callback = Some(callback);
                      Ok(())
                  }
              }
            """;

    @Test
    void aCheckedFfiCallMadeAsABareStatementIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/eth.rs", RX);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER36", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title())
                .isEqualTo("status of `esp_eth_update_input_path(..)` no longer checked in `internal_set_rx_callback`");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  fn open(&mut self) -> Result<(), Error> {
                -     check!(sys::lib_open(self.ptr))?;
                +     sys::lib_open(self.ptr);
                      Ok(())
                  }
                """))).containsExactly(tuple("ER36", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aStatusKeptHandledOrNeverCheckedIsNotReported() {
        assertThat(RuleRun.on(rule, "src/eth.rs", RX.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        // the status bound and compared by hand
        assertThat(RuleRun.on(rule, "src/eth.rs", RX.replace(
                "+             esp_eth_update_input_path(self.handle(), Some(Self::handle), unsafe_callback.as_ptr());",
                "+             let rc = esp_eth_update_input_path(self.handle(), Some(Self::handle), unsafe_callback.as_ptr());"))).isEmpty();
        // the macro's result not propagated before (a log, not a check)
        assertThat(RuleRun.on(rule, "src/eth.rs", RX.replace("-         })?;", "-         });"))).isEmpty();
    }
}
