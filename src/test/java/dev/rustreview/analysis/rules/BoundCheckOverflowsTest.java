package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN29: a bound check rewritten so that it adds to the value it checks. */
class BoundCheckOverflowsTest {

    private final BoundCheckOverflows rule = new BoundCheckOverflows();

    /** tikv adb78ba9, reversed: SQL's ELT with a user's i64 index. */
    private static final String ELT = """
              pub fn elt(raw_args: &[ScalarValueRef]) -> Result<Option<Bytes>> {
                  let arg0 = raw_args[0].as_int();
                  Ok(match arg0 {
                      None => None,
                      Some(i) => {
                          let i = *i;
            -             if i <= 0 || i >= raw_args.len() as i64 {
            +             if i <= 0 || i + 1 > raw_args.len() as i64 {
                              return Ok(None);
                          }
                          raw_args[i as usize].as_bytes().map(|x| x.to_vec())
                      }
                  })
              }
            """;

    @Test
    void additionWrittenIntoAnExistingBoundCheck() {
        List<Finding> f = RuleRun.on(rule, "components/tidb_query_expr/src/impl_string.rs", ELT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN29", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`i + 1` in the bound check of `elt` can overflow");
        assertThat(f.get(0).explanation()).contains("`raw_args.len() as i64` directly");
        // the fix
        String fix = ELT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+             if i <= 0 || i >= raw_args");
        assertThat(RuleRun.on(rule, "src/impl_string.rs", fix)).isEmpty();
        // the length on the left, a field path, spaces
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/buf.rs", """
                  fn get(&self, idx: usize) -> Option<u8> {
                -     if self.items.len() <= idx { return None; }
                +     if self.items . len() < idx + 1 { return None; }
                      Some(self.items[idx])
                  }
                """))).containsExactly(tuple("PN29", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aRemovedComparisonAgainstASafelyComputedBound() {
        // uv 48c4357f reversed: a length read from the cache file plus 8 overflows
        String bug = """
                  pub fn from_reader(bytes: &[u8]) -> Result<Self, Error> {
                      let cache_policy_len_start = bytes.len() - 8;
                      let len_usize = read_len(&bytes[cache_policy_len_start..])?;
                -     if len_usize > cache_policy_len_start {
                +     if bytes.len() < len_usize + 8 {
                          return Err(ErrorKind::ArchiveRead(msg).into());
                      }
                      Ok(Self::split(bytes, len_usize))
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "crates/uv-client/src/cached_client.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN29", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).explanation()).contains("compared `len_usize` with `cache_policy_len_start` directly");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(rule, "src/cached_client.rs", fix)).isEmpty();
        // the old comparison stays (not removed): the new check is an addition next to it
        assertThat(RuleRun.on(rule, "src/cached_client.rs", bug.replace("-     if len_usize > cache_policy_len_start {",
                "      if len_usize > cache_policy_len_start { return Err(e); }"))).isEmpty();
    }

    @Test
    void aNewCheckOrAnAdditionThatWasThereIsNotReported() {
        // no direct comparison before: a look-ahead written fresh
        assertThat(RuleRun.on(rule, "src/lex.rs", """
                  fn peek(&self, i: usize) -> Option<u8> {
                -     None
                +     if i + 1 < self.bytes.len() { Some(self.bytes[i + 1]) } else { None }
                  }
                """)).isEmpty();
        // the addition was already in the old fn
        assertThat(RuleRun.on(rule, "src/lex.rs", """
                  fn peek(&self, i: usize) -> Option<u8> {
                      if i >= self.bytes.len() { return None; }
                -     if i + 1 < self.bytes.len() { return Some(self.bytes[i + 1]); }
                +     if i + 1 < self.bytes.len() { return self.bytes.get(i + 1).copied(); }
                      None
                  }
                """)).isEmpty();
        // a different length: still the removed direct check of `i` rewritten with an addition
        assertThat(RuleRun.on(rule, "src/impl_string.rs", ELT.replace("i + 1 > raw_args.len()", "i + 1 > other.len()")))
                .hasSize(1);
        // a different name
        assertThat(RuleRun.on(rule, "src/impl_string.rs", ELT.replace("i + 1 > raw_args.len()", "j + 1 > raw_args.len()")))
                .isEmpty();
        // a test fn
        assertThat(RuleRun.on(rule, "src/impl_string.rs", ELT.replace("  pub fn elt", "  #[test]\n  pub fn elt")))
                .isEmpty();
    }
}
