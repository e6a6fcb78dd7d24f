package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC48: a read lock made a write lock across an await, for a call that takes {@code &self}. */
class SharedLockMadeExclusiveTest {

    private final SharedLockMadeExclusive rule = new SharedLockMadeExclusive();

    /** tonbo's DB::flush_wal with its fix (0340768d) reversed. */
    private static final String FLUSH = """
              impl DB {
                  pub async fn flush_wal(&self) -> Result<(), DbError> {
            -         self.schema.read().await.flush_wal().await?;
            +         self.schema.write().await.flush_wal().await?;
                      Ok(())
                  }
              }
              impl Schema {
                  async fn flush_wal(&self) -> Result<(), DbError> {
                      self.mutable.flush_wal().await?;
                      Ok(())
                  }
              }
            """;

    @Test
    void aWriteGuardAcrossAnAwaitedSharedCallIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", FLUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC48", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("Write lock held across `flush_wal(..).await`, which takes `&self`, in `flush_wal`");
    }

    @Test
    void theFixAMutatingMethodAndAnUnawaitedCallAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", FLUSH.replace("-         self.schema.read()", "@         self.schema.read()")
                .replace("+         self.schema.write()", "-         self.schema.write()")
                .replace("@         self.schema.read()", "+         self.schema.read()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", FLUSH.replace("async fn flush_wal(&self)", "async fn flush_wal(&mut self)"))).isEmpty();
        String unawaited = FLUSH.replace(".await.flush_wal().await?;", ".await.flush_wal_now();");
        assertThat(unawaited).contains("+         self.schema.write().await.flush_wal_now();");
        assertThat(RuleRun.on(rule, "src/lib.rs", unawaited.replace("fn flush_wal(&self)", "fn flush_wal_now(&self)"))).isEmpty();
    }
}
