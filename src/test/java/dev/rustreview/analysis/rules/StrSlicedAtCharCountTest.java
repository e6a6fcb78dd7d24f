package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN22's second shape: a slice at an index the old fn counted in characters. */
class StrSlicedAtCharCountTest {

    private final StrSlicedAtByteOffset rule = new StrSlicedAtByteOffset();

    /** egui f0190320, reversed: Shift+Tab after non-ASCII text sliced at a character index. */
    private static final String INDENT = """
              fn decrease_indentation(&mut self, ccursor: &mut CCursor) {
                  let line_start = find_line_start(self.as_str(), *ccursor);
            -     let remove_len = if self.as_str().chars().nth(line_start.index) == Some('\\t') {
            +     let remove_len = if self.as_str()[line_start.index..].starts_with('\\t') {
                      Some(1)
            -     } else if self
            -         .as_str()
            -         .chars()
            -         .skip(line_start.index)
            +     } else if self.as_str()[line_start.index..]
            +         .chars()
                      .take(TAB_SIZE)
                      .all(|c| c == ' ')
                  {
                      Some(TAB_SIZE)
                  } else {
                      None
                  };
              }
            """;

    @Test
    void aSliceAtAnIndexTheOldFnCountedInCharactersIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/egui/src/widgets/text_edit/text_buffer.rs", INDENT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN22", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`let remove_len = if self.as_str()[line_start.index..]` slices at "
                + "`line_start.index`, which counted characters");
        String fix = INDENT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     let remove_len = if self.as_str().chars().nth(line_start.index)");
        assertThat(RuleRun.on(rule, "src/text_buffer.rs", fix)).isEmpty();
    }

    @Test
    void aSliceAtAnotherIndexOrAKeptCharacterWalkIsNotReported() {
        assertThat(RuleRun.on(rule, "src/text_buffer.rs", INDENT.replace("[line_start.index..]", "[line_start.byte..]")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/text_buffer.rs", INDENT.replace("-         .skip(line_start.index)",
                "          .skip(line_start.index)").replace("-     let remove_len = if self.as_str().chars().nth(",
                "      let first = self.as_str().chars().nth("))).isEmpty();
        String kept = """
                  fn is_tail(s: &str, i: usize) -> bool {
                -     let _ = s.chars().nth(i);
                      s[i..].is_empty()
                  }
                """;
        assertThat(RuleRun.on(rule, "src/text_buffer.rs", kept)).isEmpty();
    }

    /** rust-lightning ae852b58, reversed: a peer's TXT record cut as a str at the prefix length. */
    private static final String TXT = """
              fn resolve(&self, records: Vec<Vec<u8>>) -> Option<String> {
                  let mut candidates = records.into_iter()
                      .filter_map(|data| String::from_utf8(data).ok())
                      .filter(|data_string| data_string.len() > URI_PREFIX.len())
                      .filter(|data_string| {
            -             let pfx = &data_string.as_bytes()[..URI_PREFIX.len()];
            -             pfx.eq_ignore_ascii_case(URI_PREFIX.as_bytes())
            +             data_string[..URI_PREFIX.len()].eq_ignore_ascii_case(URI_PREFIX)
                      });
                  candidates.next()
              }
            """;

    @Test
    void aByteSliceMadeAStrSliceIsReported() {
        List<Finding> f = RuleRun.on(rule, "lightning/src/onion_message/dns_resolution.rs", TXT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN22", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`data_string[..URI_PREFIX.len()]` slices the string where `as_bytes()` "
                + "sliced bytes");
        String fix = TXT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+             let pfx = &data_string.as_bytes()[..URI_PREFIX.len()];");
        assertThat(RuleRun.on(rule, "src/dns_resolution.rs", fix)).isEmpty();
        assertThat(RuleRun.on(rule, "src/dns_resolution.rs", TXT.replace("data_string[..URI_PREFIX.len()]",
                "data_string[..URI_PREFIX.len() + 1]"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/dns_resolution.rs", TXT.replace("+             data_string[",
                "+             other[").replace("(|data_string| {", "(|other| {"))).isEmpty();
    }

    /** rust-analyzer 1b49b412, reversed: a common prefix counted in characters sliced the text in bytes. */
    @Test
    void aSliceFromACharacterCountToAnEndIsReported() {
        String progress = """
                  fn set_text(&mut self, text: &str) {
                      let common_prefix_length = self.text.chars().zip(text.chars()).take_while(|(a, b)| a == b).count();
                -     output.extend(text.chars().skip(common_prefix_length));
                +     output += &text[common_prefix_length..text.len()];
                      self.text = text.to_owned();
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "crates/rust-analyzer/src/cli/progress_report.rs", progress);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN22", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).contains("slices at `common_prefix_length`, which counted characters");
    }
}
