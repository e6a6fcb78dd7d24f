package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class BlockingInAsyncTest {

    private final BlockingInAsync rule = new BlockingInAsync();

    @Test
    void threadSleepInAnAsyncFn() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::time::Duration;
                impl BackupExecutor {
                    pub async fn throttle(&self) {
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
                """), "CC6", Severity.HIGH, 4, 4);
        assertThat(f.objects()).containsExactly("std::thread::sleep(Duration::from_millis(200))", "throttle");
        assertThat(f.explanation()).contains("async fn `throttle`", "executor thread");
        assertThat(f.checkBeforeAccepting()).contains("tokio::time::sleep");
        assertSingle(rule, Snippet.added("""
                use std::thread;
                async fn retry() {
                    thread::sleep(BACKOFF);
                }
                """), "CC6", Severity.HIGH, 3, 3);
    }

    @Test
    void stdFsAndNetInAnAsyncBlock() {
        assertSingle(rule, Snippet.added("""
                use std::fs;
                fn start() {
                    tokio::spawn(async move {
                        let text = fs::read_to_string("config.toml").unwrap();
                        apply(text).await;
                    });
                }
                """), "CC6", Severity.HIGH, 4, 4);
        assertSingle(rule, Snippet.added("""
                use std::net::TcpStream;
                async fn probe(addr: &str) -> bool {
                    TcpStream::connect(addr).is_ok()
                }
                """), "CC6", Severity.HIGH, 3, 3);
    }

    @Test
    void stdChannelRecvBlockOnAndReqwestBlocking() {
        assertSingle(rule, Snippet.added("""
                use std::sync::mpsc::Receiver;
                async fn next(rx: &Receiver<Job>) -> Job {
                    rx.recv().unwrap()
                }
                """), "CC6", Severity.HIGH, 3, 3);
        assertSingle(rule, Snippet.added("""
                async fn run() {
                    let v = futures::executor::block_on(fetch());
                }
                """), "CC6", Severity.HIGH, 2, 2);
        assertSingle(rule, Snippet.added("""
                async fn fetch(url: &str) -> String {
                    reqwest::blocking::get(url).unwrap().text().unwrap()
                }
                """), "CC6", Severity.HIGH, 2, 2);
    }

    @Test
    void testCodeIsMedium() {
        assertSingle(rule, Snippet.added("""
                #[tokio::test(flavor = "multi_thread")]
                async fn waits() {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                """), "CC6", Severity.MEDIUM, 3, 3);
    }

    @Test
    void asyncSleepAndAsyncIoAreFine() {
        assertNone(rule, Snippet.added("""
                use tokio::fs;
                use tokio::time::sleep;
                async fn run(addr: std::net::SocketAddr) {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    sleep(Duration::from_millis(5)).await;
                    let text = fs::read_to_string("x").await.unwrap();
                    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
                    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
                }
                """));
    }

    @Test
    void syncCodeAndSpawnBlockingClosuresAreFine() {
        assertNone(rule, Snippet.added("""
                use std::thread;
                fn poll_forever() {
                    thread::sleep(Duration::from_secs(1));
                    let t = std::fs::read("x");
                }
                async fn load() -> Vec<u8> {
                    tokio::task::spawn_blocking(|| std::fs::read("big.bin").unwrap()).await.unwrap()
                }
                """));
    }

    @Test
    void commentsStringsAndUntouchedCodeAreNotReported() {
        assertNone(rule, Snippet.of("src/exec.rs", """
                  async fn throttle() {
                      // std::thread::sleep(Duration::from_millis(200));
                      let s = "std::thread::sleep(d)";
                      std::thread::sleep(Duration::from_millis(200));
                  }
                + fn other() {}
                """));
    }
}
