package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN31: a product widened after it is computed where the old code widened its factors. */
class ProductWidenedLateTest {

    private final ProductWidenedLate rule = new ProductWidenedLate();

    /** ratatui 2fb0b8a7, reversed: the chunk size overflowed u16 for a tall, wide terminal. */
    private static final String INSERT = """
              pub fn insert_before<F>(&mut self, height: u16, draw_fn: F) -> io::Result<()> {
                  draw_fn(&mut buffer);
            -     let max_chunk_size = (self.viewport_area.top() as usize) * (area.width as usize);
            +     let max_chunk_size = (self.viewport_area.top() * area.width).into();
                  for chunk in buffer.content.chunks(max_chunk_size) {
                      self.backend.append_lines(chunk.len() as u16)?;
                  }
                  Ok(())
              }
            """;

    @Test
    void aProductWidenedAfterTheMultiplicationIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/terminal/terminal.rs", INSERT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN31", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`self.viewport_area.top() * area.width` is multiplied before it is widened");
        String fix = INSERT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     let max_chunk_size = (self.viewport_area.top() as usize) * (area.width as usize);");
        assertThat(RuleRun.on(rule, "src/terminal.rs", fix)).isEmpty();
        assertThat(RuleRun.on(rule, "src/terminal.rs", INSERT.replace("(self.viewport_area.top() * area.width).into()",
                "u64::from(self.viewport_area.top() * area.width)"))).hasSize(1);
        assertThat(RuleRun.on(rule, "src/terminal.rs", INSERT.replace("(self.viewport_area.top() * area.width).into()",
                "(self.viewport_area.top() * area.width) as usize"))).hasSize(1);
    }

    @Test
    void aProductThatWasNeverWidenedOrASumIsNotReported() {
        assertThat(RuleRun.on(rule, "src/terminal.rs", INSERT.replace(
                "(self.viewport_area.top() as usize) * (area.width as usize)", "self.viewport_area.top() * area.width")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/terminal.rs", INSERT.replace("(self.viewport_area.top() * area.width).into()",
                "(self.viewport_area.top() + area.width).into()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/terminal.rs", INSERT.replace("(self.viewport_area.top() * area.width).into()",
                "(self.viewport_area.top() * 2).into()"))).isEmpty();
    }
}
