package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class SleepSyncedTestTest {

    private final SleepSyncedTest rule = new SleepSyncedTest();

    @Test
    void tokioTestSleepsForASpawnedTask() {
        Finding f = assertSingle(rule, Snippet.added("""
                #[cfg(test)]
                mod tests {
                    use super::*;

                    #[tokio::test]
                    async fn job_finishes() {
                        let exec = Arc::new(BackupExecutor::new());
                        let e = exec.clone();
                        tokio::spawn(async move { e.run(Uuid::nil()).await.unwrap() });
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        assert_eq!(exec.jobs(), 1);
                    }
                }
                """), "CC7", Severity.MEDIUM, 10, 10);
        assertThat(f.objects()).containsExactly("tokio::time::sleep(Duration::from_millis(50)).await",
                "tokio::spawn(..)", "job_finishes");
        assertThat(f.explanation()).contains("line 9", "line 11");
    }

    @Test
    void threadTestSleepsForASpawnedThread() {
        assertSingle(rule, Snippet.added("""
                use std::thread;
                #[test]
                fn worker_drains() {
                    let q = Queue::new();
                    let w = q.clone();
                    thread::spawn(move || w.drain());
                    thread::sleep(Duration::from_millis(100));
                    assert!(q.is_empty());
                }
                """), "CC7", Severity.MEDIUM, 7, 7);
    }

    @Test
    void testAttributeWithArgumentsAndAnOldTestGainingASpawn() {
        assertSingle(rule, Snippet.added("""
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn delivers() {
                    let (tx, rx) = channel();
                    let set = JoinSet::new();
                    set.spawn(producer(tx));
                    sleep(Duration::from_millis(20)).await;
                    assert_eq!(rx.len(), 3);
                }
                """), "CC7", Severity.MEDIUM, 6, 6);
        assertSingle(rule, Snippet.of("tests/flow.rs", """
                  #[tokio::test]
                  async fn flows() {
                +     tokio::spawn(pump());
                      tokio::time::sleep(Duration::from_millis(20)).await;
                      assert!(done());
                  }
                """), "CC7", Severity.MEDIUM, 4, 4);
    }

    @Test
    void awaitingTheHandleIsFine() {
        assertNone(rule, Snippet.added("""
                #[tokio::test]
                async fn job_finishes() {
                    let exec = Arc::new(BackupExecutor::new());
                    let e = exec.clone();
                    let handle = tokio::spawn(async move { e.run(Uuid::nil()).await.unwrap() });
                    handle.await.unwrap();
                    assert_eq!(exec.jobs(), 1);
                }
                """));
    }

    @Test
    void sleepsThatDoNotWaitForSpawnedWorkAreFine() {
        assertNone(rule, Snippet.added("""
                #[tokio::test]
                async fn timer_fires() {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    assert!(true);
                }
                #[tokio::test]
                async fn worker_simulates_load() {
                    let h = tokio::spawn(async { tokio::time::sleep(Duration::from_millis(5)).await; 1 });
                    assert_eq!(h.await.unwrap(), 1);
                }
                #[tokio::test]
                async fn polls() {
                    tokio::spawn(pump());
                    for _ in 0..50 {
                        if done() { break; }
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                    assert!(done());
                }
                """));
    }

    @Test
    void productionCodeAndUntouchedTestsAreNotReported() {
        assertNone(rule, Snippet.added("""
                async fn retry_loop() {
                    tokio::spawn(pump());
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    assert!(done());
                }
                """));
        assertNone(rule, Snippet.of("src/lib.rs", """
                  #[tokio::test]
                  async fn flows() {
                      tokio::spawn(pump());
                      tokio::time::sleep(Duration::from_millis(20)).await;
                      assert!(done());
                  }
                + fn other() {}
                """));
    }
}
