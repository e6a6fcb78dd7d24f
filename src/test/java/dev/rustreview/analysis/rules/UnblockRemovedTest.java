package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL15: a path that frees what blocked callers wait for stops telling them, while its siblings still do. */
class UnblockRemovedTest {

    private final UnblockRemoved rule = new UnblockRemoved();

    /** quinn's MTU update with its fix (c09ff210) reversed, beside the send path that still announces. */
    private static final String MTU = """
              impl Connection {
                  fn on_mtu_update(&mut self, now: Instant) {
                      self.path.congestion.on_mtu_update(self.path.mtud.current_mtu());
                      if let Some(max_datagram_size) = self.datagrams().max_size() {
            -             if self.datagrams.drop_oversized(max_datagram_size)
            -                 && self.datagrams.send_blocked
            -             {
            -                 self.datagrams.send_blocked = false;
            -                 self.events.push_back(Event::DatagramsUnblocked);
            -             }
            +             self.datagrams.drop_oversized(max_datagram_size);
                      }
                  }
                  fn populate_packet(&mut self, now: Instant, sent_datagrams: bool) {
                      if self.datagrams.send_blocked && sent_datagrams {
                          self.events.push_back(Event::DatagramsUnblocked);
                          self.datagrams.send_blocked = false;
                      }
                  }
              }
            """;

    @Test
    void theMtuPathDropsDatagramsWithoutUnblockingWhileTheSendPathStillDoes() {
        List<Finding> f = RuleRun.on(rule, "quinn-proto/src/connection/mod.rs", MTU);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL15", MEDIUM, OLD, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`on_mtu_update` no longer runs `self.datagrams.send_blocked = false;`");
    }

    @Test
    void quietWhenTheStatementStaysInTheFnOrLeavesTheWholeFile() {
        // Moved within the fn; gone from every fn (the protocol changed); a flag set to true; an event of another name.
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  impl Conn {
                      fn moved(&mut self) {
                -         self.write_blocked = false;
                          self.flush();
                +         self.write_blocked = false;
                      }
                      fn gone(&mut self) {
                -         self.events.push_back(Event::ReadUnblocked);
                          self.flush();
                      }
                      fn other(&mut self) {
                -         self.read_blocked = true;
                -         self.events.push_back(Event::Closed);
                          self.flush();
                      }
                      fn sibling(&mut self) {
                          self.write_blocked = false;
                          self.read_blocked = true;
                          self.events.push_back(Event::Closed);
                      }
                  }
                """)).isEmpty();
    }
}
