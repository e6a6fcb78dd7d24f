package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL20: an await that no longer races the stop signal a select! raced it against. */
class SignalRaceRemovedTest {

    private final SignalRaceRemoved rule = new SignalRaceRemoved();

    /** pingora's pipe_up_to_down_response with its fix (93630eb7) reversed, cut down to the body loop. */
    private static final String PIPE = """
              pub(crate) async fn pipe_up_to_down_response(client: &mut Stream, tx: Sender<Task>) -> Result<()> {
            -     loop {
            -         let chunk = tokio::select! {
            -             biased;
            -             body = client.read_response_body() => {
            -                 body.map_err(|e| e.into_up()).transpose()
            -             }
            -             _ = tx.closed() => None,
            -         };
            -         let Some(chunk) = chunk else {
            -             break;
            -         };
            +     while let Some(chunk) = client
            +         .read_response_body()
            +         .await
            +         .map_err(|e| e.into_up())
            +         .transpose()
            +     {
                      let data = match chunk {
                          Ok(d) => d,
                          Err(e) => return Err(e),
                      };
                      tx.send(Task::Body(data)).await.ok();
                  }
                  Ok(())
              }
            """;

    @Test
    void aBodyReadNoLongerRacedAgainstTheClosedChannel() {
        List<Finding> f = RuleRun.on(rule, "src/proxy_h2.rs", PIPE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL20", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo(
                "`pipe_up_to_down_response` now awaits `read_response_body(..)` without racing `tx.closed()`");
        // the other stop signals
        for (String signal : List.of("token.cancelled()", "tokio::signal::ctrl_c()", "self.shutdown_rx.recv()",
                "&mut shutdown", "stop.notified().fuse()")) {
            assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("tx.closed()", signal))).as(signal).hasSize(1);
        }
    }

    /** openraft's replication response loop with its fix (369e5d1c) reversed: both futures bound by let first. */
    private static final String RESPONSES = """
              impl Core {
                  async fn drain(&mut self, mut resp_strm: Stream) -> Result<(), &'static str> {
            -         let mut cancel_rx = self.ctx.cancel_rx.clone();
            -         loop {
            -             let rpc_res = {
            -                 let next_resp = resp_strm.next();
            -                 let cancel = cancel_rx.changed();
            -                 futures_util::select! {
            -                     rpc_res = next_resp.fuse() => rpc_res,
            -                     cancel_res = cancel.fuse() => {
            -                         return Err("canceled");
            -                     }
            -                 }
            -             };
            -             let Some(rpc_res) = rpc_res else {
            -                 return Ok(());
            -             };
            +         while let Some(rpc_res) = resp_strm.next().await {
                          self.handle(rpc_res)?;
                      }
            +         Ok(())
                  }
              }
            """;

    @Test
    void futuresBoundByLetBeforeTheSelect() {
        List<Finding> f = RuleRun.on(rule, "src/replication/mod.rs", RESPONSES);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL20", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`drain` now awaits `next(..)` without racing `cancel_rx.changed()`");
        // the cancel future bound to something that is no stop signal
        assertThat(RuleRun.on(rule, "src/replication/mod.rs", RESPONSES.replace("cancel_rx.changed()", "other_rx.changed()")
                .replace("self.ctx.cancel_rx", "self.ctx.other_rx"))).isEmpty();
    }

    @Test
    void aRaceKeptOrNeverThereOrAnotherBranchIsLeftAlone() {
        // the fix direction
        assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        // the other branch is no stop signal: a select over two reads
        assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("tx.closed()", "other.recv()"))).isEmpty();
        // the signal still raced elsewhere in the fn
        assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("+     {\n", "+     {\n+         tokio::select! { _ = tx.closed() => break, _ = sleep(d) => {} }\n"))).isEmpty();
        // the read not awaited on its own but still inside a select!
        assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("+     while let Some(chunk) = client",
                "+     while let Some(chunk) = select! { c = client").replace("+         .transpose()\n", "+         .transpose() => c }\n"))).isEmpty();
        // the awaited call is another one
        assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("+         .read_response_body()", "+         .read_body()"))).isEmpty();
        // the select! deleted with its loop; the bare await of the same call was there before
        assertThat(RuleRun.on(rule, "src/proxy_h2.rs", PIPE.replace("+     while let Some(chunk) = client",
                "      let first = client.read_response_body().await;\n+     while let Some(chunk) = client")
                .replace("+         .read_response_body()", "+         .next_body()"))).isEmpty();
        // a test file
        assertThat(RuleRun.on(rule, "tests/proxy_h2.rs", PIPE)).isEmpty();
    }
}
