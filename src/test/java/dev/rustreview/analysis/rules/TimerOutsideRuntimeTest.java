package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL18: a tokio timer or task made in a sync fn that drives futures with block_on, outside the runtime. */
class TimerOutsideRuntimeTest {

    private final TimerOutsideRuntime rule = new TimerOutsideRuntime();

    /** rumqttc's Connection::recv_timeout with its fix (38786428) reversed. */
    private static final String RECV = """
              use tokio::time::timeout;
              impl Connection {
                  pub fn recv_timeout(&mut self, duration: Duration) -> Result<Event, RecvTimeoutError> {
            -         let _guard = self.runtime.enter();
                      let f = timeout(duration, self.eventloop.poll());
                      let event = self.runtime.block_on(f).map_err(|_| RecvTimeoutError::Timeout)?;
                      Ok(event)
                  }
              }
            """;

    @Test
    void aTimeoutBuiltBeforeBlockOnWithoutEnteringTheRuntime() {
        List<Finding> f = RuleRun.on(rule, "rumqttc/src/client.rs", RECV);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL18", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`timeout(..)` in `recv_timeout` runs outside the tokio runtime it later blocks on");
        // the fix direction: the guard added before the timer
        assertThat(RuleRun.on(rule, "rumqttc/src/client.rs", RECV.replace(
                "-         let _guard = self.runtime.enter();", "+         let _guard = self.runtime.enter();"))).isEmpty();
        // new code with the same hazard is reported; spawn and qualified sleeps too
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  use tokio::runtime::Runtime;
                  fn run(rt: &Runtime) {
                +     let t = tokio::spawn(work());
                +     rt.block_on(t).unwrap();
                  }
                """)).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn pause(rt: &tokio::runtime::Runtime) {
                +     let s = tokio::time::sleep(Duration::from_millis(5));
                +     rt.block_on(s);
                  }
                """)).hasSize(1);
    }

    @Test
    void timersMadeInsideTheRuntimeAreLeftAlone() {
        // inside block_on's argument, inside an async block, in an async fn, no block_on, a std sleep, unchanged
        for (String body : List.of(
                "+     rt.block_on(timeout(d, fut));\n",
                "+     let f = async move { timeout(d, fut).await };\n+     rt.block_on(f);\n",
                "+     std::thread::sleep(d);\n+     rt.block_on(fut);\n")) {
            assertThat(RuleRun.on(rule, "src/lib.rs", "  use tokio::time::timeout;\n  fn run(rt: &Runtime) {\n" + body + "  }\n"))
                    .as(body).isEmpty();
        }
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  use tokio::time::timeout;
                  async fn run(rt: &Runtime) {
                +     let f = timeout(d, fut);
                +     rt.block_on(f);
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  use tokio::time::timeout;
                  fn run(rt: &Runtime) {
                +     let f = timeout(d, fut);
                +     other(f);
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", RECV.replace("-         let _guard = self.runtime.enter();\n", "")
                .replace("          Ok(event)", "-         Ok(event)\n+         Ok(event.into())"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", RECV.replace("use tokio::time::timeout;", "use async_io::Timer;")
                .replace("self.runtime", "self.rt"))).isEmpty();
    }
}
