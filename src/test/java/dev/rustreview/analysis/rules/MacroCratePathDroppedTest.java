package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AP3: `$crate::` dropped from a path in an exported macro. */
class MacroCratePathDroppedTest {

    private final MacroCratePathDropped rule = new MacroCratePathDropped();

    /** ratatui 2e54d5e2, reversed: `text!` named `ratatui_core` directly. */
    private static final String TEXT = """
              #[macro_export]
              macro_rules! text {
                  () => {
            -         $crate::ratatui_core::text::Text::default()
            +         ratatui_core::text::Text::default()
                  };
                  ($line:expr; $n:expr) => {
            -         $crate::ratatui_core::text::Text::from(vec![$line.into(); $n])
            +         ratatui_core::text::Text::from(vec![$line.into(); $n])
                  };
              }
            """;

    @Test
    void aPathThatLostItsCratePrefixIsReportedOnce() {
        List<Finding> f = RuleRun.on(rule, "ratatui-macros/src/text.rs", TEXT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP3", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`ratatui_core::text::Text::default` lost its `$crate::` prefix in an "
                + "exported macro");
        String fix = TEXT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         $crate::ratatui_core::text::Text::default()");
        assertThat(RuleRun.on(rule, "src/text.rs", fix)).isEmpty();
    }

    @Test
    void aMacroThatIsNotExportedOrAPathRenamedIsNotReported() {
        assertThat(RuleRun.on(rule, "src/text.rs", TEXT.replace("#[macro_export]", "#[allow(unused)]"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/text.rs", TEXT.replace("+         ratatui_core::text::Text::",
                "+         $crate::core::text::Text::"))).isEmpty();
        // warp b31f4082: `$crate::path(..)` stays, and the file adds `pub fn path<P>(..)`: one segment is too common.
        String oneSegment = """
                  #[macro_export]
                  macro_rules! path {
                -     ($s:expr) => { $crate::path($s) };
                +     ($s:expr) => { $crate::path(__StaticPath) };
                  }
                + pub fn path<P>(p: P) -> Exact<P> { Exact(p) }
                """;
        assertThat(RuleRun.on(rule, "src/filters/path.rs", oneSegment)).isEmpty();
    }
}
