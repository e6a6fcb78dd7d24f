package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN17: a {@code ?} that returns while the state taken by {@code mem::replace} is still the poisoned placeholder. */
class TakenStateLeftOnErrorTest {

    private final TakenStateLeftOnError rule = new TakenStateLeftOnError();

    /** yamux's Connection::poll_close with its fix (cf071c8) reversed. */
    private static final String POLL_CLOSE = """
              impl<T: AsyncRead + AsyncWrite + Unpin> Connection<T> {
                  pub fn poll_close(&mut self, cx: &mut Context<'_>) -> Poll<Result<()>> {
                      loop {
                          match std::mem::replace(&mut self.inner, ConnectionState::Poisoned) {
                              ConnectionState::Active(active) => {
                                  self.inner = ConnectionState::Closing(active.close());
                              }
            -                 ConnectionState::Closing(mut inner) => match inner.poll_unpin(cx) {
            -                     Poll::Ready(Ok(())) => {
            -                         self.inner = ConnectionState::Closed;
            -                     }
            -                     Poll::Ready(Err(e)) => {
            -                         log::warn!("Failure while closing connection: {}", e);
            +                 ConnectionState::Closing(mut inner) => match inner.poll_unpin(cx)? {
            +                     Poll::Ready(()) => {
                                      self.inner = ConnectionState::Closed;
            -                         return Poll::Ready(Err(e));
                                  }
                                  Poll::Pending => {
                                      self.inner = ConnectionState::Closing(inner);
                                      return Poll::Pending;
                                  }
                              },
                              ConnectionState::Closed => {
                                  self.inner = ConnectionState::Closed;
                                  return Poll::Ready(Ok(()));
                              }
                              ConnectionState::Poisoned => {
                                  unreachable!()
                              }
                          }
                      }
                  }
              }
            """;

    @Test
    void aFailingCloseLeavesTheConnectionPoisoned() {
        List<Finding> f = RuleRun.on(rule, "yamux/src/connection.rs", POLL_CLOSE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN17", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo(
                "`?` in `poll_close` returns with `self.inner` left as `ConnectionState::Poisoned`");
    }

    @Test
    void quietWhenTheStateIsBackBeforeThePlaceholderIsValidOrTheTryIsOld() {
        // the arm writes the state back before the `?`
        assertThat(RuleRun.on(rule, "src/connection.rs", POLL_CLOSE.replace(
                "+                 ConnectionState::Closing(mut inner) => match inner.poll_unpin(cx)? {",
                "+                 ConnectionState::Closing(mut inner) => { self.inner = ConnectionState::Closed; "
                        + "match inner.poll_unpin(cx)? {"))).isEmpty();
        // the placeholder is a state the fn accepts (no panicking arm for it)
        assertThat(RuleRun.on(rule, "src/connection.rs", POLL_CLOSE.replace("""
                                  ConnectionState::Poisoned => {
                                      unreachable!()
                                  }
                """, """
                                  ConnectionState::Poisoned => {
                                      return Poll::Ready(Ok(()));
                                  }
                """))).isEmpty();
        // a `?` that was there before, with the change elsewhere in the arm
        assertThat(RuleRun.on(rule, "src/state.rs", """
                  fn step(&mut self) -> Result<()> {
                      match mem::replace(&mut self.state, State::Invalid) {
                          State::Idle(io) => {
                              let n = io.read()?;
                -             trace!("read {}", n);
                +             debug!("read {}", n);
                              self.state = State::Busy(io);
                          }
                          State::Invalid => unreachable!("invalid state"),
                      }
                      Ok(())
                  }
                """)).isEmpty();
        // a `?` after the match, with the state back
        assertThat(RuleRun.on(rule, "src/state.rs", """
                  fn step(&mut self) -> Result<()> {
                      match mem::replace(&mut self.state, State::Invalid) {
                          State::Idle(io) => {
                              self.state = State::Busy(io);
                          }
                          State::Invalid => unreachable!("invalid state"),
                      }
                -     self.flush();
                +     self.flush()?;
                      Ok(())
                  }
                """)).isEmpty();
    }
}
