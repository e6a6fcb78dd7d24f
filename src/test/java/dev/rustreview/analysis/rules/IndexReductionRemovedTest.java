package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN26: an index no longer kept inside the collection it indexes. */
class IndexReductionRemovedTest {

    private final IndexReductionRemoved rule = new IndexReductionRemoved();

    /** prodash 205a0ef4, reversed: the block index from a rounded float is no longer reduced. */
    private static final String BAR = """
              fn draw_progress_bar_fn(buf: &mut Buffer, bound: Rect, fraction: f32) {
                  const BLOCK_SECTIONS: [&str; 9] = [" ", "1", "2", "3", "4", "5", "6", "7", "8"];
            -     let index = ((((bound.width as f32 * fraction) - rect.width as f32) * 8f32).round() as usize)
            -         % BLOCK_SECTIONS.len();
            +     let index = (((bound.width as f32 * fraction) - rect.width as f32) * 8f32).round() as usize;
                  let cell = buf.get_mut(rect.right(), bound.y);
                  cell.set_symbol(BLOCK_SECTIONS[index]);
              }
            """;

    @Test
    void moduloRemovedBeforeIndexing() {
        List<Finding> f = RuleRun.on(rule, "src/tui/draw/progress.rs", BAR);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN26", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`BLOCK_SECTIONS[..]` indexed without the bound the change removed in `draw_progress_bar_fn`");
        assertThat(RuleRun.on(rule, "src/tui/draw/progress.rs", BAR.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/ring.rs", """
                  fn pick(&self, i: usize) -> &Item {
                -     let i = i.min(self.items.len() - 1);
                +     let i = i;
                      &self.items[i]
                  }
                """))).containsExactly(tuple("PN26", MEDIUM, NEW, 3, 3));
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/ring.rs", """
                  fn pick(&self, i: usize) -> &Item {
                -     &self.items[i.clamp(0, self.items.len() - 1)]
                +     &self.items[i]
                  }
                """))).containsExactly(tuple("PN26", MEDIUM, NEW, 2, 2));
    }

    @Test
    void theIndexOnTheChangedLineIsTheOneReported() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/ring.rs", """
                  fn pair(&self, i: usize) -> (Item, Item) {
                      let a = self.items[0];
                -     let b = self.items[i % self.items.len()];
                +     let b = self.items[i];
                      (a, b)
                  }
                """))).containsExactly(tuple("PN26", MEDIUM, NEW, 3, 3));
    }

    @Test
    void boundsThatStayOrCollectionsNoLongerIndexedAreFine() {
        // the bound moved to another line of the fn
        assertThat(RuleRun.on(rule, "src/ring.rs", """
                  fn pick(&self, i: usize) -> &Item {
                -     &self.items[i % self.items.len()]
                +     let i = i % self.items.len();
                +     &self.items[i]
                  }
                """)).isEmpty();
        // no longer indexed: get() returns an Option
        assertThat(RuleRun.on(rule, "src/ring.rs", """
                  fn pick(&self, i: usize) -> Option<&Item> {
                -     Some(&self.items[i % self.items.len()])
                +     self.items.get(i)
                  }
                """)).isEmpty();
        // sliced with a range, not indexed
        assertThat(RuleRun.on(rule, "src/ring.rs", """
                  fn tail(&self, i: usize) -> &[Item] {
                -     let i = i.min(self.items.len() - 1);
                +     let i = i;
                      &self.items[..i]
                  }
                """)).isEmpty();
    }

    /** ast-grep 88fdab2d reversed: the byte after the whitespace is read even when the whitespace ran to the end. */
    private static final String SELECTOR = """
              impl<'a> Input<'a> {
                  fn do_next(&mut self) -> Option<Token> {
                      let len = self
                          .source
                          .find(|c: char| !c.is_whitespace())
                          .unwrap_or(self.source.len());
            -         if self.source.len() > len && matches!(self.source.as_bytes()[len] as char, '+' | '~' | '>')
            -         {
            +         let next_char = self.source.as_bytes()[len] as char;
            +         if matches!(next_char, '+' | '~' | '>') {
                          self.consume_whitespace();
                          return self.do_next();
                      }
                      None
                  }
              }
            """;

    @Test
    void aLengthComparisonRemovedBeforeTheIndexItGuarded() {
        List<Finding> f = RuleRun.on(rule, "crates/config/src/rule/selector.rs", SELECTOR);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN26", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title())
                .isEqualTo("`self.source.as_bytes()[len]` no longer checked against `self.source.len()` in `do_next`");
        // the fix direction
        assertThat(RuleRun.on(rule, "crates/config/src/rule/selector.rs", SELECTOR.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/table.rs", """
                  fn cell(&self, row: usize) -> u8 {
                -     if row < self.rows.len() { self.rows[row] } else { 0 }
                +     self.rows[row]
                  }
                """))).containsExactly(tuple("PN26", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aComparisonThatStaysOrMovesOrAnIndexByGetIsFine() {
        // the comparison moved to a guard clause of the same fn
        assertThat(RuleRun.on(rule, "src/table.rs", """
                  fn cell(&self, row: usize) -> u8 {
                -     if row < self.rows.len() { self.rows[row] } else { 0 }
                +     if row >= self.rows.len() {
                +         return 0;
                +     }
                +     self.rows[row]
                  }
                """)).isEmpty();
        // the miss is now a value
        assertThat(RuleRun.on(rule, "src/table.rs", """
                  fn cell(&self, row: usize) -> u8 {
                -     if row < self.rows.len() { self.rows[row] } else { 0 }
                +     self.rows.get(row).copied().unwrap_or(0)
                  }
                """)).isEmpty();
        // another index than the one compared
        assertThat(RuleRun.on(rule, "src/table.rs", """
                  fn cell(&self, row: usize) -> u8 {
                -     if row < self.rows.len() { self.rows[row] } else { 0 }
                +     self.rows[0]
                  }
                """)).isEmpty();
    }
}
