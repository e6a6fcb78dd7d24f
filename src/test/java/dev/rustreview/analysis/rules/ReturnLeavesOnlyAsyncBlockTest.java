package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL34: a return inside an async block a loop awaits only leaves the block. */
class ReturnLeavesOnlyAsyncBlockTest {

    private final ReturnLeavesOnlyAsyncBlock rule = new ReturnLeavesOnlyAsyncBlock();

    /** volo's ping-pong server loop with its fix (4ef10a83) reversed. */
    private static final String SERVE = """
              pub async fn serve<Svc, E, D>(mut encoder: E, mut decoder: D, service: Svc) {
                  loop {
            -         let result = async {
            +         async {
                          let mut cx = ServerContext::default();
                          match decoder.decode(&mut cx).await {
                              Ok(Some(req)) => {
                                  let resp = service.call(&mut cx, req).await;
                                  if let Err(e) = encoder.encode(&mut cx, resp).await {
                                      error!("send response error: {:?}", e);
            -                         return Err(());
            +                         return;
                                  }
                              }
                              Ok(None) => {
            -                     return Err(());
            +                     return;
                              }
                              Err(e) => {
                                  error!("decode error: {:?}", e);
            -                     return Err(());
            +                     return;
                              }
                          }
            -             Ok(())
                      }.instrument(span!(Level::TRACE, "serve")).await;
            -         if let Err(_) = result {
            -             break;
            -         }
                  }
              }
            """;

    @Test
    void aReturnInAnAsyncBlockTheLoopAwaitsIsReported() {
        List<Finding> f = RuleRun.on(rule, "volo-thrift/src/transport/pingpong/server.rs", SERVE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL34", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`return` leaves only the `async` block; the loop (line 2) goes on");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/server.rs", SERVE.replace("      loop {", "      while running {")
                .replace("}.instrument(span!(Level::TRACE, \"serve\")).await;", "}.await;"))))
                .containsExactly(tuple("AL34", MEDIUM, NEW, 10, 10));
    }

    @Test
    void aBlockWhoseValueIsUsedAReturnOfAClosureOrNoLoopIsNotReported() {
        String fix = SERVE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(rule, "src/server.rs", fix)).isEmpty();
        // no loop around the block
        assertThat(RuleRun.on(rule, "src/server.rs", SERVE.replace("      loop {", "      {"))).isEmpty();
        // the value used after the await
        assertThat(RuleRun.on(rule, "src/server.rs", SERVE.replace(".instrument(span!(Level::TRACE, \"serve\")).await;",
                ".await.ok();"))).isEmpty();
        // the returns belong to a closure inside the block
        assertThat(RuleRun.on(rule, "src/server.rs", """
                  async fn run(items: Vec<u32>) {
                      for chunk in items.chunks(4) {
                +         async {
                              let ok = chunk.iter().all(|x| {
                                  if *x == 0 {
                                      return false;
                                  }
                                  true
                              });
                              report(ok).await;
                          }.await;
                      }
                  }
                """)).isEmpty();
        // test code
        assertThat(RuleRun.on(rule, "tests/server.rs", SERVE)).isEmpty();
    }
}
