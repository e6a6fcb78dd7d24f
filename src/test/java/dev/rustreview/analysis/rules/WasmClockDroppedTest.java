package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN32: a wasm-safe clock import replaced by std's. */
class WasmClockDroppedTest {

    private final WasmClockDropped rule = new WasmClockDropped();

    /** fluvio 13465d78, reversed: the producer used std's Instant in the browser. */
    private static final String IMPORTS = """
            - use std::time::Duration;
            -
            - #[cfg(not(target_arch = "wasm32"))]
            - use std::time::Instant;
            - #[cfg(target_arch = "wasm32")]
            - use web_time::Instant;
            + use std::time::{Duration, Instant};
              pub(crate) struct ProducerBatch { create_time: Instant }
            """;

    @Test
    void aWasmSafeInstantReplacedByStdsIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/fluvio/src/producer/accumulator.rs", IMPORTS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN32", MEDIUM, NEW, 1, 1));
        assertThat(f.get(0).title()).isEqualTo("`Instant` now comes from `std::time`, which panics on wasm32");
        String fix = IMPORTS.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+ use web_time::Instant;");
        assertThat(RuleRun.on(rule, "src/accumulator.rs", fix)).isEmpty();
    }

    @Test
    void aWasmImportKeptOrNoStdClockIsNotReported() {
        assertThat(RuleRun.on(rule, "src/accumulator.rs", IMPORTS.replace("- use web_time::Instant;",
                "  use web_time::Instant;"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/accumulator.rs", IMPORTS.replace("+ use std::time::{Duration, Instant};",
                "+ use std::time::Duration;\n+ use crate::clock::Instant;"))).isEmpty();
    }
}
