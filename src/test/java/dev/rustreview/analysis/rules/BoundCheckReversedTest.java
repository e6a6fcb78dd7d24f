package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN12: a length check whose branch runs exactly when the index in it is out of bounds. */
class BoundCheckReversedTest {

    private final BoundCheckReversed rule = new BoundCheckReversed();

    /** tower-http's compression future with its fix (359d99742) reversed, beside the code that calls it. */
    private static final String VARY = """
              impl<B> ResponseFuture<B> {
                  fn vary_contains(headers: &HeaderMap) -> bool {
                      headers.get_all(VARY).iter().any(|v| contains_ignore_ascii_case(v.as_bytes(), b"accept-encoding"))
                  }
              }

              fn contains_ignore_ascii_case(mut haystack: &[u8], needle: &[u8]) -> bool {
            -     while needle.len() <= haystack.len() {
            +     while haystack.len() <= needle.len() {
                      if haystack[..needle.len()].eq_ignore_ascii_case(needle) {
                          return true;
                      }
                      haystack = &haystack[1..];
                  }
                  false
              }
            """;

    @Test
    void aLoopThatSlicesPastTheEndExactlyWhenItRunsIsReported() {
        List<Finding> f = RuleRun.on(rule, "tower-http/src/compression/future.rs", VARY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN12", HIGH, NEW, 7, 8));
        assertThat(f.get(0).title()).isEqualTo("`haystack[..needle.len()]` runs only when `haystack` is too short for it");
    }

    @Test
    void theMirroredComparisonAConjunctAndTheElseOfTheLongCheckAreReportedToo() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/frame.rs", """
                  fn header(buf: &[u8], n: usize, strict: bool) -> u8 {
                +     if strict && n >= buf.len() {
                          return buf[n];
                      }
                      0
                  }
                """))).containsExactly(tuple("PN12", HIGH, NEW, 2, 3));
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/frame.rs", """
                  fn tail(buf: &[u8], n: usize) -> &[u8] {
                +     if buf.len() > n {
                          &buf[..]
                      } else {
                          &buf[n..]
                      }
                  }
                """))).containsExactly(tuple("PN12", HIGH, NEW, 2, 5));
    }

    @Test
    void theRightDirectionAGrownBufferAnotherCollectionTestsAndUntouchedCodeAreNotReported() {
        // the fix itself
        assertThat(RuleRun.on(rule, "tower-http/src/compression/future.rs",
                VARY.replace("+     while haystack.len() <= needle.len() {\n", "")
                        .replace("-     while needle.len() <= haystack.len() {", "      while needle.len() <= haystack.len() {")))
                .isEmpty();
        // grown before it is sliced: the check decides whether to grow
        assertThat(RuleRun.on(rule, "src/buf.rs", """
                  fn ensure(buf: &mut Vec<u8>, n: usize) -> &mut [u8] {
                +     if buf.len() < n {
                          buf.resize(n, 0);
                          return &mut buf[..n];
                      }
                      &mut buf[..n]
                  }
                """)).isEmpty();
        // the short side copied into a scratch buffer: the index is on another collection
        assertThat(RuleRun.on(rule, "src/pad.rs", """
                  fn pad(input: &[u8], width: usize) -> Vec<u8> {
                +     if input.len() < width {
                          let mut out = vec![0u8; width];
                          out[..input.len()].copy_from_slice(input);
                          return out;
                      }
                      input.to_vec()
                  }
                """)).isEmpty();
        // a guard clause: the index is after the branch, not in it
        assertThat(RuleRun.on(rule, "src/get.rs", """
                  fn get(v: &[u32], i: usize) -> Option<u32> {
                +     if v.len() <= i {
                          return None;
                      }
                      Some(v[i])
                  }
                """)).isEmpty();
        // a test that expects the panic
        assertThat(RuleRun.on(rule, "src/get.rs", """
                  #[test]
                  #[should_panic]
                  fn out_of_bounds() {
                      let v = vec![1];
                +     if v.len() <= 3 { let _ = v[3]; }
                  }
                """)).isEmpty();
        // code the change does not touch
        assertThat(RuleRun.on(rule, "src/old.rs", """
                  fn old(v: &[u32], i: usize) -> u32 {
                      if v.len() <= i { return v[i]; }
                +     0
                  }
                """)).isEmpty();
    }
}
