package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BD5: a feature gate removed from code that uses the feature's crate. */
class FeatureGateRemovedTest {

    private final FeatureGateRemoved rule = new FeatureGateRemoved();

    /** lunatic's timer API with its fix (54c43737) reversed. */
    private static final String TIMER = """
              fn cancel_timer<T: ProcessState + TimerCtx + Send>(mut caller: Caller<T>, timer_id: u64) -> Box<dyn Future<Output = Result<u32>> + Send + '_> {
                  Box::new(async move {
                      match caller.data_mut().timer_resources_mut().remove(timer_id) {
                          Some(timer_handle) => {
                              timer_handle.abort();
            -                 #[cfg(feature = "metrics")]
                              metrics::increment_counter!("lunatic.timers.canceled");
            -                 #[cfg(feature = "metrics")]
                              metrics::decrement_gauge!("lunatic.timers.active", 1.0);
                              Ok(1)
                          }
                          None => Ok(0),
                      }
                  })
              }
            """;

    @Test
    void aGateRemovedFromACallOfTheOptionalCrateIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/lunatic-timer-api/src/lib.rs", TIMER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD5", MEDIUM, OLD, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`metrics::` used without the `metrics` feature gate the change removed");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                - #[cfg(feature = "serde-json")]
                  use serde_json::Value;
                  fn f() {}
                """))).containsExactly(tuple("BD5", MEDIUM, OLD, 1, 1));
    }

    @Test
    void aGateKeptRewrittenOrOverOtherCodeIsNotReported() {
        assertThat(RuleRun.on(rule, "src/lib.rs", TIMER.replace("-   ", "+   "))).isEmpty();
        // rewritten to a wider cfg that still names the feature
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f() {
                -     #[cfg(feature = "metrics")]
                +     #[cfg(any(feature = "metrics", test))]
                      metrics::increment_counter!("x");
                  }
                """)).isEmpty();
        // the gated line does not name the feature's crate; the gated line goes too
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f() {
                -     #[cfg(feature = "std")]
                      let v = Vec::new();
                -     #[cfg(feature = "metrics")]
                -     metrics::increment_counter!("x");
                  }
                """)).isEmpty();
    }

    /** esp-idf-svc's mDNS wrapper with its fix (3f4a2c0e) reversed: IPv4/IPv6 items compiled with lwIP's IPv6 off. */
    private static final String MDNS = """
              pub enum Protocol {
            -     #[cfg(esp_idf_lwip_ipv4)]
                  V4,
            -     #[cfg(esp_idf_lwip_ipv6)]
                  V6,
              }
              impl EspMdns {
            -     #[cfg(esp_idf_lwip_ipv6)]
                  pub fn query_aaaa(&self, hostname: impl AsRef<str>) -> Result<Ipv6Addr, EspError> {
                      todo!()
                  }
              }
            """;

    @Test
    void configurationGatesRemovedFromSeveralItemsAreReported() {
        List<Finding> f = RuleRun.on(rule, "src/mdns.rs", MDNS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD5", MEDIUM, OLD, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("2 items no longer gated by `cfg(esp_idf_lwip_ipv6)`");
        // one gate of a flag; test-only gates; the flag still named by an added gate
        assertThat(RuleRun.on(rule, "src/mdns.rs", MDNS.replace("-     #[cfg(esp_idf_lwip_ipv6)]\n      pub fn",
                "      #[cfg(esp_idf_lwip_ipv6)]\n      pub fn"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/mdns.rs", MDNS.replace("esp_idf_lwip_ipv6", "test"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/mdns.rs", MDNS.replace("  pub enum Protocol {",
                "+ #[cfg(any(esp_idf_lwip_ipv4, esp_idf_lwip_ipv6))]\n  pub enum Protocol {"))).isEmpty();
    }

    /** flume de20ddf54: `cfg(windows)` gates swapped for `cfg(feature = "spin")` gates beside them; no gate is lost. */
    @Test
    void aFlagGateSwappedForAnotherGateIsNotReported() {
        String swapped = """
                + #[cfg(not(feature = "spin"))]
                  #[inline]
                - #[cfg(windows)]
                  fn wait_lock<'a, T>(lock: &'a Mutex<T>) -> MutexGuard<'a, T> {
                      lock.lock().unwrap()
                  }
                - #[cfg(windows)]
                + #[cfg(not(feature = "spin"))]
                  use std::sync::{Mutex, MutexGuard};
                - #[cfg(windows)]
                + #[cfg(not(feature = "spin"))]
                  type ChanLock<T> = Mutex<T>;
                """;
        assertThat(RuleRun.on(rule, "src/lib.rs", swapped)).isEmpty();
        // the same items with their gates deleted and nothing in their place are still reported
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", swapped.replace("+ #[cfg(not(feature = \"spin\"))]\n", ""))))
                .containsExactly(tuple("BD5", MEDIUM, OLD, 2, 2));
    }
}
