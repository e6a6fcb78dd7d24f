package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN34: a match arm removed before a panicking catch-all. */
class ArmFallsToPanicTest {

    private final ArmFallsToPanic rule = new ArmFallsToPanic();

    /** crucible's set_active_request with its fix (3ede71e1) reversed. */
    private static final String ACTIVATE = """
              impl DownstairsClient {
                  pub(crate) fn set_active_request(&mut self) {
                      match &self.state {
                          DsState::Connecting { state: NegotiationState::WaitActive, .. } => {
                              self.send(Message::PromoteToActive);
                          }
            -             DsState::Stopping(ClientStopReason::Replacing) => {
            -                 info!(self.log, "ignoring activation request while replacing");
            -             }
                          s => panic!("invalid state for set_active_request: {s:?}"),
                      }
                  }
              }
            """;

    @Test
    void anArmRemovedBeforeAPanickingCatchAllIsReported() {
        List<Finding> f = RuleRun.on(rule, "upstairs/src/client.rs", ACTIVATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN34", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`DsState::Stopping(ClientStopReason::Replacing)` now reaches the panicking catch-all in `set_active_request`");
        // an arm on one line, before `_ => unreachable!()`
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  fn kind(b: u8) -> Kind {
                      match b {
                          0 => Kind::A,
                -         1 => Kind::B,
                          _ => unreachable!("bad kind"),
                      }
                  }
                """))).containsExactly(tuple("PN34", MEDIUM, NEW, 4, 4));
    }

    @Test
    void aCatchAllThatDoesNotPanicAMovedArmAndAPanickingArmAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", ACTIVATE.replace("s => panic!(\"invalid state for set_active_request: {s:?}\"),",
                "s => warn!(self.log, \"invalid state {s:?}\"),"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", ACTIVATE.replace("              s => panic!(",
                "+             DsState::Stopping(ClientStopReason::Replacing) => {}\n              s => panic!("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn kind(b: u8) -> Kind {
                      match b {
                          0 => Kind::A,
                -         1 => panic!("one"),
                          _ => unreachable!("bad kind"),
                      }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", ACTIVATE.replaceAll("(?m)^-", "+"))).isEmpty();
        // slab b11bc6e0: the arm's pattern rewritten in place (wrapped in `Some(&..)`), not removed
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn index(&self, key: usize) -> &T {
                -     match self.entries[key] {
                -         Entry::Occupied(ref v) => v,
                +     match self.entries.get(key) {
                +         Some(&Entry::Occupied(ref v)) => v,
                          _ => panic!("invalid key"),
                      }
                  }
                """)).isEmpty();
    }

    /** clickhouse-rs 394e1260 reversed: an insert ended before it started now hits `unreachable!()`. */
    @Test
    void aStructPatternArmRemovedBeforeAPanickingCatchAllIsReported() {
        String diff = """
                  impl InsertState {
                      fn terminated(&mut self) {
                          replace_with_or_abort(self, |_self| match _self {
                -             InsertState::NotStarted { .. } => InsertState::Completed,
                              InsertState::Active { handle, .. } => InsertState::Terminated { handle },
                              _ => unreachable!(),
                          });
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "src/insert.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN34", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`InsertState::NotStarted { .. }` now reaches the panicking catch-all in "
                + "`terminated`");
        // the state handled in another arm of the new fn: rewritten, not removed
        assertThat(RuleRun.on(rule, "src/insert.rs", diff.replace(
                "              InsertState::Active { handle, .. } => InsertState::Terminated { handle },",
                "+             InsertState::NotStarted { .. } | InsertState::Active { .. } => InsertState::Completed,")))
                .isEmpty();
        // hyper-util 62ceda74 reversed: the variant still has an arm, with fewer fields bound
        assertThat(RuleRun.on(rule, "src/server/conn/auto.rs", """
                  impl<I, S, E> Connection<I, S, E> {
                      pub fn graceful_shutdown(self: Pin<&mut Self>) {
                          match self.project().state.project() {
                -             ConnStateProj::ReadVersion { read_version, .. } => read_version.cancel(),
                +             ConnStateProj::ReadVersion { .. } => {}
                              ConnStateProj::H1 { conn } => conn.graceful_shutdown(),
                              _ => unreachable!(),
                          }
                      }
                  }
                """)).isEmpty();
    }
}
