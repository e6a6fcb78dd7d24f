package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER37: an awaited outcome replaced by pending(). */
class OutcomeParkedOnPendingTest {

    private final OutcomeParkedOnPending rule = new OutcomeParkedOnPending();

    /** quilkin's xDS provider with its fix (57a5afef) reversed. */
    private static final String PROVIDER = """
              impl Providers {
                  async fn xds_provider(config: Arc<Config>, endpoints: Vec<Endpoint>) -> eyre::Result<()> {
            -         let stream = delta_subscribe(config, endpoints).await?;
            +         let _stream = delta_subscribe(config, endpoints).await?;
                      HEALTH.store(true, Ordering::SeqCst);
            -         stream.await.wrap_err("join handle error")?
            +         std::future::pending().await
                  }
              }
            """;

    @Test
    void aHandleKeptWhileTheFnWaitsOnPendingIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/providers.rs", PROVIDER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER37", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`xds_provider` waits on `pending()` instead of `stream.await`");
    }

    @Test
    void aHandleStillAwaitedDroppedOrTheFixIsNotReported() {
        assertThat(RuleRun.on(rule, "src/providers.rs", PROVIDER.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/providers.rs", PROVIDER.replace("+         std::future::pending().await",
                "+         tokio::select! { r = stream => r?, _ = std::future::pending::<()>() => unreachable!() }"))).isEmpty();
        // the handle not kept: the fn no longer has it at all
        assertThat(RuleRun.on(rule, "src/providers.rs", PROVIDER.replace("+         let _stream = delta_subscribe",
                "+         delta_subscribe"))).isEmpty();
    }
}
