package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER41: an entry popped from a queue in self, pushed back only after a `?`. */
class PoppedKeptOnlyOnSuccessTest {

    private final PoppedKeptOnlyOnSuccess rule = new PoppedKeptOnlyOnSuccess();

    /** zmq.rs's REQ socket with 99a16d765 reversed. */
    private static final String SEND = """
              impl BlockingSend for ReqSocket {
                  async fn send(&mut self, message: ZmqMessage) -> ZmqResult<()> {
                      loop {
                          let next_peer_id = match self.backend.round_robin.pop() {
                              Ok(peer) => peer,
                              Err(_) => return Err(ZmqError::Other("Not connected to peers")),
                          };
                          match self.backend.peers.get_mut(&next_peer_id) {
                              Some(mut peer) => {
            -                     self.backend.round_robin.push(next_peer_id.clone());
                                  let frames = vec!["".into(), message];
                                  peer.send_queue.send(Message::MultipartMessage(frames)).await?;
            -                     self.current_request = Some(next_peer_id);
            +                     self.current_request = Some(next_peer_id.clone());
            +                     self.backend.round_robin.push(next_peer_id);
                                  return Ok(());
                              }
                              None => continue,
                          }
                      }
                  }
              }
            """;

    @Test
    void aPeerPushedBackOnlyAfterAFallibleSendIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/req_rep.rs", SEND);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER41", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`next_peer_id` goes back into `self.backend.round_robin` only if the "
                + "`?` on line 11 succeeds");
    }

    @Test
    void anEntryPushedBackBeforeTheFallibleStepOrOnAnotherQueueIsNotReported() {
        // the fixed order: pushed back first
        assertThat(RuleRun.on(rule, "src/req_rep.rs", """
                  impl Pool {
                      async fn query(&mut self, sql: &str) -> Result<Rows> {
                          let conn = self.idle.pop_front().ok_or(Error::Exhausted)?;
                +         self.idle.push_back(conn.clone());
                          let rows = conn.query(sql).await?;
                          Ok(rows)
                      }
                      async fn drain(&mut self) -> Result<()> {
                          let conn = self.idle.pop().unwrap();
                +         conn.close().await?;
                +         self.closed.push(conn);
                          Ok(())
                      }
                  }
                """)).isEmpty();
        // a popped local not from self, and no `?` between
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn rotate(&mut self, mut local: Vec<u32>) -> Result<()> {
                      let x = local.pop().unwrap();
                      check(x)?;
                +     local.push(x);
                      let y = self.ring.pop().unwrap();
                +     self.ring.push(y);
                      Ok(())
                  }
                """)).isEmpty();
    }
}
