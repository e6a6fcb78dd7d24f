package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BD4: a rerun-if-changed directive deleted. */
class RerunDirectiveRemovedTest {

    private final RerunDirectiveRemoved rule = new RerunDirectiveRemoved();

    /** volo-build's config builder (called from build scripts) with its fix (015a9bad) reversed. */
    private static final String CONFIG = """
              impl ConfigBuilder {
                  pub fn filename(mut self, filename: PathBuf) -> Self {
                      self.filename = filename;
                      self
                  }
                  pub fn write(self) -> anyhow::Result<()> {
            -         println!("cargo:rerun-if-changed={}", self.filename.display());
                      let f = open_config_file(self.filename)?;
                      let config = read_config_from_file(&f)?;
                      generate(config)
                  }
              }
            """;

    @Test
    void aDirectiveDeletedFromCodeBuildScriptsCallIsReported() {
        List<Finding> f = RuleRun.on(rule, "volo-build/src/config_builder.rs", CONFIG);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD4", MEDIUM, OLD, 7, 7));
        assertThat(f.get(0).title())
                .isEqualTo("`cargo:rerun-if-changed={}` (`self.filename.display()`) no longer printed");
        List<Finding> env = RuleRun.on(rule, "build.rs", """
                  fn main() {
                      println!("cargo::rerun-if-changed=build.rs");
                -     println!("cargo::rerun-if-env-changed=PROTOC");
                      compile_protos();
                  }
                """);
        assertThat(RuleRun.shape(env)).containsExactly(tuple("BD4", MEDIUM, OLD, 3, 3));
        assertThat(env.get(0).title()).isEqualTo("`cargo:rerun-if-env-changed=PROTOC` no longer printed");
    }

    @Test
    void aDirectiveKeptRewrittenOrReplacedIsNotReported() {
        // the fix direction; the directive moved to the new `cargo::` form; another input watched instead
        assertThat(RuleRun.on(rule, "src/config_builder.rs", CONFIG.replace("-         println!", "+         println!"))).isEmpty();
        assertThat(RuleRun.on(rule, "build.rs", """
                  fn main() {
                -     println!("cargo:rerun-if-changed=proto/api.proto");
                +     println!("cargo::rerun-if-changed=proto/api.proto");
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "build.rs", """
                  fn main() {
                -     println!("cargo:rerun-if-changed=proto/api.proto");
                +     println!("cargo:rerun-if-changed=proto");
                  }
                """)).isEmpty();
        // the same directive still printed by another line of the file; another println removed
        assertThat(RuleRun.on(rule, "build.rs", """
                  fn main() {
                      if cfg!(unix) {
                          println!("cargo:rerun-if-changed=src/shim.c");
                      }
                -     println!("cargo:rerun-if-changed=src/shim.c");
                -     println!("cargo:rustc-link-lib=z");
                  }
                """)).isEmpty();
    }
}
