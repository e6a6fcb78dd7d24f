package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SS14: a token bucket's deduction moved out of the branch that grants it. Shaped like smithy-rs's adaptive retry
 * rate limiter (777c24bb reversed).
 */
class UpdateMadeUnconditionalTest {

    private final UpdateMadeUnconditional rule = new UpdateMadeUnconditional();

    private static final String GRANTED = """
            impl ClientRateLimiter {
                pub(crate) fn acquire(&self, now: f64, amount: f64) -> Result<(), Duration> {
                    let mut it = self.inner.lock().unwrap();
                    it.refill(now);
                    if amount > it.current_capacity {
                        let sleep_time = (amount - it.current_capacity) / it.fill_rate;
                        Err(Duration::from_secs_f64(sleep_time))
                    } else {
                        it.current_capacity -= amount;
                        Ok(())
                    }
                }
            }
            """;

    private static final String ALWAYS = """
            impl ClientRateLimiter {
                pub(crate) fn acquire(&self, now: f64, amount: f64) -> Result<(), Duration> {
                    let mut it = self.inner.lock().unwrap();
                    it.refill(now);
                    let res = if amount > it.current_capacity {
                        let sleep_time = (amount - it.current_capacity) / it.fill_rate;
                        Err(Duration::from_secs_f64(sleep_time))
                    } else {
                        Ok(())
                    };
                    it.current_capacity -= amount;
                    res
                }
            }
            """;

    @Test
    void aDeductionMovedAfterTheCheckIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/client_rate_limiter.rs", RuleRun.diff(GRANTED, ALWAYS));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS14", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo(
                "`it.current_capacity-=amount` now runs whether or not `amount>it.current_capacity` allowed it");
        assertThat(f.get(0).explanation()).contains("(line 5 of the old file)").contains("the check on line 5");
    }

    @Test
    void theFixAndUnrelatedMovesAreQuiet() {
        assertThat(RuleRun.on(rule, "src/client_rate_limiter.rs", RuleRun.diff(ALWAYS, GRANTED))).isEmpty();
        // the comparison is gone too: a redesign, not a guard left behind
        String noCheck = ALWAYS.replace("let res = if amount > it.current_capacity {", "let res = if it.closed {")
                .replace("let sleep_time = (amount - it.current_capacity) / it.fill_rate;", "let sleep_time = 1.0;");
        assertThat(RuleRun.on(rule, "src/client_rate_limiter.rs", RuleRun.diff(GRANTED, noCheck))).isEmpty();
        // a counter moved out of a branch whose condition does not compare it with the amount
        String stats = """
                fn record(&mut self, n: u64) {
                    if self.enabled {
                        self.total += n;
                    }
                }
                """;
        String statsAfter = """
                fn record(&mut self, n: u64) {
                    if self.enabled {
                        self.log(n);
                    }
                    self.total += n;
                }
                """;
        assertThat(RuleRun.on(rule, "src/stats.rs", RuleRun.diff(stats, statsAfter))).isEmpty();
    }
}
