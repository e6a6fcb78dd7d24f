package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER33: the bool inside `Ok(..)` no longer told apart. */
class BoolResultIgnoredTest {

    private final BoolResultIgnored rule = new BoolResultIgnored();

    /** cargo-binstall d8ecdcae, reversed: a contended try-lock was taken as held. */
    private static final String TRY_LOCK = """
              pub fn new_try_exclusive(file: File) -> Result<Self, (File, Option<io::Error>)> {
                  match FileExt::try_lock_exclusive(&file) {
            -         Ok(true) => Ok(Self::new(file)),
            -         Ok(false) => Err((file, None)),
            +         Ok(_) => Ok(Self::new(file)),
                      Err(e) => Err((file, Some(e))),
                  }
              }
            """;

    @Test
    void boolArmsMergedIntoAWildcardAreReported() {
        List<Finding> f = RuleRun.on(rule, "crates/fs-lock/src/lib.rs", TRY_LOCK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER33", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`Ok(_) =>` in `new_try_exclusive` no longer reads the `bool` the call answered");
        String fix = TRY_LOCK.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         Ok(false) => Err((file, None)),");
        assertThat(RuleRun.on(rule, "src/lib.rs", fix)).isEmpty();
    }

    @Test
    void aBoolArmThatStaysOrNoWildcardIsNotReported() {
        assertThat(RuleRun.on(rule, "src/lib.rs", TRY_LOCK.replace("-         Ok(false) => Err((file, None)),",
                "          Ok(false) => Err((file, None)),"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", TRY_LOCK.replace("+         Ok(_) => Ok(Self::new(file)),",
                "+         Ok(()) => Ok(Self::new(file)),"))).isEmpty();
    }
}
