package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC23: a value replaced under a guard whose Drop takes the same lock. */
class ReplacedUnderItsLockTest {

    private final ReplacedUnderItsLock rule = new ReplacedUnderItsLock();

    /** rust-postgres's client, its statement and the cache setters with the fix (a84a45d8) reversed. */
    private static final String CLIENT = """
              use parking_lot::Mutex;
              use std::sync::{Arc, Weak};
              struct StatementInner {
                  client: Weak<InnerClient>,
                  name: String,
              }
              impl Drop for StatementInner {
                  fn drop(&mut self) {
                      if let Some(client) = self.client.upgrade() {
                          client.with_buf(|buf| close(&self.name, buf));
                      }
                  }
              }
              pub struct Statement(Arc<StatementInner>);
              struct State {
                  typeinfo: Option<Statement>,
                  types: HashMap<Oid, Type>,
                  buf: BytesMut,
              }
              pub struct InnerClient {
                  state: Mutex<State>,
              }
              impl InnerClient {
                  pub fn set_typeinfo(&self, statement: &Statement) {
            -         let mut state = self.state.lock();
            -         if state.typeinfo.is_none() {
            -             state.typeinfo = Some(statement.clone());
            -         }
            +         self.state.lock().typeinfo = Some(statement.clone());
                  }
                  pub fn set_type(&self, oid: Oid, type_: &Type) {
            -         self.state.lock().types.insert(oid, type_.clone());
            +         let mut state = self.state.lock();
            +         state.types = HashMap::new();
            +         state.typeinfo = None;
                  }
                  pub fn reset(&self) {
            +         let mut state = self.state.lock();
            +         *state = State::default();
                  }
                  pub fn with_buf<F, R>(&self, f: F) -> R
                  where
                      F: FnOnce(&mut BytesMut) -> R,
                  {
                      let mut state = self.state.lock();
                      let r = f(&mut state.buf);
                      state.buf.clear();
                      r
                  }
              }
            """;

    @Test
    void aCachedStatementReplacedUnderTheClientLockThatItsDropTakes() {
        List<Finding> f = RuleRun.on(rule, "tokio-postgres/src/client.rs", CLIENT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC23", HIGH, NEW, 25, 25), tuple("CC23", HIGH, NEW, 30, 30),
                tuple("CC23", HIGH, NEW, 34, 34));
        assertThat(f.get(2).title()).startsWith("`*state = ..` drops the old `State` while");
        assertThat(f.get(0).title()).isEqualTo("`self.state.lock().typeinfo = ..` drops the old `Option<Statement>` while "
                + "`InnerClient::state` is locked, and its `Drop` locks `InnerClient::state` again");
        assertThat(f.get(0).explanation()).contains("`Statement` → `StatementInner::drop` → `InnerClient::with_buf`");
    }

    @Test
    void quietWhenTheSlotIsFilledOnlyIfEmptyOrTheDropTakesNoLockOrOnlyAWeakIsOwned() {
        // The fix itself, the same setter for a type whose Drop locks nothing, and a field that only holds a Weak.
        assertThat(RuleRun.on(rule, "tokio-postgres/src/client.rs", """
                  use parking_lot::Mutex;
                  struct StatementInner {
                      client: Weak<InnerClient>,
                  }
                  impl Drop for StatementInner {
                      fn drop(&mut self) {
                          if let Some(client) = self.client.upgrade() {
                              client.with_buf(|buf| close(buf));
                          }
                      }
                  }
                  pub struct Statement(Arc<StatementInner>);
                  pub struct Plain(String);
                  struct State {
                      typeinfo: Option<Statement>,
                      plain: Option<Plain>,
                      back: Weak<StatementInner>,
                      buf: BytesMut,
                  }
                  pub struct InnerClient {
                      state: Mutex<State>,
                  }
                  impl InnerClient {
                      pub fn set_typeinfo(&self, statement: &Statement) {
                -         self.state.lock().typeinfo = Some(statement.clone());
                +         let mut state = self.state.lock();
                +         if state.typeinfo.is_none() {
                +             state.typeinfo = Some(statement.clone());
                +         }
                +         state.plain = Some(Plain(String::new()));
                +         state.back = Weak::new();
                      }
                      pub fn with_buf<F, R>(&self, f: F) -> R where F: FnOnce(&mut BytesMut) -> R {
                          let mut state = self.state.lock();
                          f(&mut state.buf)
                      }
                  }
                """)).isEmpty();
    }
}
