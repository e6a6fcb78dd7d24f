package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC32: a child's stdout and stderr read to their ends one after the other. */
class PipesReadInTurnTest {

    private final PipesReadInTurn rule = new PipesReadInTurn();

    /** cc-rs's Tool::detect_family with its fix (0a1bc193) reversed. */
    private static final String DETECT = """
              impl Tool {
                  fn detect_family(path: &Path, cargo_output: &CargoOutput) -> Result<ToolFamily, Error> {
                      let mut cmd = Command::new(path);
            -         let Output { status, stdout, stderr } = spawn(&mut cmd, cargo_output)?.wait_with_output()?;
            +         let mut child = spawn(&mut cmd, cargo_output)?;
            +         let mut out = vec![];
            +         let mut err = vec![];
            +         child.stdout.take().unwrap().read_to_end(&mut out)?;
            +         child.stderr.take().unwrap().read_to_end(&mut err)?;
            +         let status = child.wait()?;
                      Ok(family(status, &out, &err))
                  }
              }
            """;

    @Test
    void bothPipesReadInTurnAreReported() {
        List<Finding> f = RuleRun.on(rule, "src/tool.rs", DETECT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC32", MEDIUM, NEW, 7, 8));
        assertThat(f.get(0).title()).isEqualTo(
                "`detect_family` reads `child.stdout` to its end before `child.stderr`: a pipe deadlock");
    }

    @Test
    void theFixOnePipeTwoChildrenOrAReaderThreadAreQuiet() {
        assertThat(RuleRun.on(rule, "src/tool.rs", DETECT.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/tool.rs", DETECT.replace("child.stderr.take().unwrap().read_to_end(&mut err)?;", "let _ = 1;"))).isEmpty();
        // both reads were there before the change
        assertThat(RuleRun.on(rule, "src/tool.rs", DETECT.replace("+         child.stdout", "          child.stdout")
                .replace("+         child.stderr", "          child.stderr"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/tool.rs", DETECT.replace("child.stderr.take()", "other.stderr.take()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/tool.rs", DETECT.replace("+         child.stdout.take().unwrap().read_to_end(&mut out)?;",
                "+         let h = thread::spawn(move || 0);\\n+         child.stdout.take().unwrap().read_to_end(&mut out)?;")
                .replace("+         child.stderr", "+         let _t = thread::spawn(|| 0);\\n+         child.stderr"))).isEmpty();
    }
}
