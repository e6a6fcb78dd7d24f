package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL25: a tokio file written and dropped without a flush. */
class TokioFileNotFlushedTest {

    private final TokioFileNotFlushed rule = new TokioFileNotFlushed();

    /** uv's update_shell with its fix (890faade) reversed. */
    private static final String UPDATE = """
              use tokio::io::AsyncWriteExt;
              pub(super) async fn update_shell(file: PathBuf, command: String) -> Result<()> {
                  // Append the command to the file.
            -     let mut configuration_file = fs_err::tokio::OpenOptions::new()
            +     fs_err::tokio::OpenOptions::new()
                      .create(true)
                      .truncate(true)
                      .write(true)
                      .open(&file)
            -         .await?;
            -     configuration_file
            +         .await?
                      .write_all(format!("# uv\\n{command}\\n").as_bytes())
                      .await?;
            -     configuration_file.flush().await?;
                  Ok(())
              }
            """;

    @Test
    void aTemporaryTokioFileWrittenAndDroppedIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/uv/src/commands/update_shell.rs", UPDATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL25", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`update_shell` drops a tokio file without flushing its write");
    }

    @Test
    void aBoundFileIsReportedUnlessFlushedOrHandedOn() {
        String bound = """
                  pub async fn save(path: &Path, data: &[u8]) -> std::io::Result<()> {
                +     let mut out = tokio::fs::File::create(path).await?;
                +     out.write_all(data).await?;
                      Ok(())
                  }
                """;
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/save.rs", bound))).containsExactly(tuple("AL25", MEDIUM, NEW, 2, 3));
        assertThat(RuleRun.on(rule, "src/save.rs", bound.replace("+     out.write_all(data).await?;",
                "+     out.write_all(data).await?;\n+     out.flush().await?;"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/save.rs", bound.replace("      Ok(())", "      Ok(out)"))).isEmpty();
        // the fn is touched elsewhere: the unflushed write is not the change's
        assertThat(RuleRun.on(rule, "src/save.rs", bound.replace("+     let mut out", "      let mut out")
                .replace("+     out.write_all", "      out.write_all").replace("      Ok(())", "+     log::info!(\"saved\");\n      Ok(())"))).isEmpty();
    }

    @Test
    void theFixStdFilesAndSyncFnsAreQuiet() {
        String fix = UPDATE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).isNotEqualTo(UPDATE).contains("+     configuration_file.flush().await?;");
        assertThat(RuleRun.on(rule, "crates/uv/src/commands/update_shell.rs", fix)).isEmpty();
        String std = """
                  use tokio::task;
                  pub async fn save(path: &Path, data: &[u8]) -> std::io::Result<()> {
                +     std::fs::File::create(path)?.write_all(data)?;
                +     let mut out = std::fs::File::create(path).await?;
                +     out.write_all(data).await?;
                      Ok(())
                  }
                """;
        assertThat(RuleRun.on(rule, "src/save.rs", std)).isEmpty();
        assertThat(RuleRun.on(rule, "crates/uv/src/commands/update_shell.rs",
                UPDATE.replace("async fn update_shell", "fn update_shell"))).isEmpty();
    }
}
