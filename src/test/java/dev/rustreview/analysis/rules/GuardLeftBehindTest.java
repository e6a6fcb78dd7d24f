package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL19: a guard the returned future no longer holds. */
class GuardLeftBehindTest {

    private final GuardLeftBehind rule = new GuardLeftBehind();

    /** jsonrpsee's TowerService::call with its fix (7ad80797) reversed. */
    private static final String CALL = """
              impl Service for TowerService {
                  fn call(&mut self, request: Request) -> Self::Future {
                      let conn = self.conn_guard.try_acquire();
                      let rpc_service = self.rpc_service.clone();
                      if self.enabled {
            -             Box::pin(async move {
            -                 let rp = http::call_with_service(request, rpc_service).await;
            -                 drop(conn);
            -                 Ok(rp)
            -             })
            +             Box::pin(http::call_with_service(request, rpc_service).map(Ok))
                      } else {
                          drop(conn);
                          Box::pin(async { Ok(http::response::denied()) })
                      }
                  }
              }
            """;

    @Test
    void aGuardNoLongerMovedIntoTheReturnedFutureIsReported() {
        List<Finding> f = RuleRun.on(rule, "server/src/server.rs", CALL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL19", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo(
                "`conn` is no longer held by the future `call` returns: it is dropped before the future runs");
    }

    @Test
    void aCaptureInAnotherBranchDoesNotHoldIt() {
        String spawned = CALL.replace("          if self.enabled {", "          if self.upgrade {\n"
                + "              tokio::spawn(async move { background(conn).await });\n"
                + "              Box::pin(async { Ok(upgraded()) })\n"
                + "          } else if self.enabled {");
        assertThat(RuleRun.shape(RuleRun.on(rule, "server/src/server.rs", spawned))).containsExactly(tuple("AL19", MEDIUM, NEW, 9, 9));
    }

    @Test
    void theFixAGuardStillCapturedOrGoneOrBoundInsideAreQuiet() {
        assertThat(RuleRun.on(rule, "src/s.rs", CALL.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+"))).isEmpty();
        // still captured by a move closure
        assertThat(RuleRun.on(rule, "src/s.rs", CALL.replace("+             Box::pin(http::call_with_service(request, rpc_service).map(Ok))",
                "+             Box::pin(http::call_with_service(request, rpc_service).map(move |r| { drop(conn); Ok(r) }))"))).isEmpty();
        // no longer named at all (nothing is held any more, nor left behind)
        assertThat(RuleRun.on(rule, "src/s.rs", CALL.replace("          let conn = self.conn_guard.try_acquire();",
                "-         let conn = self.conn_guard.try_acquire();").replace("else {\n              drop(conn);\n", "else {\n"))).isEmpty();
        // bound inside the block itself, not outside it
        assertThat(RuleRun.on(rule, "src/s.rs", CALL.replace("let conn = self.conn_guard.try_acquire();", "let n = 1;")
                .replace("let rp = http::call_with_service", "let conn = permit(); let rp = http::call_with_service"))).isEmpty();
        // dropped in a plain block
        assertThat(RuleRun.on(rule, "src/s.rs", CALL.replace("-             Box::pin(async move {", "-             Box::pin({"))).isEmpty();
    }
}
