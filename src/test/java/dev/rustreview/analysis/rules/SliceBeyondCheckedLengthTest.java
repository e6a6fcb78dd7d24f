package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN24: a slice longer than the length check that guards it. */
class SliceBeyondCheckedLengthTest {

    private final SliceBeyondCheckedLength rule = new SliceBeyondCheckedLength();

    /** tantivy 6dfa2df0, reversed: 9-byte values reach [..10]. */
    private static final String DEBUG = """
              impl fmt::Debug for OwnedBytes {
                  fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            -         let bytes_truncated: &[u8] = if self.len() > 10 {
            +         let bytes_truncated: &[u8] = if self.len() > 8 {
                          &self.as_slice()[..10]
                      } else {
                          self.as_slice()
                      };
                      write!(f, "OwnedBytes({bytes_truncated:?}, len={})", self.len())
                  }
              }
            """;

    @Test
    void sliceLongerThanTheCheck() {
        List<Finding> f = RuleRun.on(rule, "ownedbytes/src/lib.rs", DEBUG);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN24", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("slice to 10 under a check that proves only 9 in `fmt`");
        assertThat(RuleRun.on(rule, "ownedbytes/src/lib.rs", DEBUG.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  fn head(buf: &[u8]) -> &[u8] {
                -     buf
                +     if buf.len() >= 4 { &buf[2..=4] } else { buf }
                  }
                """))).containsExactly(tuple("PN24", MEDIUM, NEW, 2, 2));
    }

    @Test
    void boundsTheCheckCoversOtherValuesAndOldLinesAreFine() {
        // `> 9` proves 10
        assertThat(RuleRun.on(rule, "ownedbytes/src/lib.rs", DEBUG.replace("self.len() > 8", "self.len() > 9"))).isEmpty();
        // `>= 10` proves 10
        assertThat(RuleRun.on(rule, "ownedbytes/src/lib.rs", DEBUG.replace("self.len() > 8", "self.len() >= 10"))).isEmpty();
        // `..=9` reads 10 under `> 9`
        assertThat(RuleRun.on(rule, "ownedbytes/src/lib.rs", DEBUG.replace("self.len() > 8", "self.len() > 9")
                .replace("[..10]", "[..=9]"))).isEmpty();
        // a slice of another value
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn head(buf: &[u8], id: &[u8; 16]) -> &[u8] {
                -     buf
                +     if buf.len() > 2 { &id[..10] } else { buf }
                  }
                """)).isEmpty();
        // neither the check nor the slice is new
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn head(buf: &[u8]) -> &[u8] {
                -     let n = 0;
                +     let n = 1;
                      if buf.len() > 2 { &buf[..10] } else { buf }
                  }
                """)).isEmpty();
    }
}
