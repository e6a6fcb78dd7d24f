package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CC8's torn reads: values of one locked struct read through several helper methods, each its own critical
 * section, and used together. Shaped like a metrics histogram whose text encoding read sum, count and buckets
 * under three acquisitions (prometheus/client_rust 7ea70c52, reversed).
 */
class TornReadsTest {

    /** The histogram: each getter locks `inner` (unchanged file). */
    private static final String HISTOGRAM = """
            use std::sync::{Mutex, MutexGuard};

            pub struct Histogram { inner: Mutex<Inner> }

            pub struct Inner { sum: f64, count: u64, buckets: Vec<(f64, u64)> }

            impl Histogram {
                pub(crate) fn sum(&self) -> f64 {
                    self.inner.lock().unwrap().sum
                }

                pub(crate) fn count(&self) -> u64 {
                    self.inner.lock().unwrap().count
                }

                pub(crate) fn buckets(&self) -> Vec<(f64, u64)> {
                    self.inner.lock().unwrap().buckets.clone()
                }

                pub(crate) fn get(&self) -> (f64, u64, Vec<(f64, u64)>) {
                    let inner = self.inner.lock().unwrap();
                    (inner.sum, inner.count, inner.buckets.clone())
                }

                pub(crate) fn observe(&self, v: f64) {
                    let mut inner = self.inner.lock().unwrap();
                    inner.sum += v;
                    inner.count += 1;
                }

                pub(crate) fn bucket(&self, i: usize) -> u64 {
                    self.inner.lock().unwrap().buckets[i].1
                }

                pub(crate) fn reset(&self) {
                    self.inner.lock().unwrap().count = 0;
                }
            }
            """;

    /** The encoder of prometheus/client_rust 7ea70c52 reversed: three getters, three acquisitions. */
    private static final String THREE_READS = """
              use crate::histogram::Histogram;
            \s
              impl Histogram {
                  fn encode(&self, out: &mut Vec<String>) {
            -         let (sum, count, buckets) = self.get();
            -         out.push(sum.to_string());
            -         out.push(count.to_string());
            -         for (bound, n) in buckets.iter() {
            +         out.push(self.sum().to_string());
            +         out.push(self.count().to_string());
            +         for (bound, n) in self.buckets().iter() {
                          out.push(format!("{bound} {n}"));
                      }
                  }
              }
            """;

    private static ChangedFile encoder(String diff) {
        return Snippet.inCrate(Snippet.of("src/encoding/text.rs", diff), Edition.E2021,
                Map.of("src/histogram.rs", HISTOGRAM));
    }

    @Test
    void sumCountAndBucketsReadUnderThreeAcquisitionsAreReported() {
        Finding f = assertSingle(new AtomicityViolation(), encoder(THREE_READS), "CC8", Severity.MEDIUM, 5, 6);
        assertThat(f.title()).contains("self.sum()").contains("self.count()").contains("Histogram::inner");
        assertThat(f.explanation()).contains("`Histogram::sum`").contains("`Histogram::count`");
    }

    @Test
    void aGetterThatReturnsTheGuardIsOneOfTheTornReads() {
        // The real histogram's `buckets()` returned `OwningRef<MutexGuard<Inner>, ..>`: a guard accessor, so the
        // `for` loop holds `inner` while it runs; it is still a separate acquisition from `sum()` and `count()`.
        String guarded = HISTOGRAM.replace("""
                    pub(crate) fn buckets(&self) -> Vec<(f64, u64)> {
                        self.inner.lock().unwrap().buckets.clone()
                    }
                """, """
                    pub(crate) fn buckets(&self) -> OwningRef<MutexGuard<Inner>, Vec<(f64, u64)>> {
                        let inner = self.inner.lock().unwrap();
                        OwningRef::new(inner).map(|inner| &inner.buckets)
                    }
                """);
        assertThat(guarded).isNotEqualTo(HISTOGRAM);
        ChangedFile file = Snippet.inCrate(Snippet.of("src/encoding/text.rs", THREE_READS), Edition.E2021,
                Map.of("src/histogram.rs", guarded));
        Finding f = assertSingle(new AtomicityViolation(), file, "CC8", Severity.MEDIUM, 5, 6);
        assertThat(f.title()).contains("self.sum()").contains("self.count()").contains("Histogram::inner");
    }

    @Test
    void theFixReadingAllUnderOneAcquisitionIsQuiet() {
        assertNone(new AtomicityViolation(), encoder("""
                  use crate::histogram::Histogram;
                \s
                  impl Histogram {
                      fn encode(&self, out: &mut Vec<String>) {
                -         out.push(self.sum().to_string());
                -         out.push(self.count().to_string());
                -         for (bound, n) in self.buckets().iter() {
                +         let (sum, count, buckets) = self.get();
                +         out.push(sum.to_string());
                +         out.push(count.to_string());
                +         for (bound, n) in buckets.iter() {
                              out.push(format!("{bound} {n}"));
                          }
                      }
                  }
                """));
    }

    @Test
    void callsOnOtherValuesTheSameMethodTwiceStatementsOrUnchangedLinesAreQuiet() {
        assertNone(new AtomicityViolation(), encoder("""
                  use crate::histogram::Histogram;
                \s
                  impl Histogram {
                      fn compare(&self, other: &Histogram, out: &mut Vec<String>) {
                +         out.push(self.sum().to_string());
                +         out.push(other.count().to_string());
                +         out.push((self.sum() * 2.0).to_string());
                +         out.push(self.bucket(0).to_string());
                +         self.observe(1.0);
                +         self.reset();
                          out.push(self.count().to_string());
                      }
                  }
                """));
    }

    @Test
    void readsBesideTheFnsOwnAcquisitionAreLeftToTheGuardRules() {
        assertNone(new AtomicityViolation(), encoder("""
                  use crate::histogram::Histogram;
                \s
                  impl Histogram {
                      fn encode(&self, out: &mut Vec<String>) {
                          let _g = self.inner.lock().unwrap();
                +         out.push(self.sum().to_string());
                +         out.push(self.count().to_string());
                      }
                  }
                """));
    }
}
