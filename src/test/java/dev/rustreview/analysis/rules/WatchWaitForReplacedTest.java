package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL32: a watch receiver's wait_for replaced by changed() with no look at the current value. */
class WatchWaitForReplacedTest {

    private final WatchWaitForReplaced rule = new WatchWaitForReplaced();

    /** neon d857f63e, reversed: a tenant already Active is never seen. */
    private static final String WAIT = """
              async fn wait_for_active_tenant(tenant: &Arc<Tenant>, cancel: &CancellationToken) -> ControlFlow<()> {
                  let mut update_rx = tenant.subscribe_for_state_updates();
            -     tokio::select! {
            -         result = update_rx.wait_for(|s| s == &TenantState::Active) => {
            -             if result.is_err() {
            -                 return ControlFlow::Break(());
            -             }
            -             ControlFlow::Continue(())
            -         },
            -         _ = cancel.cancelled() => ControlFlow::Break(()),
            +     loop {
            +         tokio::select! {
            +             _ = cancel.cancelled() => return ControlFlow::Break(()),
            +             result = update_rx.changed() => if result.is_err() {
            +                 return ControlFlow::Break(());
            +             }
            +         }
            +         match &*update_rx.borrow() {
            +             TenantState::Active => return ControlFlow::Continue(()),
            +             state => debug!("not active: {state:?}"),
            +         }
                  }
              }
            """;

    @Test
    void waitForReplacedByChangedBeforeAnyRead() {
        List<Finding> f = RuleRun.on(rule, "pageserver/src/tenant/tasks.rs", WAIT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL32", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`update_rx.changed()` replaces `update_rx.wait_for(..)` in "
                + "`wait_for_active_tenant`");
        String fix = WAIT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         result = update_rx.wait_for(");
        assertThat(RuleRun.on(rule, "src/tasks.rs", fix)).isEmpty();
    }

    @Test
    void theCurrentValueReadFirstOrAnotherReceiverIsNotReported() {
        assertThat(RuleRun.on(rule, "src/tasks.rs", WAIT.replace("+     loop {",
                "+     if *update_rx.borrow_and_update() == TenantState::Active { return ControlFlow::Continue(()); }\n+     loop {")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/tasks.rs", WAIT.replace("update_rx.changed()", "other_rx.changed()"))).isEmpty();
    }
}
