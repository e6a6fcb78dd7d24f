package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC25: a loop over queued waiters narrowed to the first one. */
class WaiterLoopNarrowedTest {

    private final WaiterLoopNarrowed rule = new WaiterLoopNarrowed();

    /** mobc's put_conn with its fix (3f2fb4db) reversed. */
    private static final String PUT_CONN = """
              async fn put_conn<M: Manager>(shared: &Arc<SharedPool<M>>, mut internals: Guard<'_, M>, mut conn: Conn<M>) {
                  conn.brand_new = false;
            -     while internals.conn_requests.len() > 0 {
            +     if internals.conn_requests.len() > 0 {
                      let req = internals.conn_requests.pop_front().unwrap();
                      internals.wait_count -= 1;
                      if req.is_canceled() {
            -             continue;
            +             return put_idle_conn(shared, internals, conn);
                      }
            -         if let Err(c) = req.send(conn) {
            -             conn = c;
            -             continue;
            +         if let Err(conn) = req.send(conn) {
            +             return put_idle_conn(shared, internals, conn);
                      }
                      return;
                  }
                  put_idle_conn(shared, internals, conn);
              }
            """;

    @Test
    void theHandOverToQueuedRequestsStopsAtTheFirstOne() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", PUT_CONN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC25", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo(
                "`while internals.conn_requests.len() > 0` over queued waiters became a single `if`");
    }

    @Test
    void quietWhenTheBlockPopsNothingHandsNothingOrTheConditionChanged() {
        assertThat(RuleRun.on(rule, "src/lib.rs", PUT_CONN.replace(".pop_front().unwrap()", ".front().cloned().unwrap()")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", PUT_CONN.replace("req.send(conn)", "req.check(&conn)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", PUT_CONN.replace(
                "+     if internals.conn_requests.len() > 0 {", "+     if internals.conn_requests.len() > 1 {"))).isEmpty();
    }
}
