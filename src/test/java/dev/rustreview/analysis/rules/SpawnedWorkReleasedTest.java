package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL8 and CC16: what stopped or waited for spawned work removed while the file still spawns. */
class SpawnedWorkReleasedTest {

    private final SpawnedWorkReleased al8 = SpawnedWorkReleased.taskAbort();
    private final SpawnedWorkReleased cc16 = SpawnedWorkReleased.threadJoin();

    @Test
    void theDropThatAbortedABackgroundTaskIsRemoved() {
        // tower's SpawnReady with its fix (8ceee45f) reversed.
        List<Finding> f = RuleRun.on(al8, "tower/src/spawn_ready/service.rs", """
                  enum Inner<S> { Service(Option<S>), Future(tokio::task::JoinHandle<Result<S, BoxError>>) }
                  impl<S> SpawnReady<S> {
                      fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
                          let svc = self.take();
                          self.inner = Inner::Future(tokio::spawn(svc.ready_oneshot()));
                          Poll::Pending
                      }
                  }
                - impl<S> Drop for SpawnReady<S> {
                -     fn drop(&mut self) {
                -         if let Inner::Future(ref mut task) = self.inner {
                -             task.abort();
                -         }
                -     }
                - }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL8", MEDIUM, OLD, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`.abort()` removed from `drop`: the spawned task is no longer aborted");
        assertThat(RuleRun.on(cc16, "tower/src/spawn_ready/service.rs", "  fn a() { tokio::spawn(f()); }\n- fn b(t: JoinHandle<()>) { t.abort(); }\n")).isEmpty();
    }

    @Test
    void aRouterThreadNoLongerJoinedAtShutdown() {
        // ipc-channel's router with its fix (c8d07cff) reversed.
        List<Finding> f = RuleRun.on(cc16, "src/router.rs", """
                  impl RouterProxy {
                      pub fn new() -> RouterProxy {
                -         let handle = thread::Builder::new().spawn(move || router.run()).unwrap();
                +         thread::Builder::new().spawn(move || router.run()).unwrap();
                          RouterProxy { comm: Mutex::new(RouterProxyComm { handle: None }) }
                      }
                      pub fn shutdown(&self) {
                          let mut comm = self.comm.lock().unwrap();
                          comm.msg_sender.send(RouterMsg::Shutdown).unwrap();
                -         comm.handle.take().expect("join handle").join().expect("router thread");
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC16", MEDIUM, OLD, 9, 9));
    }

    @Test
    void pathAndSliceJoinsMovedJoinsTestsAndFilesThatNoLongerSpawnAreQuiet() {
        assertThat(RuleRun.on(cc16, "src/lib.rs", """
                  fn start() { std::thread::spawn(|| work()); }
                - fn path(p: &Path) -> PathBuf { p.join("x") }
                - fn csv(v: &[String]) -> String { v.join(",") }
                  fn stop(h: JoinHandle<()>) {
                -     h.join().unwrap();
                +     let r = h.join();
                +     r.unwrap();
                  }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn t() {
                -         std::thread::spawn(|| {}).join().unwrap();
                      }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(al8, "src/lib.rs", """
                - fn start() -> JoinHandle<()> { tokio::spawn(work()) }
                - fn stop(h: JoinHandle<()>) { h.abort(); }
                + fn run() { work_inline(); }
                """)).isEmpty();
    }
}
