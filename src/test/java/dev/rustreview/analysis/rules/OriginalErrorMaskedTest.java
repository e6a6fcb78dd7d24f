package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER30: a cleanup with `?` in an error branch that then returns the original error. */
class OriginalErrorMaskedTest {

    private final OriginalErrorMasked rule = new OriginalErrorMasked();

    /** youki 660bc3a0, reversed: the init container's cleanup error replaced the creation error. */
    private static final String BUILDER = """
              impl ContainerBuilderImpl {
                  pub(super) fn create(&mut self) -> Result<Pid, LibcontainerError> {
                      match self.run_container() {
                          Ok(pid) => Ok(pid),
                          Err(outer) => {
                              tracing::error!("failed to run container process {}", outer);
            -                 let cleanup_err = if self.is_init_container() {
            -                     self.cleanup_container().err()
            -                 } else {
            -                     None
            -                 };
            -                 Err(CreateContainerError::new(outer, cleanup_err).into())
            +                 if matches!(self.container_type, ContainerType::InitContainer) {
            +                     self.cleanup_container()?;
            +                 }
            +                 Err(outer)
                          }
                      }
                  }
              }
            """;

    @Test
    void aCleanupWithQuestionMarkBeforeReturningTheError() {
        List<Finding> f = RuleRun.on(rule, "crates/libcontainer/src/container/builder_impl.rs", BUILDER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER30", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("A failing cleanup replaces the error `outer` in `create`");
        assertThat(RuleRun.on(rule, "crates/libcontainer/src/container/builder_impl.rs", BUILDER.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.added(rule, """
                fn start(&mut self) -> Result<()> {
                    if let Err(e) = self.run_hooks() {
                        self.kill(Signal::SIGKILL)?;
                        return Err(e.context("prestart hook"));
                    }
                    Ok(())
                }
                """))).containsExactly(tuple("ER30", MEDIUM, NEW, 3, 3));
    }

    @Test
    void cleanupsWithoutQuestionMarkOtherReturnsAndUntouchedBranchesAreFine() {
        assertThat(RuleRun.added(rule, """
                fn create(&mut self) -> Result<Pid> {
                    match self.run() {
                        Ok(pid) => Ok(pid),
                        Err(outer) => {
                            if let Err(e) = self.cleanup() {
                                warn!("cleanup failed: {e}");
                            }
                            Err(outer)
                        }
                    }
                }
                fn retry(&mut self) -> Result<()> {
                    match self.step() {
                        Err(e) => {
                            self.reset()?;
                            self.step()
                        }
                        Ok(()) => Ok(()),
                    }
                }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/run.rs", """
                  fn create(&mut self) -> Result<Pid> {
                      match self.run() {
                          Err(outer) => {
                              self.cleanup()?;
                              Err(outer)
                          }
                -         Ok(pid) => Ok(pid),
                +         Ok(pid) => Ok(pid + 0),
                      }
                  }
                """)).isEmpty();
    }
}
