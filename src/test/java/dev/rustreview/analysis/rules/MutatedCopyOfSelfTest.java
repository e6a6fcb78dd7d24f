package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS23: a `mut` binding out of a borrowed self, updated and thrown away. */
class MutatedCopyOfSelfTest {

    private final MutatedCopyOfSelf rule = new MutatedCopyOfSelf();

    /** ntpd-rs's noise estimator with cbe09a28 reversed. */
    private static final String UPDATE = """
            - #[derive(Debug, Clone)]
            + #[derive(Debug, Copy, Clone)]
              pub enum MeasurementNoiseEstimator {
                  RoundtripDelay(AveragingBuffer),
                  Constant(f64),
              }
              impl MeasurementNoiseEstimator {
            -     fn update(&mut self, delay: Option<NtpDuration>) {
            +     fn update(&self, delay: Option<NtpDuration>) {
                      match self {
            -             Self::RoundtripDelay(ref mut stats) => {
            +             Self::RoundtripDelay(mut stats) => {
                              if let Some(delay) = delay {
                                  stats.update(delay.to_seconds())
                              }
                          }
                          Self::Constant(_) => {}
                      }
                  }
              }
            """;

    @Test
    void aCopyBoundOutOfSelfAndUpdatedIsReported() {
        List<Finding> f = RuleRun.on(rule, "ntp-proto/src/algorithm/kalman/source.rs", UPDATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS23", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`update` changes `stats`, a copy of its state: the change is lost");
    }

    @Test
    void aRefMutBindingAMethodReturningTheCopyOrOneThatStoresItBackIsNotReported() {
        assertThat(RuleRun.on(rule, "src/source.rs", UPDATE.replace("+             Self::RoundtripDelay(mut stats) => {",
                "+             Self::RoundtripDelay(ref mut stats) => {"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/count.rs", """
                  impl Counter {
                +     fn next(&self) -> u64 {
                +         match *self {
                +             Counter::At(mut n) => { n += 1; n }
                +         }
                +     }
                +     fn bump(&mut self) {
                +         match *self {
                +             Counter::At(mut n) => {
                +                 n += 1;
                +                 *self = Counter::At(n);
                +             }
                +         }
                +     }
                +     fn scratch(&self) {
                +         match self.mode {
                +             Mode::Fast => {
                +                 let (mut a, b) = (1, 2);
                +                 a += b;
                +                 log(a);
                +             }
                +         }
                +     }
                  }
                """)).isEmpty();
    }
}
