package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN19: a vector made with capacity only, then written by index. */
class EmptyVecIndexedTest {

    private final EmptyVecIndexed rule = new EmptyVecIndexed();

    /** ractor's multi_call with its fix (2e9b0004) reversed. */
    private static final String MULTI_CALL = """
              pub async fn multi_call(actors: &[ActorCell]) -> Result<Vec<CallResult>, Error> {
                  let mut join_set = JoinSet::new();
            -     let mut results = Vec::new();
            -     results.resize_with(join_set.len(), || CallResult::Timeout);
            +     let mut results = Vec::with_capacity(join_set.len());
                  while let Some(result) = join_set.join_next().await {
                      let (i, r) = result?;
                      results[i] = r;
                  }
                  Ok(results)
              }
            """;

    @Test
    void aVectorWithCapacityOnlyWrittenByIndexPanics() {
        List<Finding> f = RuleRun.on(rule, "ractor/src/rpc/mod.rs", MULTI_CALL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN19", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`results[..] = ..` in `multi_call` writes into a vector that is still empty");
        assertThat(f.get(0).explanation()).contains("(line 3)");
        // only the resize removed: the binding unchanged
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(n: usize) -> Vec<u8> {
                      let mut v = Vec::new();
                -     v.resize(n, 0);
                      v[0] += 1;
                      v
                  }
                """)).hasSize(1);
    }

    @Test
    void vectorsGivenALengthFirstAreLeftAlone() {
        // the fix direction; a push, a resize, a helper taking `&mut v`, a reassignment; a comparison, not a write
        assertThat(RuleRun.on(rule, "ractor/src/rpc/mod.rs", MULTI_CALL
                .replace("-     let mut results = Vec::new();\n-     results.resize_with(join_set.len(), || CallResult::Timeout);\n", "")
                .replace("+     let mut results = Vec::with_capacity(join_set.len());\n",
                        "+     let mut results = Vec::new();\n+     results.resize_with(join_set.len(), || CallResult::Timeout);\n")))
                .isEmpty();
        for (String between : List.of("v.push(1);", "v.resize(n, 0);", "fill(&mut v);", "v = vec![0; n];")) {
            assertThat(RuleRun.on(rule, "src/lib.rs", "  fn f(n: usize) {\n+     let mut v = Vec::with_capacity(n);\n      "
                    + between + "\n      v[0] = 1;\n  }\n")).as(between).isEmpty();
        }
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(n: usize) -> bool {
                +     let mut v = Vec::with_capacity(n);
                      v[0] == 1
                  }
                """)).isEmpty();
        // an unchanged binding and write in a fn the change touches elsewhere
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(n: usize) {
                      let mut v = Vec::with_capacity(n);
                      v[0] = 1;
                -     log(1);
                +     log(2);
                  }
                """)).isEmpty();
    }
}
