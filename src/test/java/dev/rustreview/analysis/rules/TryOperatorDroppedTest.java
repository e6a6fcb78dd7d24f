package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER42: the `?` taken off a statement whose value nobody reads. */
class TryOperatorDroppedTest {

    private final TryOperatorDropped rule = new TryOperatorDropped();

    /** arroyo's state schema with 49554117 reversed. */
    private static final String ANNOTATE = """
              impl SchemaWithHashAndOperation {
                  pub(crate) fn annotate_record_batch(&mut self, batch: &RecordBatch) -> Result<RecordBatch, StateError> {
                      let mut hash_buffer = vec![0u64; batch.num_rows()];
                      let _hashes =
                          create_hashes(batch.columns(), &get_hasher(), &mut hash_buffer).map_err(|e| {
                              StateError::Other {
                                  table: "".to_string(),
                                  error: format!("failed to compute hashes: {e:?}"),
                              }
            -             })?;
            +             });
                      let hash_array = PrimitiveArray::<UInt64Type>::from(hash_buffer);
                      Ok(batch.clone())
                  }
              }
            """;

    @Test
    void aQuestionMarkTakenOffAStatementBoundToAnUnreadNameIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/arroyo-state/src/schemas/mod.rs", ANNOTATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER42", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).startsWith("`annotate_record_batch` no longer propagates the error of `let _hashes =");
        assertThat(f.get(0).explanation()).contains("silences the `unused_must_use` warning");
    }

    @Test
    void aNamedBindingOrAnUnchangedQuestionMarkIsNotReported() {
        String named = ANNOTATE.replace("let _hashes =", "let hashes =");
        assertThat(named).isNotEqualTo(ANNOTATE);
        assertThat(RuleRun.on(rule, "src/mod.rs", named)).isEmpty();
        assertThat(RuleRun.on(rule, "src/mod.rs", """
                  fn save(&mut self) -> Result<()> {
                -     self.flush()?;
                +     self.flush_all()?;
                +     self.sync();
                      Ok(())
                  }
                """)).isEmpty();
        // the callee, defined in the file, no longer fails (miniz_oxide's `put_fast`)
        assertThat(RuleRun.on(rule, "src/mod.rs", """
                  fn put_fast(&mut self, bits: u64, len: u32) {
                      self.bits |= bits << len;
                  }
                  fn write(&mut self) -> Result<()> {
                -     self.put_fast(1, 2)?;
                +     self.put_fast(1, 2);
                      Ok(())
                  }
                """)).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/mod.rs", """
                  fn save(&mut self) -> Result<()> {
                -     self.flush()?;
                +     self.flush();
                      Ok(())
                  }
                """))).containsExactly(tuple("ER42", MEDIUM, NEW, 2, 2));
    }
}
