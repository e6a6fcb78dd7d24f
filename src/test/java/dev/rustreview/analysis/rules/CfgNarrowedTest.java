package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BD3: a feature taken out of a cfg(any(..)) that stays. */
class CfgNarrowedTest {

    private final CfgNarrowed rule = new CfgNarrowed();

    /** diesel 14e3894d, reversed: third-party backends lose `std_compat::Entry`. */
    private static final String COMPAT = """
              #[cfg(feature = "std")]
              pub(crate) mod std_compat {
                  pub(crate) use std::collections::HashMap;
                  #[cfg(any(
            -         feature = "i-implement-a-third-party-backend-and-opt-into-breaking-changes",
                      feature = "__sqlite-shared",
                      feature = "mysql_backend",
                      feature = "postgres_backend"
                  ))]
                  pub(crate) use std::collections::hash_map::Entry;
              }
            """;

    @Test
    void aFeatureDeletedFromAMultiLineList() {
        List<Finding> f = RuleRun.on(rule, "diesel/src/util.rs", COMPAT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD3", MEDIUM, OLD, 5, 5));
        assertThat(f.get(0).title())
                .isEqualTo("feature `i-implement-a-third-party-backend-and-opt-into-breaking-changes` removed from a `cfg(any(..))`");
        String fix = COMPAT.replace("-         feature", "+         feature");
        assertThat(RuleRun.on(rule, "diesel/src/util.rs", fix)).isEmpty();
    }

    @Test
    void aOneLineAttributeNarrowed() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                - #[cfg(any(feature = "tokio", feature = "async-std"))]
                + #[cfg(any(feature = "tokio"))]
                  pub mod rt;
                """))).containsExactly(tuple("BD3", MEDIUM, OLD, 1, 1));
    }

    @Test
    void aWholeAttributeRemovedOrAWidenedListIsNotReported() {
        // the whole cfg goes (the item is now always compiled)
        assertThat(RuleRun.on(rule, "src/util.rs", """
                - #[cfg(any(
                -     feature = "a",
                -     feature = "b"
                - ))]
                  pub use x::Y;
                """)).isEmpty();
        // (a feature replaced by another one is still reported: builds with the old name lose the item)
        assertThat(RuleRun.on(rule, "src/util.rs", COMPAT.replace("""
                -         feature = "i-implement-a-third-party-backend-and-opt-into-breaking-changes",
                """, """
                -         feature = "i-implement-a-third-party-backend-and-opt-into-breaking-changes",
                +         feature = "third-party-backend",
                """))).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                - #[cfg(any(feature = "tokio", feature = "async-std"))]
                + #[cfg(any(feature = "tokio", feature = "async-std", feature = "smol"))]
                  pub mod rt;
                """)).isEmpty();
        // an entry of a list that is not a cfg(any(..)) (a Cargo-like array in a const)
        assertThat(RuleRun.on(rule, "src/util.rs", """
                  const FEATURES: &[&str] = &[
                -     feature = "a",
                  ];
                """)).isEmpty();
    }
}
