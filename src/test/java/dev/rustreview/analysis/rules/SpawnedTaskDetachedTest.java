package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL36: a spawned task the fn awaited is now detached. */
class SpawnedTaskDetachedTest {

    private final SpawnedTaskDetached rule = new SpawnedTaskDetached();

    /** atuin's inline AI TUI with its fix (48b19778) reversed: the dispatch loop no longer awaited. */
    private static final String TUI = """
              async fn run_inline_tui(ctx: AppContext, handle: Handle) -> Result<Action> {
                  let (tx, rx) = std::sync::mpsc::channel();
                  let h = handle.clone();
            -     let dispatch_handle = tokio::task::spawn_blocking(move || {
            +     tokio::task::spawn_blocking(move || {
                      while let Ok(event) = rx.recv() {
                          dispatch::dispatch(&h, event, &tx, &ctx);
                      }
                  });
            -     let run_result = app.run_loop().await;
            -     let _ = dispatch_handle.await;
            -     run_result?;
            +     app.run_loop().await?;
                  Ok(app.state().exit_action)
              }
            """;

    @Test
    void aSpawnedTaskNoLongerAwaitedIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/atuin-ai/src/commands/inline.rs", TUI);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL36", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`spawn_blocking` task detached: `run_inline_tui` no longer awaits it");
        // `let _ =` drops the handle as well
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", TUI.replace("+     tokio::task::spawn_blocking(",
                "+     let _ = tokio::task::spawn_blocking(")))).containsExactly(tuple("AL36", MEDIUM, NEW, 4, 4));
    }

    @Test
    void aTaskStillAwaitedKeptOrNeverAwaitedIsNotReported() {
        // the fix direction: the handle is kept and awaited
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  async fn run(rx: Receiver<Event>) -> Result<()> {
                -     tokio::task::spawn_blocking(move || drain(rx));
                +     let worker = tokio::task::spawn_blocking(move || drain(rx));
                      serve().await?;
                +     worker.await?;
                      Ok(())
                  }
                """)).isEmpty();
        // awaited before and after, under another name
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  async fn run(rx: Receiver<Event>) -> Result<()> {
                -     let worker = tokio::spawn(drain(rx));
                -     worker.await?;
                +     let task = tokio::spawn(drain(rx));
                +     task.await?;
                      Ok(())
                  }
                """)).isEmpty();
        // the handle now handed back to the caller
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  async fn run(rx: Receiver<Event>) -> JoinHandle<()> {
                      let worker = tokio::spawn(drain(rx));
                -     worker.await.unwrap();
                -     tokio::spawn(idle())
                +     worker
                  }
                """)).isEmpty();
        // a fn that never awaited what it spawned
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  async fn run(rx: Receiver<Event>) {
                -     tokio::spawn(drain(rx, 1));
                +     tokio::spawn(drain(rx, 2));
                  }
                """)).isEmpty();
    }
}
