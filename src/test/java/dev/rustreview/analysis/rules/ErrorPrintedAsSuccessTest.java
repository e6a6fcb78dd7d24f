package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER40: an error printed and success returned in its place. */
class ErrorPrintedAsSuccessTest {

    private final ErrorPrintedAsSuccess rule = new ErrorPrintedAsSuccess();

    /** gitui's main with its fix (d1566861) reversed. */
    private static final String MAIN = """
              fn main() -> Result<()> {
                  let cliargs = process_cmdline()?;
                  if !valid_path(&cliargs.repo_path) {
            -         bail!("invalid path\\nplease run gitui inside of a non-bare git repository");
            +         eprintln!("invalid path\\nplease run gitui inside of a non-bare git repository");
            +         return Ok(());
                  }
                  run_app(cliargs)
              }
            """;

    @Test
    void anErrorExitTurnedIntoAPrintAndOkIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/main.rs", MAIN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER40", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).startsWith("`main` prints \"invalid path");
        // `return Err(anyhow!(..))` is an error exit too
        assertThat(RuleRun.on(rule, "src/main.rs", MAIN.replace(
                "bail!(\"invalid path", "return Err(anyhow!(\"invalid path").replace("repository\");\n+", "repository\"));\n+")))
                .hasSize(1);
    }

    @Test
    void aPrintBesideTheKeptErrorOrAnotherMessageIsQuiet() {
        // the error still returned after the print
        assertThat(RuleRun.on(rule, "src/main.rs", MAIN.replace("+         return Ok(());",
                "+         bail!(\"invalid path\");"))).isEmpty();
        // a different message printed
        assertThat(RuleRun.on(rule, "src/main.rs", MAIN.replace(
                "+         eprintln!(\"invalid path\\nplease run gitui inside of a non-bare git repository\");",
                "+         eprintln!(\"nothing to do in this directory\");"))).isEmpty();
    }
}
