package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC22: a live-task count incremented inside the task it counts, while shutdown waits for zero. */
class CountedInsideSpawnTest {

    private final CountedInsideSpawn rule = new CountedInsideSpawn();

    /** poem's accept loop with its fix (813a2a89d) reversed, and the shutdown that waits for the count. */
    private static final String SERVER = """
              impl Server {
                  pub async fn run(self, acceptor: Acceptor, notify: Arc<Notify>) {
                      let alive_connections = Arc::new(AtomicUsize::new(0));
                      loop {
                          let (socket, addr) = acceptor.accept().await?;
            -             alive_connections.fetch_add(1, Ordering::Release);
                          let alive_connections = alive_connections.clone();
                          let notify = notify.clone();
                          tokio::spawn(async move {
            +                 alive_connections.fetch_add(1, Ordering::SeqCst);
                              serve_connection(socket, addr).await;
                              if alive_connections.fetch_sub(1, Ordering::SeqCst) == 1 {
                                  notify.notify_one();
                              }
                          });
                      }
                      if alive_connections.load(Ordering::SeqCst) > 0 {
                          notify.notified().await;
                      }
                  }
              }
            """;

    @Test
    void aConnectionCountedByItsOwnTaskIsMissedByAShutdownThatWaitsForZero() {
        List<Finding> f = RuleRun.on(rule, "poem/src/server.rs", SERVER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC22", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`alive_connections` is incremented inside the task it counts, in `run`");
    }

    @Test
    void countedBeforeTheSpawnAStatisticNobodyWaitsOnOrNoDecrementIsFine() {
        // the fix itself: incremented by the accept loop before the spawn, not in the task
        String counted = SERVER.replace("-             alive_connections.fetch_add(1, Ordering::Release);",
                "              alive_connections.fetch_add(1, Ordering::Release);");
        assertThat(counted).isNotEqualTo(SERVER);
        assertThat(RuleRun.on(rule, "poem/src/server.rs", counted
                .replace("+                 alive_connections.fetch_add(1, Ordering::SeqCst);\n", ""))).isEmpty();
        // counted before the spawn too: the task's own increment cannot leave it out
        assertThat(RuleRun.on(rule, "poem/src/server.rs", counted)).isEmpty();
        // a statistic: nothing waits for it to reach zero
        assertThat(RuleRun.on(rule, "src/stats.rs", """
                  fn serve(stats: Arc<Stats>, jobs: Vec<Job>) {
                      for job in jobs {
                          let stats = stats.clone();
                          std::thread::spawn(move || {
                +             stats.running.fetch_add(1, Ordering::Relaxed);
                              job.run();
                              stats.running.fetch_sub(1, Ordering::Relaxed);
                          });
                      }
                  }
                  fn report(stats: &Stats) -> usize { stats.running.load(Ordering::Relaxed) }
                """)).isEmpty();
        // a count of requests served: only ever incremented
        assertThat(RuleRun.on(rule, "src/served.rs", """
                  fn serve(served: Arc<AtomicUsize>) {
                      tokio::spawn(async move {
                +         served.fetch_add(1, Ordering::Relaxed);
                      });
                      if served.load(Ordering::Relaxed) == 0 { println!("idle"); }
                  }
                """)).isEmpty();
    }
}
