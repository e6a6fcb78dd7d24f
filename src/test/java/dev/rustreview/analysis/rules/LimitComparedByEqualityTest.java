package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC45: a shared collection's size compared with its limit by equality. */
class LimitComparedByEqualityTest {

    private final LimitComparedByEquality rule = new LimitComparedByEquality();

    /** scylla-rust-driver's CachingSession::add_prepared_statement_owned with its fix (6eefe633) reversed. */
    private static final String CACHE = """
              impl<S: BuildHasher + Clone> CachingSession<S> {
                  async fn add_prepared_statement_owned(&self, query: Statement) -> Result<PreparedStatement, PrepareError> {
                      if let Some(raw) = self.cache.get(&query.contents) {
                          return Ok(raw.statement.clone());
                      }
                      let prepared = self.session.prepare(query.clone()).await?;
            -         while self.max_capacity <= self.cache.len() {
            +         if self.max_capacity == self.cache.len() {
                          let query = self.cache.iter().next().map(|e| e.key().clone());
                          if let Some(q) = query {
                              self.cache.remove(&q);
                          }
                      }
                      self.cache.insert(query.contents, RawPreparedStatement::new(&prepared));
                      Ok(prepared)
                  }

                  pub fn cache_len(&self) -> usize {
                      self.cache.len()
                  }
              }
            """;

    @Test
    void anOrderedLimitTurnedIntoEqualityOnASharedCacheIsReported() {
        List<Finding> f = RuleRun.on(rule, "scylla/src/client/caching_session.rs", CACHE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC45", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`self.max_capacity == self.cache.len()` in `add_prepared_statement_owned` no longer sees a size past the limit");
        // written the other way round
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/cache.rs", CACHE.replace("if self.max_capacity == self.cache.len()",
                "if self.cache.len() == self.max_capacity")))).containsExactly(tuple("CC45", MEDIUM, NEW, 7, 7));
    }

    @Test
    void anExclusiveFnTheFixOrOtherOperandsAreNotReported() {
        assertThat(RuleRun.on(rule, "src/cache.rs", CACHE.replace("(&self, query: Statement)", "(&mut self, query: Statement)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/cache.rs", CACHE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/cache.rs", CACHE.replace("if self.max_capacity == self.cache.len()",
                "if self.max_capacity == self.pending.len()"))).isEmpty();
        // no size on either side: two counters
        assertThat(RuleRun.on(rule, "src/cache.rs", CACHE.replace("self.cache.len() {\n+", "self.used {\n+")
                .replace("while self.max_capacity <= self.cache.len()", "while self.max_capacity <= self.used")
                .replace("if self.max_capacity == self.cache.len()", "if self.max_capacity == self.used"))).isEmpty();
    }
}
