package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US22: the process environment written at run time. */
class EnvironmentWrittenTest {

    private final EnvironmentWritten rule = new EnvironmentWritten();

    /** huggingface/tokenizers 6ea75887, reversed: the parallelism override wrote the environment. */
    private static final String PARALLELISM = """
              pub fn set_parallelism(val: bool) {
            -     PARALLELISM.store(if val { 2 } else { 1 }, Ordering::SeqCst);
            +     std::env::set_var(ENV_VARIABLE, if val { "true" } else { "false" })
              }
            """;

    @Test
    void anEnvironmentWriteInALibraryFnIsReported() {
        List<Finding> f = RuleRun.on(rule, "tokenizers/src/utils/parallelism.rs", PARALLELISM);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US22", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`env::set_var` in `set_parallelism` writes the process environment");
        String imported = "+ use std::env::{self, remove_var};\n" + PARALLELISM.replace(
                "std::env::set_var(ENV_VARIABLE, if val { \"true\" } else { \"false\" })", "remove_var(ENV_VARIABLE)");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/parallelism.rs", imported)))
                .containsExactly(tuple("US22", MEDIUM, NEW, 3, 3));
    }

    @Test
    void mainABuildScriptAReadOrATestIsNotReported() {
        assertThat(RuleRun.on(rule, "src/main.rs", PARALLELISM.replace("set_parallelism(val: bool)", "main()")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "build.rs", PARALLELISM)).isEmpty();
        assertThat(RuleRun.on(rule, "src/parallelism.rs", PARALLELISM.replace("std::env::set_var(ENV_VARIABLE,",
                "std::env::var(ENV_VARIABLE).is_ok() && (").replace("\"false\" })", "\"false\" }).is_empty()")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/parallelism.rs", PARALLELISM.replace("pub fn set_parallelism",
                "#[test]\n  fn set_parallelism"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/parallelism.rs", PARALLELISM.replace("std::env::set_var",
                "set_var"))).isEmpty();
    }
}
