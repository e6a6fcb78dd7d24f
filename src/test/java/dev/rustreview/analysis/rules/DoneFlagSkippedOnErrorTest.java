package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER18: the finished flag no longer set on an error path. */
class DoneFlagSkippedOnErrorTest {

    private final DoneFlagSkippedOnError rule = new DoneFlagSkippedOnError();

    /** tar-rs's EntriesFields::next with its fix (d193ec71) reversed. */
    private static final String NEXT = """
              impl<'a> Iterator for EntriesFields<'a> {
                  fn next(&mut self) -> Option<io::Result<Entry<'a>>> {
                      if self.done {
                          None
                      } else {
                          match self.next_entry() {
                              Ok(Some(e)) => Some(Ok(e)),
                              Ok(None) => {
                                  self.done = true;
                                  None
                              }
            -                 Err(e) => {
            -                     self.done = true;
            -                     Some(Err(e))
            -                 }
            +                 Err(e) => Some(Err(e)),
                          }
                      }
                  }
              }
            """;

    @Test
    void theErrorArmNoLongerMarksTheIteratorDone() {
        List<Finding> f = RuleRun.on(rule, "src/archive.rs", NEXT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER18", MEDIUM, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`next` no longer sets `self.done` when it returns an error");
    }

    @Test
    void otherRemovalsOfTheFlagAreLeftAlone() {
        // the fix direction; the flag no longer tested; no longer set anywhere; removed from a success arm
        assertThat(RuleRun.on(rule, "src/archive.rs", NEXT.replace("-   ", "@   ").replace("+   ", "-   ")
                .replace("@   ", "+   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/archive.rs", NEXT.replace("if self.done {", "if self.closed {"))).isEmpty();
        // the error arm unchanged, another line of the fn changed
        assertThat(RuleRun.on(rule, "src/archive.rs", NEXT.replace("-                 Err(e) => {", "                  Err(e) => {")
                .replace("-                     self.done = true;", "                      self.done = true;")
                .replace("-                     Some(Err(e))", "                      Some(Err(e))")
                .replace("-                 }", "                  }")
                .replace("+                 Err(e) => Some(Err(e)),", "")
                .replace("                  Ok(Some(e)) => Some(Ok(e)),", "-                 Ok(Some(e)) => Some(Ok(e)),\n+                 Ok(Some(e)) => Some(Ok(e.into())),")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/archive.rs", NEXT.replaceFirst("\\n\\s+self\\.done = true;", ""))).isEmpty();
        assertThat(RuleRun.on(rule, "src/archive.rs", NEXT.replace("Err(e) => {", "Ok(Some(e)) => {")
                .replace("-                     Some(Err(e))", "-                     Some(Ok(e))"))).isEmpty();
    }
}
