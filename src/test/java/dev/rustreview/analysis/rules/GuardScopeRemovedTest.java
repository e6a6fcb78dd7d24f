package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC42: the bare block that ended a guard's life removed. */
class GuardScopeRemovedTest {

    private final GuardScopeRemoved rule = new GuardScopeRemoved();

    /** probe-rs d53dfc93, reversed: the session stayed locked while the run loop locked it again. */
    private static final String MONITOR = """
              fn monitor_impl(ctx: &mut RpcContext, request: MonitorRequest, shared_session: &SharedSession) -> Result<()> {
                  let mut run_loop = RunLoop { core_id: request.core, cancellation_token: ctx.cancellation_token() };
            -     {
            -         let mut session = shared_session.session_blocking();
            -         request.mode.prepare(&mut session, run_loop.core_id)?;
            -     }
            +     let mut session = shared_session.session_blocking();
            +     request.mode.prepare(&mut session, run_loop.core_id)?;
                  run_loop.run(shared_session)
              }
            """;

    @Test
    void aGuardWhoseBlockIsRemovedIsReported() {
        List<Finding> f = RuleRun.on(rule, "probe-rs-tools/src/bin/probe-rs/rpc/functions/monitor.rs", MONITOR);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC42", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`session` now stays locked to the end of `monitor_impl`");
        String fix = MONITOR.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         let mut session = shared_session.session_blocking();");
        assertThat(RuleRun.on(rule, "src/monitor.rs", fix)).isEmpty();
    }

    @Test
    void aBlockWithoutAGuardOrAnIfBlockIsNotReported() {
        assertThat(RuleRun.on(rule, "src/monitor.rs", MONITOR.replace("shared_session.session_blocking()",
                "shared_session.session_info()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/monitor.rs", MONITOR.replace("shared_session.session_blocking()",
                "runtime.block_on(shared_session.open())"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/monitor.rs", MONITOR.replace("-     {", "-     if ready {"))).isEmpty();
        String lastStatement = MONITOR.replaceAll("(?m)^\\s+run_loop\\.run\\(shared_session\\)\\n", "");
        assertThat(lastStatement).doesNotContain("run_loop.run");
        assertThat(RuleRun.on(rule, "src/monitor.rs", lastStatement)).isEmpty();
    }
}
