package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL33: an atomic count raised before an await and lowered by hand after it. */
class CountLeakedOnCancelTest {

    private final CountLeakedOnCancel rule = new CountLeakedOnCancel();

    /** alloy 78c8fce8, reversed: a cancelled retry left the queue count raised. */
    private static final String RETRY = """
              fn call(&mut self, request: RequestPacket) -> Self::Future {
                  let this = self.clone();
                  Box::pin(async move {
            -         let (_queued_request, ahead_in_queue) =
            -             QueuedRequest::new(this.requests_enqueued.clone());
            +         let ahead_in_queue = this.requests_enqueued.fetch_add(1, Ordering::SeqCst) as u64;
                      loop {
                          let res = inner.call(request.clone()).await;
                          if let Ok(res) = res {
            +                 this.requests_enqueued.fetch_sub(1, Ordering::SeqCst);
                              return Ok(res);
                          }
                          sleep(backoff(ahead_in_queue)).await;
                      }
                  })
              }
            """;

    @Test
    void aCountLoweredOnlyAfterTheAwaitIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/transport/src/layers/retry.rs", RETRY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL33", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`this.requests_enqueued` is raised before an await and lowered only after it");
        String fix = RETRY.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+             QueuedRequest::new(this.requests_enqueued.clone());");
        assertThat(RuleRun.on(rule, "src/retry.rs", fix)).isEmpty();
    }

    @Test
    void noAwaitBetweenAnotherCounterOrAnUntouchedFnIsNotReported() {
        assertThat(RuleRun.on(rule, "src/retry.rs", RETRY.replace(".call(request.clone()).await", ".call(request.clone())")
                .replace("sleep(backoff(ahead_in_queue)).await", "sleep(backoff(ahead_in_queue))"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/retry.rs", RETRY.replace("+                 this.requests_enqueued.fetch_sub",
                "+                 this.requests_done.fetch_sub"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/retry.rs", RETRY.replace("Box::pin(async move {", "Box::pin({")
                .replace(".await", ".wait()"))).isEmpty();
        String untouched = RETRY.replaceAll("(?m)^\\+", " ").replaceAll("(?m)^-.*\\n", "");
        assertThat(RuleRun.on(rule, "src/retry.rs", untouched)).isEmpty();
    }

    /** volo's connection handler with its fix (078f1d89) reversed: the count lowered after the await, not by a guard. */
    private static final String CONN = """
              async fn handle_conn<R, W>(rh: R, wh: W, conn_cnt: Arc<AtomicUsize>, notifier: Arc<Notify>) {
            -     conn_cnt.fetch_add(1, Ordering::Relaxed);
            -     defer! {
            -         conn_cnt.fetch_sub(1, Ordering::Relaxed);
            -     }
            -
                  let (encoder, decoder) = make_codec(rh, wh);
                  serve(encoder, decoder, notifier).await;
            +     conn_cnt.fetch_sub(1, Ordering::Relaxed);
              }
            """;

    @Test
    void aScopeGuardReplacedByAStatementAfterTheAwaitIsReported() {
        List<Finding> f = RuleRun.on(rule, "volo-thrift/src/server.rs", CONN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL33", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title())
                .isEqualTo("`conn_cnt` lowered by hand after an await instead of by the removed scope guard");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/server.rs", CONN.replace("defer! {", "let _g = guard((), |_| {")
                .replace("-     }\n", "-     });\n")))).containsExactly(tuple("AL33", MEDIUM, NEW, 4, 4));
    }

    @Test
    void aGuardKeptALowerBeforeTheAwaitOrAnotherCounterIsNotReported() {
        String kept = CONN.replace("-     defer! {", "      defer! {").replace("-         conn_cnt.fetch_sub", "          conn_cnt.fetch_sub")
                .replace("-     }\n", "      }\n");
        assertThat(RuleRun.on(rule, "src/server.rs", kept)).isEmpty();
        assertThat(RuleRun.on(rule, "src/server.rs", CONN.replace("      serve(encoder, decoder, notifier).await;\n", "")
                .replace("let (encoder, decoder) = make_codec(rh, wh);", "let (encoder, decoder) = make_codec(rh, wh).await;")
                .replace("+     conn_cnt.fetch_sub", "+     other.fetch_sub"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/server.rs", CONN.replace("serve(encoder, decoder, notifier).await;",
                "serve(encoder, decoder, notifier);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/server.rs", CONN.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
    }
}
