package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS12: remove-then-insert on one collection reordered to insert-then-remove. */
class InsertBeforeRemoveTest {

    private final InsertBeforeRemove rule = new InsertBeforeRemove();

    /** mini-redis's Db::set with its fix (9b93f751) reversed. */
    private static final String SET = """
              impl Db {
                  pub(crate) fn set(&self, key: String, value: Bytes, expire: Option<Duration>) {
                      let mut state = self.shared.state.lock().unwrap();
                      let expires_at = expire.map(|duration| {
                          let when = Instant::now() + duration;
            +             state.expirations.insert((when, key.clone()));
                          when
                      });
                      let prev = state.entries.insert(key.clone(), Entry { data: value, expires_at });
                      if let Some(prev) = prev {
                          if let Some(when) = prev.expires_at {
            -                 state.expirations.remove(&(when, key.clone()));
            +                 state.expirations.remove(&(when, key));
                          }
                      }
            -         if let Some(when) = expires_at {
            -             state.expirations.insert((when, key));
            -         }
                      drop(state);
                  }
              }
            """;

    @Test
    void theNewExpirationInsertedBeforeTheOldOneIsRemoved() {
        List<Finding> f = RuleRun.on(rule, "src/db.rs", SET);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS12", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo(
                "`state.expirations.insert(..)` now runs before `state.expirations.remove(..)` in `set`");
        assertThat(f.get(0).explanation()).contains("line 6", "line 12");
    }

    @Test
    void quietWhenTheOrderStaysTheReceiversDifferOrACallIsRepeated() {
        // The same fn with the order kept (the fix itself), inserts into another collection, and a loop of removes.
        assertThat(RuleRun.on(rule, "src/db.rs", """
                  fn set(&mut self, key: K, when: Instant) {
                -     self.expirations.remove(&(old, key.clone()));
                +     self.expirations.remove(&(prev, key.clone()));
                      self.expirations.insert((when, key));
                  }
                  fn other(&mut self, key: K, when: Instant) {
                      self.by_time.remove(&(old, key.clone()));
                +     self.by_key.insert(key.clone(), when);
                      self.by_time.insert((when, key));
                -     self.by_key.insert(key, when);
                  }
                  fn twice(&mut self, a: K, b: K) {
                -     self.set.remove(&a);
                -     self.set.insert(b);
                +     self.set.insert(b);
                +     self.set.remove(&a);
                +     self.set.remove(&b);
                  }
                  fn was_twice(&mut self, a: K, b: K) {
                -     self.set.remove(&a);
                      self.set.insert(b);
                      self.set.remove(&a);
                  }
                """)).isEmpty();
    }

    @Test
    void quietWhenTheInsertAlreadyCameFirst() {
        // A fn that always inserted first (a temporary entry, then the old one dropped) is not a reorder.
        assertThat(RuleRun.on(rule, "src/db.rs", """
                  fn set(&mut self, key: K, when: Instant) {
                      self.index.insert(key.clone());
                -     log(1);
                +     log(2);
                      self.index.remove(&key);
                  }
                """)).isEmpty();
    }
}
