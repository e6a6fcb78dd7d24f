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
}
