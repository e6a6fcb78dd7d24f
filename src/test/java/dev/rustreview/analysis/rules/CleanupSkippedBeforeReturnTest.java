package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS22: a clean-up call deleted before an early return while the fn keeps it on its other path. */
class CleanupSkippedBeforeReturnTest {

    private final CleanupSkippedBeforeReturn rule = new CleanupSkippedBeforeReturn();

    /** pgcat's client loop with 61db13f6 reversed. */
    private static final String HANDLE = """
              impl Client {
                  pub async fn handle(&mut self) -> Result<(), Error> {
                      loop {
                          let message = read_message(&mut self.read).await?;
                          if message[0] as char == 'X' {
                              if !server.in_transaction() {
                                  server.query("DISCARD ALL").await?;
                              }
            -
            -                 self.release();
            -
                              return Ok(());
                          }
                          server.send(message).await?;
                          self.release();
                      }
                  }
              }
            """;

    @Test
    void aReleaseDeletedBeforeAnEarlyReturnIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/client.rs", HANDLE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS22", MEDIUM, OLD, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`handle` no longer calls `self.release()` before its early return");
    }

    @Test
    void aCleanUpMovedOrGoneFromEveryPathOrBeforeNoReturnIsNotReported() {
        // moved above the `if` (an added line makes the same call)
        String moved = HANDLE.replace("              if message[0] as char == 'X' {",
                "+             self.release();\n              if message[0] as char == 'X' {");
        assertThat(moved).isNotEqualTo(HANDLE);
        assertThat(RuleRun.on(rule, "src/client.rs", moved)).isEmpty();
        // the fn releases nowhere any more (a guard took over), and a release followed by more work, not a return
        String nowhere = HANDLE.replace("\n" + " ".repeat(14) + "self.release();\n", "\n");
        assertThat(nowhere).isNotEqualTo(HANDLE);
        assertThat(RuleRun.on(rule, "src/client.rs", nowhere)).isEmpty();
        assertThat(RuleRun.on(rule, "src/client.rs", """
                  fn step(&mut self) -> Result<()> {
                      if self.done {
                -         self.slots.remove(&self.id);
                          self.log();
                          self.flush();
                          self.report();
                          return Ok(());
                      }
                      self.slots.remove(&self.id);
                      Ok(())
                  }
                """)).isEmpty();
    }

    /** pgcat's client entrypoint with 037d232f reversed. */
    private static final String ENTRY = """
              pub async fn client_entrypoint(mut stream: TcpStream, drain: Sender<i32>) -> Result<(), Error> {
                  match Client::startup(&mut stream).await {
                      Ok(mut client) => {
                          let result = client.handle().await;
                          if !client.is_admin() {
                              let _ = drain.send(-1).await;
            -             }
            -
            -             if result.is_err() {
            -                 client.stats.disconnect();
            +
            +                 if result.is_err() {
            +                     client.stats.disconnect();
            +                 }
                          }
                          result
                      }
                      Err(err) => Err(err),
                  }
              }
            """;

    @Test
    void aCleanUpMovedInsideOneMoreConditionIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/client.rs", ENTRY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS22", MEDIUM, OLD, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`client.stats.disconnect()` in `client_entrypoint` now runs only under "
                + "`if !client.is_admin()`");
        // re-indented in place (the same conditions), or made in both branches of the new condition
        assertThat(RuleRun.on(rule, "src/client.rs", """
                  fn close(&mut self, failed: bool) {
                      if failed {
                -         self.stats.disconnect();
                +             self.stats.disconnect();
                      }
                  }
                """)).isEmpty();
        // the new condition binds the receiver: nothing to clean up without it (tokio's oneshot `close`)
        assertThat(RuleRun.on(rule, "src/oneshot.rs", """
                  fn close(&mut self) {
                -     let inner = self.inner.as_ref().unwrap();
                -     inner.close();
                +     if let Some(inner) = self.inner.as_ref() {
                +         inner.close();
                +     }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/client.rs", """
                  fn close(&mut self, failed: bool) {
                -     self.stats.disconnect();
                +     if failed {
                +         self.stats.disconnect();
                +     } else {
                +         self.stats.disconnect();
                +     }
                  }
                """)).isEmpty();
    }
}
