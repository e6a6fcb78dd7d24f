package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN23: format!/to_string of a Display that can fail. */
class FallibleDisplayFormattedTest {

    private final FallibleDisplayFormatted rule = new FallibleDisplayFormatted();

    /** just b31c0fa0, reversed: a justfile's format string handed straight to chrono. */
    private static final String DATETIME = """
              fn datetime(_context: Context, format: &str) -> FunctionResult {
            -   Ok(
            -     chrono::Local::now()
            -       .format_with_items(datetime_parse(format)?.iter())
            -       .to_string(),
            -   )
            - }
            -
            - fn datetime_parse(format: &str) -> Result<Vec<chrono::format::Item>, String> {
            -   chrono::format::StrftimeItems::new(format)
            -     .parse()
            -     .map_err(|err| format!("invalid format string `{format}`: {err}"))
            +   Ok(chrono::Local::now().format(format).to_string())
              }
            """;

    /** opendal 448b988e, reversed: the header built with format! from a Display that fails on some ranges. */
    private static final String RANGE = """
              impl BytesRange {
                  pub fn to_header(&self) -> String {
            -         use std::fmt::Write;
            -         let mut header = String::from("bytes=");
            -         if write!(header, "{self}").is_err() {
            -             header.clear();
            -         }
            -         header
            +         format!("bytes={self}")
                  }
              }
              impl Display for BytesRange {
                  fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                      match self.1 {
                          Some(0) => Err(fmt::Error),
                          Some(size) => write!(f, "{}-{}", self.0, self.0 + size - 1),
                          None => write!(f, "{}-", self.0),
                      }
                  }
              }
            """;

    @Test
    void chronoFormatOfAnArgument() {
        List<Finding> f = RuleRun.on(rule, "src/function.rs", DATETIME);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN23", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).explanation()).contains("`format(format)`");
        assertThat(RuleRun.on(rule, "src/function.rs", fixDirection(DATETIME))).isEmpty();
    }

    @Test
    void selfFormattedInTheImplOfAFailingDisplay() {
        List<Finding> f = RuleRun.on(rule, "core/src/types/bytes_range.rs", RANGE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN23", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).explanation()).contains("`BytesRange`'s own `Display` returns an `Err`");
        assertThat(RuleRun.on(rule, "core/src/types/bytes_range.rs", fixDirection(RANGE))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "core/src/types/bytes_range.rs",
                RANGE.replace("format!(\"bytes={self}\")", "format!(\"bytes={}\", self)"))))
                .containsExactly(tuple("PN23", MEDIUM, NEW, 3, 3));
        assertThat(RuleRun.shape(RuleRun.on(rule, "core/src/types/bytes_range.rs",
                RANGE.replace("format!(\"bytes={self}\")", "self.to_string()"))))
                .containsExactly(tuple("PN23", MEDIUM, NEW, 3, 3));
    }

    @Test
    void literalFormatsInfallibleDisplaysAndOtherTypesAreFine() {
        // a literal strftime string is checked by whoever wrote it
        assertThat(RuleRun.on(rule, "src/log.rs", """
                  fn stamp() -> String {
                -     String::new()
                +     chrono::Utc::now().format("%Y-%m-%d").to_string()
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/log.rs", """
                  fn stamp() -> String {
                -     String::new()
                +     chrono::Utc::now().format(r"%Y-%m-%d").to_string()
                  }
                """)).isEmpty();
        // lines that were there before the change
        assertThat(RuleRun.on(rule, "src/function.rs", """
                  fn datetime(_context: Context, format: &str) -> FunctionResult {
                -     let n = 0;
                +     let n = 1;
                      Ok(chrono::Local::now().format(format).to_string())
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "core/src/types/bytes_range.rs", RANGE.replace("""
                -         header
                +         format!("bytes={self}")
                """, """
                -         header
                +         header.clone()
                          format!("bytes={self}")
                """))).isEmpty();
        // no chrono in the file
        assertThat(RuleRun.on(rule, "src/size.rs", """
                  fn human(n: u64, style: &Style) -> String {
                -     String::new()
                +     humansize::Size(n).format(style).to_string()
                  }
                """)).isEmpty();
        // chrono's format without to_string: written into a formatter that reports the error
        assertThat(RuleRun.on(rule, "src/log.rs", """
                  fn stamp(out: &mut String, fmt: &str) -> fmt::Result {
                -     Ok(())
                +     write!(out, "{}", chrono::Utc::now().format(fmt))
                  }
                """)).isEmpty();
        // a Display that never fails
        assertThat(RuleRun.on(rule, "core/src/types/bytes_range.rs", RANGE.replace("Some(0) => Err(fmt::Error),", "")))
                .isEmpty();
        // self formatted in the impl of another type
        assertThat(RuleRun.on(rule, "core/src/types/bytes_range.rs", RANGE.replace("impl BytesRange {", "impl Header {")))
                .isEmpty();
    }

    private static String fixDirection(String diff) {
        return diff.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
    }
}
